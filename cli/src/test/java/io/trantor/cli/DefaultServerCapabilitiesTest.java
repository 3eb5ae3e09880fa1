package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class DefaultServerCapabilitiesTest {
  /** What `trantor up`'s built-in runtimes offer (its start banner lists them). */
  private static final Set<String> BUILT_IN =
      Set.of("java", "lightgbm", "onnx", "python", "pytorch", "tensorflow", "triton", "xgboost");

  @Test
  void theMlserverServerAdvertisesSeldonsMlserverCapabilitiesAndNotTritons() {
    Set<String> mlserver = DefaultServerCapabilities.of("mlserver", BUILT_IN).orElseThrow();

    assertThat(mlserver).containsExactlyInAnyOrder("mlserver", "alibi-detect", "alibi-explain", "huggingface",
        "lightgbm", "mlflow", "python", "sklearn", "spark-mlib", "xgboost", "java");
    assertThat(mlserver).doesNotContain("triton", "onnx", "tensorflow", "pytorch");
  }

  @Test
  void theTritonServerAdvertisesSeldonsTritonCapabilities() {
    Set<String> triton = DefaultServerCapabilities.of("triton", BUILT_IN).orElseThrow();

    assertThat(triton).containsExactlyInAnyOrder("triton", "dali", "fil", "onnx", "openvino", "python", "pytorch",
        "tensorflow", "tensorrt", "java");
    assertThat(triton).doesNotContain("sklearn", "xgboost", "lightgbm");
  }

  @Test
  void aServerConfigSeldonDoesNotShipKeepsItsRuntimesOwn() {
    assertThat(DefaultServerCapabilities.of("my-config", BUILT_IN)).isEmpty();
    assertThat(DefaultServerCapabilities.of(null, BUILT_IN)).isEmpty();
  }
}
