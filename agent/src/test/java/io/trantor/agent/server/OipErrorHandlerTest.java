package io.trantor.agent.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseCompleteException;
import com.linecorp.armeria.server.HttpStatusException;
import io.grpc.Status;
import io.trantor.protocol.ModelNotFoundException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** How the model server names Armeria's failures: the answers the server gave before the mapper moved. */
class OipErrorHandlerTest {

  @Test
  void aBodyOverTheLimitIsTheServersLimit() {
    String limit = "{\"error\":\"request body is larger than the server's limit\"}";
    expectRest(ContentTooLargeException.get(), 413, limit);
    expectRest(HttpStatusException.of(413), 413, limit);
  }

  @Test
  void armeriasOwnStatusKeepsItsCodeAndReason() {
    expectRest(HttpStatusException.of(503), 503, "{\"error\":\"Service Unavailable\"}");
  }

  @Test
  void aResponseAlreadySentGetsAPlainOk() {
    AggregatedHttpResponse response = OipErrorHandler.restResponse(ResponseCompleteException.get()).aggregate().join();
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    assertThat(response.contentType()).isNotEqualTo(MediaType.JSON);
  }

  @Test
  void oipErrorsAreUnwrappedOnRest() {
    expectRest(new CompletionException(new ModelNotFoundException("no model m")), 404, "{\"error\":\"no model m\"}");
  }

  @Test
  void anythingElseIsAnInternalErrorWithoutDetails() {
    expectRest(new IllegalStateException("secret"), 500,
        "{\"error\":\"internal error (IllegalStateException); see the server log\"}");
    Status status = OipErrorHandler.grpcStatus(new IllegalStateException("secret"));
    assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(status.getDescription()).isEqualTo("internal error (IllegalStateException); see the server log");
    assertThat(OipErrorHandler.grpcStatus(new ModelNotFoundException("no model m")).getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
  }

  private static void expectRest(Throwable failure, int status, String body) {
    AggregatedHttpResponse response = OipErrorHandler.restResponse(failure).aggregate().join();
    assertThat(response.status().code()).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo(MediaType.JSON);
    assertThat(response.content().toString(UTF_8)).isEqualTo(body);
  }
}
