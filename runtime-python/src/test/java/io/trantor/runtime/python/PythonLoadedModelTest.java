package io.trantor.runtime.python;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.python.internal.PythonLoadedModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Python-backend models in real worker processes: data types, errors, crashes, unload. */
class PythonLoadedModelTest {
  private static final String ECHO = """
      import json
      import triton_python_backend_utils as pb_utils

      class TritonPythonModel:
          def initialize(self, args):
              self.args = args
              print("initialize printed to stdout")

          def execute(self, requests):
              responses = []
              for request in requests:
                  outputs = [pb_utils.Tensor(t.name() + "_OUT", t.as_numpy()) for t in request.inputs()]
                  outputs.append(pb_utils.Tensor("ARGS", __import__("numpy").array(
                      [json.dumps(self.args)], dtype=object)))
                  responses.append(pb_utils.InferenceResponse(output_tensors=outputs))
              return responses
      """;

  private static final String FAILING = """
      import os
      import triton_python_backend_utils as pb_utils

      class TritonPythonModel:
          def execute(self, requests):
              mode = int(pb_utils.get_input_tensor_by_name(requests[0], "MODE").as_numpy()[0])
              if mode == 1:
                  return [pb_utils.InferenceResponse(error=pb_utils.TritonError("mode 1 is not allowed"))]
              if mode == 2:
                  raise ValueError("bad mode 2")
              if mode == 3:
                  os._exit(7)
              return [pb_utils.InferenceResponse(output_tensors=[
                  pb_utils.Tensor("PID", __import__("numpy").array([os.getpid()], dtype="int64"))])]
      """;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path repo;
  private final PythonModelRuntime runtime = PythonModels.runtime();

  @AfterEach
  void closeRuntime() {
    runtime.close();
  }

  @Test
  void echoesEveryDatatypeAndPassesTritonInitializeArguments() throws Exception {
    Path folder = PythonModels.triton(repo, "echo", "", ECHO);
    try (LoadedModel model = runtime.load(PythonModels.read(folder))) {
      List<Tensor> inputs = List.of(
          Tensor.ofFloats("F32", new long[] {2, 2}, 1.5f, -2, 3, 4),
          Tensor.ofDoubles("F64", new long[] {1}, Math.PI),
          Tensor.ofInts("I32", new long[] {3}, Integer.MIN_VALUE, 0, Integer.MAX_VALUE),
          Tensor.ofLongs("I64", new long[] {2}, Long.MIN_VALUE, 42),
          Tensor.ofBooleans("B", new long[] {3}, true, false, true),
          Tensor.ofStrings("S", new long[] {2}, "héllo", ""),
          new Tensor("U8", Datatype.UINT8, new long[] {2}, Map.of(), new TensorData.Fixed(new byte[] {(byte) 255, 1})),
          new Tensor("F16", Datatype.FP16, new long[] {1}, Map.of(), new TensorData.Fixed(half(1.0f))));

      List<Tensor> out = model.infer(InferenceRequest.of("echo_1", inputs));

      for (Tensor in : inputs) {
        Tensor echoed = out.stream().filter(t -> t.name().equals(in.name() + "_OUT")).findFirst().orElseThrow();
        assertThat(echoed.datatype()).as(in.name()).isEqualTo(in.datatype());
        assertThat(echoed.shape()).as(in.name()).containsExactly(in.shape());
        assertThat(echoed.data()).as(in.name()).isEqualTo(in.data());
      }
      String argsJson = out.stream().filter(t -> t.name().equals("ARGS")).findFirst().orElseThrow().asStrings().getFirst();
      JsonNode args = JSON.readTree(argsJson);
      assertThat(args.path("model_name").asText()).isEqualTo("echo");
      assertThat(args.path("model_version").asText()).isEqualTo("1");
      assertThat(args.path("model_instance_kind").asText()).isEqualTo("CPU");
      assertThat(args.path("model_repository").asText()).isEqualTo(folder.toAbsolutePath().toString());
      JsonNode config = JSON.readTree(args.path("model_config").asText());
      assertThat(config.path("name").asText()).isEqualTo("echo");
      assertThat(config.path("backend").asText()).isEqualTo("python");
    }
  }

