package io.trantor.agent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.client.grpc.GrpcClients;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.agent.ModelRegistry;
import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.agent.testing.FakeRuntime;
import io.trantor.agent.testing.ModelFolders;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ProtoCodec;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway forwarding ModelInfer as bytes names the model in {@code seldon-internal-model}, not in the message. */
class InternalModelNameTest {
  @TempDir Path dir;

  @Test
  void theHeaderNamesTheModelOnTheEventLoops() {
    servesByHeaderAndByMessage(ServeConfig.InferenceThreads.EVENT_LOOP);
  }

  @Test
  void theHeaderNamesTheModelOnThePool() {
    servesByHeaderAndByMessage(ServeConfig.InferenceThreads.POOL);
  }

  private void servesByHeaderAndByMessage(ServeConfig.InferenceThreads threads) {
    FakeRuntime fake = new FakeRuntime();
    new ModelFolders(dir).bare("iris_1", fake.modelFileName(), "ok");
    try (RuntimeRegistry runtimes = new RuntimeRegistry(List.of(fake));
        ModelRegistry registry = new ModelRegistry(new FileSystemModelRepository(dir), runtimes);
        OipServer server = OipServer.start(registry, ServeConfig.forTests().withInferenceThreads(threads))) {
      registry.loadAll();
      String uri = "http://127.0.0.1:" + server.port();
      GRPCInferenceServiceBlockingStub direct = GrpcClients.newClient(uri, GRPCInferenceServiceBlockingStub.class);
      GRPCInferenceServiceBlockingStub viaGateway = GrpcClients.builder(uri)
          .addHeader("seldon-internal-model", "iris_1")
          .build(GRPCInferenceServiceBlockingStub.class);

      ModelInferResponse routed = viaGateway.modelInfer(request("iris"));
      assertThat(routed.getModelName()).isEqualTo("iris_1");
      assertThat(routed.getOutputs(0).getContents().getFp32ContentsList()).containsExactly(1.5f, 2.5f);
      assertThat(direct.modelInfer(request("iris_1")).getModelName()).isEqualTo("iris_1");
      assertThatThrownBy(() -> direct.modelInfer(request("iris")))
          .isInstanceOfSatisfying(StatusRuntimeException.class,
              e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }
  }

  private static ModelInferRequest request(String model) {
    return ProtoCodec.toProto(
        InferenceRequest.of(model, List.of(Tensor.ofFloats("INPUT0", new long[] {1, 2}, 1.5f, 2.5f))), false);
  }
}
