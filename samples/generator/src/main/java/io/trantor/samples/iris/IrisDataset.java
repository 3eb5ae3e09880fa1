package io.trantor.samples.iris;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fisher's iris data (150 rows, 4 features, 3 classes), read from the CSV resource shipped with
 * the generator.
 *
 * @param features one row of 4 measurements (cm) per flower
 * @param labels class per row: 0 setosa, 1 versicolor, 2 virginica
 */
public record IrisDataset(double[][] features, int[] labels) {
  public static final int FEATURES = 4;
  public static final int CLASSES = 3;
  private static final String RESOURCE = "iris.csv";

  public int rows() {
    return labels.length;
  }

  /** The bundled dataset. */
  public static IrisDataset load() {
    try (InputStream in = IrisDataset.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + RESOURCE + " is missing from the generator jar");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static IrisDataset parse(BufferedReader reader) throws IOException {
    List<double[]> rows = new ArrayList<>();
    List<Integer> classes = new ArrayList<>();
    String line;
    boolean header = true;
    while ((line = reader.readLine()) != null) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      if (header) {
        header = false;
        continue;
      }
      String[] cells = line.split(",");
      double[] row = new double[FEATURES];
      for (int i = 0; i < FEATURES; i++) {
        row[i] = Double.parseDouble(cells[i]);
      }
      rows.add(row);
      classes.add(Integer.parseInt(cells[FEATURES].trim()));
    }
    return new IrisDataset(
        rows.toArray(double[][]::new), classes.stream().mapToInt(Integer::intValue).toArray());
  }
}