  @Test
  void theShimBehavesAsTritonsUtilities() throws Exception {
    // model.py checks the helpers itself; a failed assert fails the request with its message.
    Path folder = PythonModels.triton(repo, "shim", """
        input [ { name: "IN" data_type: TYPE_STRING dims: [ -1 ] } ]
        output [ { name: "WORDS" data_type: TYPE_STRING dims: [ -1 ] } ]
        """, """
        import json
        import numpy as np
        import triton_python_backend_utils as pb_utils

        class TritonPythonModel:
            def initialize(self, args):
                config = json.loads(args["model_config"])
                assert pb_utils.get_input_config_by_name(config, "IN")["data_type"] == "TYPE_STRING"
                assert pb_utils.get_output_config_by_name(config, "NOPE") is None
                assert pb_utils.triton_string_to_numpy("TYPE_FP32") == np.float32
                assert pb_utils.triton_string_to_numpy("TYPE_STRING") == np.object_
                assert pb_utils.numpy_to_triton_type(np.int64) == 9
                assert pb_utils.triton_to_numpy_type(11) == np.float32
                words = np.array([b"a", b"bc"], dtype=np.object_)
                assert list(pb_utils.deserialize_bytes_tensor(pb_utils.serialize_byte_tensor(words))) == [b"a", b"bc"]

            def execute(self, requests):
                request = requests[0]
                text = pb_utils.get_input_tensor_by_name(request, "IN").as_numpy()
                assert text.dtype == np.object_ and isinstance(text[0], bytes), repr(text)
                assert pb_utils.get_input_tensor_by_name(request, "MISSING") is None
                assert request.requested_output_names() == ["WORDS"], request.requested_output_names()
                assert json.loads(request.parameters()) == {"lang": "en"}, request.parameters()
                assert request.request_id() == "req-1"
                upper = np.array([t.decode("utf-8").upper() for t in text])
                return [pb_utils.InferenceResponse(output_tensors=[pb_utils.Tensor("WORDS", upper)])]
        """);
    try (LoadedModel model = runtime.load(PythonModels.read(folder))) {
      InferenceRequest request = new InferenceRequest("shim", null, "req-1", Map.of("lang", "en"),
          List.of(Tensor.ofStrings("IN", new long[] {2}, "héllo", "world")),
          List.of(InferenceRequest.RequestedOutput.named("WORDS")));

      Tensor words = model.infer(request).getFirst();

      assertThat(words.datatype()).isEqualTo(Datatype.BYTES);
      assertThat(words.asStrings()).containsExactly("HÉLLO", "WORLD");
    }
  }

  @Test
  void tritonErrorIsTheCallersErrorAndOtherExceptionsAreTheModels() throws Exception {
    Path folder = PythonModels.triton(repo, "failing", "", FAILING);
    try (LoadedModel model = runtime.load(PythonModels.read(folder))) {
      assertThatThrownBy(() -> model.infer(mode(1)))
          .isInstanceOf(InvalidInputException.class)
          .hasMessage("mode 1 is not allowed");
      assertThatThrownBy(() -> model.infer(mode(2)))
          .isInstanceOf(InferenceFailedException.class)
          .hasMessage("model 'failing' failed in execute: ValueError: bad mode 2");
      assertThat(model.infer(mode(0)).getFirst().asLongs()).hasSize(1);
    }
  }

  @Test
  void aCrashedWorkerFailsItsRequestAndIsRestartedForTheNext() throws Exception {
    Path folder = PythonModels.triton(repo, "crashing", "", FAILING);
    try (PythonLoadedModel model = (PythonLoadedModel) runtime.load(PythonModels.read(folder))) {
      long firstPid = model.infer(mode(0)).getFirst().asLongs()[0];
      assertThat(firstPid).isEqualTo(model.workerPids().getFirst());

      assertThatThrownBy(() -> model.infer(mode(3)))
          .isInstanceOf(InferenceFailedException.class)
          .hasMessageContaining("the python worker of model 'crashing'")
          .hasMessageContaining("exited with code 7")
          .hasMessageEndingWith("it is restarted for the next request");
      assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive)).isIn(Optional.empty(), Optional.of(false));

