package io.trantor.samples.iris;

/**
 * A multinomial logistic regression {@code argmax(x · weights + bias)}, trained by full-batch
 * gradient descent with a fixed number of steps and no randomness, so the same data gives the same
 * weights bit for bit. Training runs on standardised features (it converges in few steps); the
 * scaling is then folded into the weights so the model takes raw measurements.
 *
 * @param weights {@code [features][classes]}, row-major as an ONNX MatMul initializer wants it
 * @param bias {@code [classes]}
 */
public record SoftmaxRegression(float[][] weights, float[] bias) {
  private static final int STEPS = 3000;
  private static final double LEARNING_RATE = 0.5;
  private static final double L2 = 1e-4;

  public static SoftmaxRegression train(double[][] x, int[] y, int classes) {
    int n = x.length;
    int f = x[0].length;
    double[] mean = new double[f];
    double[] std = new double[f];
    for (double[] row : x) {
      for (int j = 0; j < f; j++) {
        mean[j] += row[j] / n;
      }
    }
    for (double[] row : x) {
      for (int j = 0; j < f; j++) {
        std[j] += (row[j] - mean[j]) * (row[j] - mean[j]) / n;
      }
    }
    for (int j = 0; j < f; j++) {
      std[j] = Math.sqrt(std[j]);
    }
    double[][] z = new double[n][f];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < f; j++) {
        z[i][j] = (x[i][j] - mean[j]) / std[j];
      }
    }

    double[][] w = new double[f][classes];
    double[] b = new double[classes];
    for (int step = 0; step < STEPS; step++) {
      double[][] gradW = new double[f][classes];
      double[] gradB = new double[classes];
      for (int i = 0; i < n; i++) {
        double[] p = softmax(z[i], w, b);
        for (int c = 0; c < classes; c++) {
          double error = p[c] - (y[i] == c ? 1 : 0);
          gradB[c] += error / n;
          for (int j = 0; j < f; j++) {
            gradW[j][c] += error * z[i][j] / n;
          }
        }
      }
      for (int c = 0; c < classes; c++) {
        b[c] -= LEARNING_RATE * gradB[c];
        for (int j = 0; j < f; j++) {
          w[j][c] -= LEARNING_RATE * (gradW[j][c] + L2 * w[j][c]);
        }
      }
    }

    // z = (x - mean) / std, so x·(w/std) + (b - Σ mean·w/std) is the same score on raw x.
    float[][] rawWeights = new float[f][classes];
    float[] rawBias = new float[classes];
    for (int c = 0; c < classes; c++) {
      double shift = b[c];
      for (int j = 0; j < f; j++) {
        rawWeights[j][c] = (float) (w[j][c] / std[j]);
        shift -= mean[j] * w[j][c] / std[j];
      }
      rawBias[c] = (float) shift;
    }
    return new SoftmaxRegression(rawWeights, rawBias);
  }

  /** The class with the highest score, computed in float as the exported model does. */
  public int predict(double[] features) {
    int best = 0;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int c = 0; c < bias.length; c++) {
      float score = bias[c];
      for (int j = 0; j < features.length; j++) {
        score += (float) features[j] * weights[j][c];
      }
      if (score > bestScore) {
        bestScore = score;
        best = c;
      }
    }
    return best;
  }

  /** Share of rows whose predicted class is the label. */
  public double accuracy(double[][] x, int[] y) {
    int correct = 0;
    for (int i = 0; i < x.length; i++) {
      if (predict(x[i]) == y[i]) {
        correct++;
      }
    }
    return (double) correct / x.length;
  }

  /** Weights flattened row-major, {@code [features * classes]}. */
  public float[] flatWeights() {
    int classes = bias.length;
    float[] flat = new float[weights.length * classes];
    for (int j = 0; j < weights.length; j++) {
      System.arraycopy(weights[j], 0, flat, j * classes, classes);
    }
    return flat;
  }

  private static double[] softmax(double[] z, double[][] w, double[] b) {
    int classes = b.length;
    double[] score = new double[classes];
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < classes; c++) {
      score[c] = b[c];
      for (int j = 0; j < z.length; j++) {
        score[c] += z[j] * w[j][c];
      }
      max = Math.max(max, score[c]);
    }
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      // StrictMath: the same result on every JVM and CPU, so the weights are reproducible.
      score[c] = StrictMath.exp(score[c] - max);
      sum += score[c];
    }
    for (int c = 0; c < classes; c++) {
      score[c] /= sum;
    }
    return score;
  }
}
