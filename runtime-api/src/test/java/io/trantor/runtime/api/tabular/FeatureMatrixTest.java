package io.trantor.runtime.api.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {
  private static final InputLayout MATRIX =
      new InputLayout.Matrix(TensorMetadata.of("input-0", Datatype.FP32, -1, 3), 3);
  private static final InputLayout COLUMNS =
      new InputLayout.Columns(
          List.of("a", "b", "c").stream().map(c -> TensorMetadata.of(c, Datatype.INT64, -1, 1)).toList());

  private static FeatureMatrix read(InputLayout layout, Tensor... inputs) {
    return FeatureMatrix.of(InferenceRequest.of("tiny", List.of(inputs)), layout);
  }

  @Test
  void readsOneMatrixInputRowByRow() {
    FeatureMatrix matrix = read(MATRIX, Tensor.ofFloats("input-0", new long[] {2, 3}, 1, 2, 3, 4, 5, 6));

    assertThat(matrix.rows()).isEqualTo(2);
    assertThat(matrix.features()).isEqualTo(3);
    assertThat(matrix.values()).containsExactly(1, 2, 3, 4, 5, 6);
  }

  @Test
  void readsDeclaredColumnsInDeclaredOrderWhateverTheRequestOrder() {
    FeatureMatrix matrix =
        read(
            COLUMNS,
            Tensor.ofLongs("c", new long[] {2, 1}, 5, 6),
            Tensor.ofLongs("a", new long[] {2, 1}, 1, 2),
            Tensor.ofLongs("b", new long[] {2}, 3, 4));

    assertThat(matrix.rows()).isEqualTo(2);
    assertThat(matrix.values()).containsExactly(1, 3, 5, 2, 4, 6);
  }

  @Test
  void readsSeveralInputsForAMatrixLayoutAsColumnsInRequestOrder() {
    FeatureMatrix matrix =
        read(
            MATRIX,
            Tensor.ofInts("z", new long[] {1, 1}, 7),
            Tensor.ofInts("y", new long[] {1, 1}, 8),
            Tensor.ofInts("x", new long[] {1, 1}, 9));

    assertThat(matrix.values()).containsExactly(7, 8, 9);
  }

  @Test
  void readsNoRowsAsAnEmptyMatrix() {
    FeatureMatrix matrix = read(MATRIX, Tensor.ofFloats("input-0", new long[] {0, 3}));

    assertThat(matrix.rows()).isZero();
    assertThat(matrix.values()).isEmpty();
  }

  @Test
  void narrowsToFp32() {
    FeatureMatrix matrix = new FeatureMatrix(new double[] {0.1, 2, -3.5}, 1, 3);

    assertThat(matrix.toFloats()).containsExactly(0.1f, 2f, -3.5f);
  }

  @Test
  void rejectsAMatrixWithTheWrongNumberOfFeatures() {
    assertThatThrownBy(() -> read(MATRIX, Tensor.ofFloats("input-0", new long[] {1, 4}, 1, 2, 3, 4)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input 'input-0' has shape [1, 4]; the model expects [rows, 3]");
  }

  @Test
  void rejectsAMissingDeclaredColumn() {
    assertThatThrownBy(
            () -> read(COLUMNS, Tensor.ofLongs("a", new long[] {1, 1}, 1), Tensor.ofLongs("b", new long[] {1, 1}, 2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input 'c' is missing; the model takes one input per column: a, b, c");
  }

  @Test
  void rejectsColumnsWithDifferentRowCounts() {
    assertThatThrownBy(
            () ->
                read(
                    COLUMNS,
                    Tensor.ofLongs("a", new long[] {1, 1}, 1),
                    Tensor.ofLongs("b", new long[] {2, 1}, 2, 3),
                    Tensor.ofLongs("c", new long[] {1, 1}, 4)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input 'b' has 2 rows but 'a' has 1; every column needs the same number of rows");
  }

  @Test
  void rejectsAColumnThatIsWiderThanOne() {
    assertThatThrownBy(
            () ->
                read(
                    COLUMNS,
                    Tensor.ofLongs("a", new long[] {1, 1}, 1),
                    Tensor.ofLongs("b", new long[] {1, 2}, 2, 3),
                    Tensor.ofLongs("c", new long[] {1, 1}, 4)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input 'b' has shape [1, 2]; with one input per feature each must be [rows, 1] or [rows]");
  }

  @Test
  void rejectsAsManyInputsAsTheModelDoesNotHaveFeatures() {
    assertThatThrownBy(
            () -> read(MATRIX, Tensor.ofInts("x", new long[] {1, 1}, 1), Tensor.ofInts("y", new long[] {1, 1}, 2)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "the request has 2 inputs, but the model takes 3 features; send one [rows, 3] input or one [rows, 1]"
                + " input per feature");
  }
}