      long secondPid = model.infer(mode(0)).getFirst().asLongs()[0];
      assertThat(secondPid).isNotEqualTo(firstPid).isEqualTo(model.workerPids().getFirst());
    }
  }

  @Test
  void aWorkerKilledBetweenRequestsIsReplacedByTheNextRequest() throws Exception {
    Path folder = PythonModels.triton(repo, "killed", "", FAILING);
    try (PythonLoadedModel model = (PythonLoadedModel) runtime.load(PythonModels.read(folder))) {
      ProcessHandle first = ProcessHandle.of(model.workerPids().getFirst()).orElseThrow();
      first.destroyForcibly();
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());

      long pid = model.infer(mode(0)).getFirst().asLongs()[0];

      assertThat(pid).isNotEqualTo(first.pid()).isEqualTo(model.workerPids().getFirst());
    }
  }

  @Test
  void instanceGroupCountRunsThatManyWorkersSideBySide() throws Exception {
    // Each execute registers its pid and waits until two workers are inside execute at once,
    // which only happens when two instances run requests in parallel.
    Path rendezvous = repo.resolve("rendezvous");
    PythonModels.write(rendezvous.resolve(".keep"), "");
    Path folder = PythonModels.triton(repo, "parallel", "instance_group [ { count: 2 kind: KIND_CPU } ]\n", """
        import os, time
        import numpy as np
        import triton_python_backend_utils as pb_utils

        DIR = %s

        class TritonPythonModel:
            def execute(self, requests):
                open(os.path.join(DIR, str(os.getpid())), "w").close()
                deadline = time.monotonic() + 20
                while len([n for n in os.listdir(DIR) if n.isdigit()]) < 2:
                    if time.monotonic() > deadline:
                        raise TimeoutError("the other instance never ran alongside this one")
                    time.sleep(0.01)
                return [pb_utils.InferenceResponse(output_tensors=[
                    pb_utils.Tensor("PID", np.array([os.getpid()], dtype=np.int64))]) for r in requests]
        """.formatted("\"" + rendezvous.toAbsolutePath() + "\""));
    try (PythonLoadedModel model = (PythonLoadedModel) runtime.load(PythonModels.read(folder));
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
      assertThat(model.workerPids()).hasSize(2).doesNotHaveDuplicates().doesNotContain(-1L);

      var first = pool.submit(() -> model.infer(mode(0)).getFirst().asLongs()[0]);
      var second = pool.submit(() -> model.infer(mode(0)).getFirst().asLongs()[0]);

      assertThat(List.of(first.get(30, java.util.concurrent.TimeUnit.SECONDS), second.get(30, java.util.concurrent.TimeUnit.SECONDS)))
          .containsExactlyInAnyOrderElementsOf(model.workerPids());
    }
  }

  @Test
  void unloadRunsFinalizeAndEndsTheWorkerProcess() throws Exception {
    Path marker = repo.resolve("finalized.txt");
    Path folder = PythonModels.triton(repo, "finalizing", "", """
        import triton_python_backend_utils as pb_utils

        class TritonPythonModel:
            def execute(self, requests):
                return [pb_utils.InferenceResponse(output_tensors=[]) for r in requests]

            def finalize(self):
                with open(%s, "w") as f:
                    f.write("bye")
        """.formatted("\"" + marker.toAbsolutePath() + "\""));
    PythonLoadedModel model = (PythonLoadedModel) runtime.load(PythonModels.read(folder));
    ProcessHandle worker = ProcessHandle.of(model.workerPids().getFirst()).orElseThrow();

    model.close();

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !worker.isAlive());
    assertThat(marker).hasContent("bye");
    assertThatThrownBy(() -> model.infer(mode(0))).isInstanceOf(InferenceFailedException.class).hasMessageContaining("unloaded");
  }

  @Test
  void anInitializeFailureFailsTheLoadWithThePythonError() {
    Path folder = PythonModels.triton(repo, "broken", "", """
        class TritonPythonModel:
            def initialize(self, args):
                raise RuntimeError("weights file is missing")
        """);
    assertThatThrownBy(() -> runtime.load(PythonModels.read(folder)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessage("model 'broken' failed in initialize: RuntimeError: weights file is missing");
  }

  @Test
  void aModelFileWithoutTheClassFailsTheLoad() {
    Path folder = PythonModels.triton(repo, "noclass", "", "x = 1\n");
    assertThatThrownBy(() -> runtime.load(PythonModels.read(folder)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("defines no class TritonPythonModel");
  }

  @Test
  void aPythonWithoutNumpyIsReportedClearly() {
    // A numpy package that cannot be imported stands in for an interpreter without numpy.
    Path fakes = repo.resolve("site");
    PythonModels.write(fakes.resolve("numpy").resolve("__init__.py"), "raise ImportError('No module named numpy')\n");
    Map<String, String> env = PythonModels.env();
    env.put("PYTHONPATH", fakes.toAbsolutePath().toString());
    Path folder = PythonModels.triton(repo, "needsnumpy", "", ECHO);
    try (PythonModelRuntime withoutNumpy = new PythonModelRuntime(env)) {
      assertThatThrownBy(() -> withoutNumpy.load(PythonModels.read(folder)))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageStartingWith("numpy is not installed for ")
          .hasMessageContaining("TRANTOR_PYTHON");
    }
  }

  @Test
  void aTrantorPythonThatIsNotAnExecutableIsReported() {
    Map<String, String> env = PythonModels.env();
    env.put("TRANTOR_PYTHON", repo.resolve("no-such-python").toString());
    Path folder = PythonModels.triton(repo, "any", "", ECHO);
    try (PythonModelRuntime misconfigured = new PythonModelRuntime(env)) {
      assertThatThrownBy(() -> misconfigured.load(PythonModels.read(folder)))
          .isInstanceOf(ModelLoadException.class)
          .hasMessageContaining("TRANTOR_PYTHON=" + repo.resolve("no-such-python") + " is not an executable file");
    }
  }

  private static InferenceRequest mode(int mode) {
    return InferenceRequest.of("m", List.of(Tensor.ofInts("MODE", new long[] {1}, mode)));
  }

  /** IEEE 754 half precision of a float that it represents exactly (little-endian). */
  private static byte[] half(float value) {
    return ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort(Float.floatToFloat16(value)).array();
  }
}
