package io.trantor.samples.tritonnative;

/**
 * A stand-in for Seldon's TensorFlow CIFAR-10 classifier (shared reference §5.1 A13/A14) as a
 * SavedModel ({@code saved_model.pb}, no variables: the weights are constants in the graph), with
 * the same signature: {@code input_1} FP32 {@code [-1,32,32,3]} → {@code fc10} FP32 {@code [-1,10]},
 * class probabilities (softmax). The weights are synthetic: class {@code c}'s template lights rows
 * {@code 3c..3c+2} of the image, centred and scaled, so an image of that band scores class
 * {@code c} highest. Built as a {@link SoftmaxSavedModel}, the same bytes on every run.
 */
public final class Cifar10SavedModel {
  public static final int SIDE = 32;
  public static final int CHANNELS = 3;
  public static final int PIXELS = SIDE * SIDE * CHANNELS;
  public static final int CLASSES = 10;
  private static final int BAND_ROWS = 3;
  /** Sharpens the softmax so a band image gets most of the probability. */
  private static final double SCALE = 8.0;

  private Cifar10SavedModel() {}

  /** The image of class {@code c}: rows {@code 3c..3c+2} at 1 in every channel, the rest 0. */
  public static float[] bandImage(int c) {
    float[] image = new float[PIXELS];
    for (int row = BAND_ROWS * c; row < BAND_ROWS * (c + 1); row++) {
      for (int i = row * SIDE * CHANNELS; i < (row + 1) * SIDE * CHANNELS; i++) {
        image[i] = 1f;
      }
    }
    return image;
  }

  public static byte[] build() {
    return new SoftmaxSavedModel("input_1", new long[] {SIDE, SIDE, CHANNELS}, SoftmaxSavedModel.Features.FLATTEN,
        weights(), "fc10", CLASSES).build();
  }

  /** {@code [3072,10]} row-major: column {@code c} is class c's band, centred, unit length, scaled. */
  static float[] weights() {
    float[] weights = new float[PIXELS * CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      float[] band = bandImage(c);
      double mean = 0;
      for (float v : band) {
        mean += v;
      }
      mean /= PIXELS;
      double norm = 0;
      for (float v : band) {
        norm += (v - mean) * (v - mean);
      }
      norm = StrictMath.sqrt(norm);
      for (int i = 0; i < PIXELS; i++) {
        weights[i * CLASSES + c] = (float) (SCALE * (band[i] - mean) / norm);
      }
    }
    return weights;
  }
}
