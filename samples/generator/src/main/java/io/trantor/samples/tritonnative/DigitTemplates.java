package io.trantor.samples.tritonnative;

/**
 * Synthetic MNIST stand-in: each digit drawn as a seven-segment figure on a 28x28 canvas (ink 1,
 * background 0), and a linear classifier whose weights are those figures, centred and scaled to
 * unit length. For an input that is one of the figures, its own class scores highest (Cauchy–
 * Schwarz: the figures differ, so no other unit template can match it as well), so the argmax
 * of the ten scores is the digit drawn. Not trained on MNIST: no data set is fetched.
 */
public final class DigitTemplates {
  public static final int SIDE = 28;
  public static final int PIXELS = SIDE * SIDE;
  public static final int CLASSES = 10;

  // Segments a (top), b (top right), c (bottom right), d (bottom), e (bottom left), f (top left),
  // g (middle), as bits 0..6, for digits 0..9.
  private static final int[] SEGMENTS = {
    0b0111111, 0b0000110, 0b1011011, 0b1001111, 0b1100110,
    0b1101101, 0b1111101, 0b0000111, 0b1111111, 0b1101111
  };
  private static final int LEFT = 8;
  private static final int RIGHT = 19;
  private static final int TOP = 4;
  private static final int MIDDLE = 13;
  private static final int BOTTOM = 23;
  private static final int STROKE = 3;

  private DigitTemplates() {}

  /** The figure of {@code digit}, row-major, 784 values of 0 or 1. */
  public static float[] image(int digit) {
    float[] pixels = new float[PIXELS];
    int segments = SEGMENTS[digit];
    if ((segments & 1) != 0) {
      fill(pixels, TOP, TOP + STROKE, LEFT, RIGHT + 1);
    }
    if ((segments & 2) != 0) {
      fill(pixels, TOP, MIDDLE + 2, RIGHT - STROKE + 1, RIGHT + 1);
    }
    if ((segments & 4) != 0) {
      fill(pixels, MIDDLE, BOTTOM + 1, RIGHT - STROKE + 1, RIGHT + 1);
    }
    if ((segments & 8) != 0) {
      fill(pixels, BOTTOM - STROKE + 1, BOTTOM + 1, LEFT, RIGHT + 1);
    }
    if ((segments & 16) != 0) {
      fill(pixels, MIDDLE, BOTTOM + 1, LEFT, LEFT + STROKE);
    }
    if ((segments & 32) != 0) {
      fill(pixels, TOP, MIDDLE + 2, LEFT, LEFT + STROKE);
    }
    if ((segments & 64) != 0) {
      fill(pixels, MIDDLE - 1, MIDDLE + 2, LEFT, RIGHT + 1);
    }
    return pixels;
  }

  /** The classifier's weights, {@code [784,10]} row-major: column {@code d} scores digit {@code d}. */
  public static float[] weights() {
    float[] weights = new float[PIXELS * CLASSES];
    for (int digit = 0; digit < CLASSES; digit++) {
      float[] pixels = image(digit);
      double mean = 0;
      for (float p : pixels) {
        mean += p;
      }
      mean /= PIXELS;
      double norm = 0;
      for (float p : pixels) {
        norm += (p - mean) * (p - mean);
      }
      norm = StrictMath.sqrt(norm);
      for (int i = 0; i < PIXELS; i++) {
        weights[i * CLASSES + digit] = (float) ((pixels[i] - mean) / norm);
      }
    }
    return weights;
  }

  private static void fill(float[] pixels, int rowFrom, int rowTo, int columnFrom, int columnTo) {
    for (int row = rowFrom; row < rowTo; row++) {
      for (int column = columnFrom; column < columnTo; column++) {
        pixels[row * SIDE + column] = 1f;
      }
    }
  }
}
