package io.trantor.runtime.api.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InputLayoutTest {
  private static final List<TensorMetadata> COLUMNS =
      List.of("a", "b", "c", "d").stream().map(c -> TensorMetadata.of(c, Datatype.INT64, -1, 1)).toList();

  private static ModelArtifact declaring(List<TensorMetadata> inputs, Path source) {
    return new ModelArtifact(
        "tiny", "1", Path.of("models/tiny"), null, null, null, 0, inputs, List.of(), Map.of(), source);
  }

  @Test
  void takesOneFp32MatrixNamedInput0WhenNothingIsDeclared() throws Exception {
    InputLayout layout = InputLayout.of(declaring(List.of(), null), 4);

    assertThat(layout).isEqualTo(new InputLayout.Matrix(TensorMetadata.of("input-0", Datatype.FP32, -1, 4), 4));
    assertThat(layout.inputs()).containsExactly(TensorMetadata.of("input-0", Datatype.FP32, -1, 4));
    assertThat(layout.features()).isEqualTo(4);
  }

  @Test
  void takesOneDeclaredInputAsTheWholeMatrix() throws Exception {
    TensorMetadata declared = TensorMetadata.of("features", Datatype.FP64, -1, -1);

    InputLayout layout = InputLayout.of(declaring(List.of(declared), null), 4);

    assertThat(layout).isEqualTo(new InputLayout.Matrix(declared, 4));
    assertThat(layout.inputs()).containsExactly(declared);
  }

  @Test
  void takesSeveralDeclaredInputsAsOneColumnEachInDeclaredOrder() throws Exception {
    InputLayout layout = InputLayout.of(declaring(COLUMNS, null), 4);

    assertThat(layout).isEqualTo(new InputLayout.Columns(COLUMNS));
    assertThat(layout.inputs()).isEqualTo(COLUMNS);
    assertThat(layout.features()).isEqualTo(4);
  }

  @Test
  void refusesAsManyColumnsAsTheModelDoesNotHaveFeatures() {
    assertThatThrownBy(() -> InputLayout.of(declaring(COLUMNS.subList(0, 3), Path.of("tiny/model-settings.json")), 4))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'tiny': model-settings.json declares 3 inputs (one per column), but the model takes 4 features;"
                + " declare one input per feature, or a single [-1, 4] input");
  }

  @Test
  void refusesASingleInputOfTheWrongWidth() {
    TensorMetadata declared = TensorMetadata.of("features", Datatype.FP32, -1, 3);

    assertThatThrownBy(() -> InputLayout.of(declaring(List.of(declared), null), 4))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'tiny': the model settings declares input 'features' with shape [-1, 3], but the model takes 4"
                + " features; declare [-1, 4]");
  }

  @Test
  void refusesInputsThatAreNotNumbers() {
    List<TensorMetadata> declared = List.of(TensorMetadata.of("text", Datatype.BYTES, -1, 1));

    assertThatThrownBy(() -> InputLayout.of(declaring(declared, Path.of("config.pbtxt")), 1))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage(
            "model 'tiny': config.pbtxt declares input 'text' as BYTES, but a tree model takes numbers;"
                + " declare a numeric datatype such as FP32 or INT64");
  }
}
