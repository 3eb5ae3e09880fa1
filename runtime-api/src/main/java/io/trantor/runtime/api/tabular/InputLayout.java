package io.trantor.runtime.api.tabular;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import java.util.Arrays;
import java.util.List;

/**
 * How a request's tensors make up the rows × features matrix a tabular model predicts on, decided
 * once at load from what model-settings.json declares. It is also the input half of the signature, so
 * it decides what request validation lets through.
 */
public sealed interface InputLayout permits InputLayout.Matrix, InputLayout.Columns {

  /** The name of the one input when nothing is declared (MLServer's default for the first input). */
  String DEFAULT_INPUT_NAME = "input-0";

  /** Inputs as metadata reports them and request validation checks them. */
  List<TensorMetadata> inputs();

  int features();

  /** One tensor of shape {@code [rows, features]}. */
  record Matrix(TensorMetadata input, int features) implements InputLayout {
    @Override
    public List<TensorMetadata> inputs() {
      return List.of(input);
    }
  }

  /**
   * One tensor per feature, each of shape {@code [rows, 1]} or {@code [rows]}, in this order: a
   * Pandas DataFrame sent as one tensor per column (MLServer's "pd" content type).
   */
  record Columns(List<TensorMetadata> columns) implements InputLayout {
    public Columns {
      columns = List.copyOf(columns);
    }

    @Override
    public List<TensorMetadata> inputs() {
      return columns;
    }

    @Override
    public int features() {
      return columns.size();
    }
  }

  /**
   * Nothing declared: one FP32 {@code [-1, features]} input named {@value #DEFAULT_INPUT_NAME}.
   * One declared input: that input holds the whole matrix. Several: one column each, and there
   * must be exactly as many as the model has features.
   */
  public static InputLayout of(ModelArtifact artifact, int features) throws ModelLoadException {
    List<TensorMetadata> declared = artifact.declaredInputs();
    for (TensorMetadata input : declared) {
      if (input.datatype() == null || !input.datatype().isFixedWidth()) {
        throw new ModelLoadException(
            where(artifact) + "declares input '" + input.name() + "' as " + input.datatype()
                + ", but a tree model takes numbers; declare a numeric datatype such as FP32 or INT64");
      }
    }
    if (declared.isEmpty()) {
      return new Matrix(TensorMetadata.of(DEFAULT_INPUT_NAME, Datatype.FP32, -1, features), features);
    }
    if (declared.size() == 1) {
      TensorMetadata input = declared.getFirst();
      long[] shape = input.shape();
      if (shape.length != 2 || (shape[1] != -1 && shape[1] != features)) {
        throw new ModelLoadException(
            where(artifact) + "declares input '" + input.name() + "' with shape " + Arrays.toString(shape)
                + ", but the model takes " + features + " features; declare [-1, " + features + "]");
      }
      return new Matrix(input, features);
    }
    if (declared.size() != features) {
      throw new ModelLoadException(
          where(artifact) + "declares " + declared.size() + " inputs (one per column), but the model takes "
              + features + " features; declare one input per feature, or a single [-1, " + features + "] input");
    }
    return new Columns(declared);
  }

  private static String where(ModelArtifact artifact) {
    return "model '" + artifact.name() + "': "
        + (artifact.source() == null ? "the model settings " : artifact.source().getFileName() + " ");
  }
}
