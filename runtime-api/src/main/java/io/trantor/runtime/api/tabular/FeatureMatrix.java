package io.trantor.runtime.api.tabular;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The request's numbers as a row-major {@code rows × features} matrix. Any numeric datatype is
 * accepted and widened to FP64, so INT64 columns (as the income samples send) work as well as FP32.
 */
public record FeatureMatrix(double[] values, int rows, int features) {

  /**
   * Reads the request the way the layout says. A request with several inputs for a model that
   * declares a single matrix input is read as one column per input, in request order.
   *
   * @throws InvalidInputException naming the tensor whose shape or row count does not fit
   */
  public static FeatureMatrix of(InferenceRequest request, InputLayout layout) {
    return switch (layout) {
      case InputLayout.Columns columns -> fromColumns(declaredColumns(request, columns), layout.features());
      case InputLayout.Matrix matrix when request.inputs().size() == 1 ->
          fromMatrix(request.inputs().getFirst(), matrix.features());
      case InputLayout.Matrix matrix -> fromColumns(request.inputs(), matrix.features());
    };
  }

  /** Narrowed to FP32, for libraries that compute in it (XGBoost does). */
  public float[] toFloats() {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static List<Tensor> declaredColumns(InferenceRequest request, InputLayout.Columns layout) {
    List<Tensor> ordered = new ArrayList<>(layout.columns().size());
    for (var column : layout.columns()) {
      Tensor tensor = request.input(column.name());
      if (tensor == null) {
        throw new InvalidInputException(
            "input '" + column.name() + "' is missing; the model takes one input per column: "
                + String.join(", ", layout.columns().stream().map(c -> c.name()).toList()));
      }
      ordered.add(tensor);
    }
    return ordered;
  }

  private static FeatureMatrix fromMatrix(Tensor tensor, int features) {
    long[] shape = tensor.shape();
    if (shape.length != 2 || shape[1] != features) {
      throw new InvalidInputException(
          "input '" + tensor.name() + "' has shape " + Arrays.toString(shape) + "; the model expects [rows, "
              + features + "]");
    }
    return new FeatureMatrix(tensor.asDoubleValues(), Math.toIntExact(shape[0]), features);
  }

  private static FeatureMatrix fromColumns(List<Tensor> columns, int features) {
    if (columns.size() != features) {
      throw new InvalidInputException(
          "the request has " + columns.size() + " inputs, but the model takes " + features
              + " features; send one [rows, " + features + "] input or one [rows, 1] input per feature");
    }
    Tensor first = columns.getFirst();
    int rows = Math.toIntExact(first.elementCount());
    double[] values = new double[Math.multiplyExact(rows, features)];
    for (int column = 0; column < features; column++) {
      Tensor tensor = columns.get(column);
      long[] shape = tensor.shape();
      boolean oneColumn = shape.length == 1 || (shape.length == 2 && shape[1] == 1);
      if (!oneColumn) {
        throw new InvalidInputException(
            "input '" + tensor.name() + "' has shape " + Arrays.toString(shape)
                + "; with one input per feature each must be [rows, 1] or [rows]");
      }
      if (tensor.elementCount() != rows) {
        throw new InvalidInputException(
            "input '" + tensor.name() + "' has " + tensor.elementCount() + " rows but '" + first.name()
                + "' has " + rows + "; every column needs the same number of rows");
      }
      double[] columnValues = tensor.asDoubleValues();
      for (int row = 0; row < rows; row++) {
        values[row * features + column] = columnValues[row];
      }
    }
    return new FeatureMatrix(values, rows, features);
  }
}
