package io.trantor.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Triton repository folders as python-backend users write them, read by the agent's repository
 * reader and run: real-world config.pbtxt sections Trantor does not use, batching, parameters,
 * and a folder without config.pbtxt.
 */
class TritonPythonRepositoryTest {
  @TempDir Path repo;
  private final PythonModelRuntime runtime = PythonModels.runtime();

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @Test
  void aFullConfigWithBatchingAndParametersReachesModelPy() throws Exception {
    Path folder = PythonModels.triton(repo, "scaler", """
        max_batch_size: 8
        dynamic_batching { max_queue_delay_microseconds: 100 preferred_batch_size: [ 4 ] }
        model_transaction_policy { decoupled: False }
        input [ { name: "X" data_type: TYPE_FP64 dims: [ 2 ] } ]
        output [ { name: "Y" data_type: TYPE_FP64 dims: [ 2 ] } ]
        instance_group [ { count: 2 kind: KIND_CPU } ]
        parameters: { key: "FACTOR" value: { string_value: "3" } }
        parameters: { key: "EXECUTION_ENV_PATH" value: { string_value: "$$TRITON_MODEL_DIRECTORY/env.tar.gz" } }
        response_cache { enable: true }
        """, """
        import json
        import numpy as np
        import triton_python_backend_utils as pb_utils

        class TritonPythonModel:
            def initialize(self, args):
                config = json.loads(args["model_config"])
                self.factor = float(config["parameters"]["FACTOR"]["string_value"])
                self.dims = pb_utils.get_input_config_by_name(config, "X")["dims"]
                self.batch = config["max_batch_size"]

            def execute(self, requests):
                out = []
                for request in requests:
                    x = pb_utils.get_input_tensor_by_name(request, "X").as_numpy()
                    y = x * self.factor + np.array(self.dims, dtype=np.float64) * 0 + self.batch
                    out.append(pb_utils.InferenceResponse(output_tensors=[pb_utils.Tensor("Y", y)]))
                return out
        """);
    ModelArtifact artifact = PythonModels.read(folder);
    assertThat(artifact.platform()).isEqualTo("python");
    assertThat(artifact.declaredInputs()).containsExactly(TensorMetadata.of("X", Datatype.FP64, -1, 2));

    try (LoadedModel model = runtime.load(artifact)) {
      Tensor y = model.infer(InferenceRequest.of("scaler",
          List.of(Tensor.ofDoubles("X", new long[] {2, 2}, 1, 2, 3, 4)))).getFirst();
      assertThat(y.shape()).containsExactly(2, 2);
      assertThat(y.asDoubles()).containsExactly(11, 14, 17, 20);
    }
  }

  @Test
  void aFolderWithoutConfigIsAPythonModelWhenModelPyDefinesTheClass() throws Exception {
    Path folder = repo.resolve("bare");
    PythonModels.write(folder.resolve("1").resolve("model.py"), """
        import triton_python_backend_utils as pb_utils

        class TritonPythonModel:
            def execute(self, requests):
                return [pb_utils.InferenceResponse(output_tensors=[
                    pb_utils.Tensor("OUT", pb_utils.get_input_tensor_by_name(r, "IN").as_numpy() * 2)]) for r in requests]
        """);
    ModelArtifact artifact = PythonModels.read(folder);
    assertThat(runtime.match(artifact)).isEqualTo(io.trantor.runtime.api.ArtifactMatch.ARTIFACT_FILE);
    try (LoadedModel model = runtime.load(artifact)) {
      assertThat(model.infer(InferenceRequest.of("bare", List.of(Tensor.ofInts("IN", new long[] {2}, 3, 4))))
          .getFirst().asInts()).containsExactly(6, 8);
    }
  }
}
