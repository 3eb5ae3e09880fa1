package io.trantor.gateway.ingress;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.HttpStatusException;
import io.grpc.Status;
import io.trantor.gateway.pipelinehost.PipelineTimeoutException;
import io.trantor.protocol.ModelNotReadyException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How the gateway names Armeria's failures: the answers the gateway gave before the mapper moved. */
class OipErrorHandlerTest {

  @Test
  void aBodyOverTheLimitIsTheGatewaysLimit() {
    String limit = "request body is larger than the gateway's limit";
    expect(ContentTooLargeException.get(), 413, limit, Status.Code.RESOURCE_EXHAUSTED, limit);
    expect(HttpStatusException.of(413), 413, limit, Status.Code.RESOURCE_EXHAUSTED, limit);
  }

  @Test
  void armeriasOwnStatusKeepsItsCodeAndReasonOnRest() {
    expect(HttpStatusException.of(503), 503, "Service Unavailable", Status.Code.UNAVAILABLE,
        "the replica failed to answer (HttpStatusException)");
  }

  @Test
  void timeoutsAnswer504() {
    String upstream = "the model did not answer within the gateway's request timeout";
    expect(ResponseTimeoutException.get(), 504, upstream, Status.Code.UNAVAILABLE, upstream);
    expect(new CompletionException(new PipelineTimeoutException("pipeline p: no output within 5s")), 504,
        "pipeline p: no output within 5s", Status.Code.DEADLINE_EXCEEDED, "pipeline p: no output within 5s");
  }

  @Test
  void anUpstreamGrpcStatusIsPassedOn() {
    Status upstream = Status.RESOURCE_EXHAUSTED.withDescription("replica busy");
    Status passed = OipErrorHandler.grpcStatus(upstream.asRuntimeException());
    assertThat(passed.getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(passed.getDescription()).isEqualTo("replica busy");
    expectRest(upstream.asRuntimeException(), 502, "the replica failed to answer (StatusRuntimeException)");
  }

  @Test
  void oipErrorsAndFailedReplicas() {
    expect(new ModelNotReadyException("model m is loading"), 503, "model m is loading", Status.Code.UNAVAILABLE,
        "model m is loading");
    expect(new ConnectException("refused"), 502, "the replica failed to answer (ConnectException)",
        Status.Code.UNAVAILABLE, "the replica failed to answer (ConnectException)");
  }

  private static void expect(Throwable failure, int status, String message, Status.Code code, String description) {
    expectRest(failure, status, message);
    Status grpc = OipErrorHandler.grpcStatus(failure);
    assertThat(grpc.getCode()).isEqualTo(code);
    assertThat(grpc.getDescription()).isEqualTo(description);
  }

  private static void expectRest(Throwable failure, int status, String message) {
    AggregatedHttpResponse response = OipErrorHandler.restResponse(failure);
    assertThat(response.status().code()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo(MediaType.JSON);
    assertThat(response.content().toString(UTF_8)).isEqualTo("{\"error\":\"" + message + "\"}");
  }
}
