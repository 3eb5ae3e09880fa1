package io.trantor.gateway.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.server.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.ModelInferRequest;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The gateway's own errors on the byte path reach gRPC clients with their status and message. */
class GrpcPassThroughErrorsTest {

  @Test
  void aTrailersOnlyAnswerCarriesStatusAndMessage() {
    Server server = Server.builder()
        .http(new InetSocketAddress("127.0.0.1", 0))
        .service(GrpcPassThrough.MODEL_INFER, (ctx, req) ->
            GrpcPassThrough.trailersOnly(Status.RESOURCE_EXHAUSTED.withDescription("model 'iris' took > 300 ms: 100%")))
        .connectionDrainDuration(Duration.ZERO)
        .build();
    server.start().join();
    try {
      GRPCInferenceServiceBlockingStub stub = GrpcClients.newClient(
          "http://127.0.0.1:" + server.activeLocalPort(), GRPCInferenceServiceBlockingStub.class);
      assertThatThrownBy(() -> stub.modelInfer(ModelInferRequest.getDefaultInstance()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(e.getStatus().getDescription()).isEqualTo("model 'iris' took > 300 ms: 100%");
          });
    } finally {
      server.stop().join();
    }
  }

  @Test
  void messagesArePercentEncodedAsGrpcSays() {
    assertThat(GrpcPassThrough.percentEncoded("a 100% \u00e9\n")).isEqualTo("a 100%25 %C3%A9%0A");
  }
}
