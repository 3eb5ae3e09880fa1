package io.trantor.samples.trees;

import java.util.List;
import java.util.Random;

/**
 * A seeded stand-in for the Adult ("census income") data set: integer-coded features in the Adult
 * column order and a 0/1 label from a noisy rule ("earns more than 50K"). Same seed, same rows, on
 * every JVM, because {@link Random} is specified bit for bit.
 *
 * @param features row-major, {@code rows × FEATURE_NAMES.size()} values
 * @param labels one 0/1 label per row
 */
public record SyntheticIncome(float[] features, float[] labels, int rows) {

  /** The 12 columns, in the order the Adult data set and Seldon's income samples use. */
  public static final List<String> FEATURE_NAMES =
      List.of(
          "Age",
          "Workclass",
          "Education",
          "Marital Status",
          "Occupation",
          "Relationship",
          "Race",
          "Sex",
          "Capital Gain",
          "Capital Loss",
          "Hours per week",
          "Country");

  public static int columns() {
    return FEATURE_NAMES.size();
  }

  /** {@code rows} rows drawn from {@code new Random(seed)}. */
  public static SyntheticIncome generate(long seed, int rows) {
    Random random = new Random(seed);
    int columns = columns();
    float[] features = new float[rows * columns];
    float[] labels = new float[rows];
    for (int row = 0; row < rows; row++) {
      int age = clamp((int) Math.round(38 + 13 * random.nextGaussian()), 17, 90);
      int workclass = random.nextInt(9);
      int education = random.nextInt(16);
      int maritalStatus = random.nextInt(7);
      int occupation = random.nextInt(14);
      int relationship = random.nextInt(6);
      int race = random.nextInt(5);
      int sex = random.nextInt(2);
      int capitalGain = random.nextDouble() < 0.08 ? 1000 + random.nextInt(20000) : 0;
      int capitalLoss = random.nextDouble() < 0.05 ? 1000 + random.nextInt(3000) : 0;
      int hoursPerWeek = clamp((int) Math.round(40 + 12 * random.nextGaussian()), 1, 99);
      int country = random.nextDouble() < 0.9 ? 9 : random.nextInt(41);
      double noise = random.nextGaussian();

      int[] values = {
        age, workclass, education, maritalStatus, occupation, relationship, race, sex,
        capitalGain, capitalLoss, hoursPerWeek, country
      };
      for (int column = 0; column < columns; column++) {
        features[row * columns + column] = values[column];
      }
      double score =
          0.05 * (age - 40)
              + 0.25 * (education - 8)
              + (maritalStatus == 1 ? 1.2 : 0)
              + (sex == 1 ? 0.3 : 0)
              + 0.04 * (hoursPerWeek - 40)
              + (capitalGain > 5000 ? 2.5 : 0)
              + (capitalLoss > 1500 ? 0.8 : 0)
              - 1.0
              + noise;
      labels[row] = score > 0 ? 1f : 0f;
    }
    return new SyntheticIncome(features, labels, rows);
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
