package io.trantor.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import org.junit.jupiter.api.Test;

class OipErrorStatusTest {

  @Test
  void eachOipErrorHasOneRestAndOneGrpcStatus() {
    assertThat(OipErrorStatus.httpStatus(new InvalidInputException("bad"))).isEqualTo(400);
    assertThat(OipErrorStatus.httpStatus(new ModelNotFoundException("m"))).isEqualTo(404);
    assertThat(OipErrorStatus.httpStatus(new ModelNotReadyException("m"))).isEqualTo(503);
    assertThat(OipErrorStatus.httpStatus(new PayloadTooLargeException("big"))).isEqualTo(413);
    assertThat(OipErrorStatus.httpStatus(new InferenceFailedException("boom", null))).isEqualTo(500);

    Status status = OipErrorStatus.grpcStatus(new InvalidInputException("bad tensor"));
    assertThat(status.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(status.getDescription()).isEqualTo("bad tensor");
    assertThat(OipErrorStatus.grpcStatus(new ModelNotReadyException("m")).getCode())
        .isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void anythingElseIsAnInternalErrorWithoutDetails() {
    Throwable bug = new IllegalStateException("secret detail");
    assertThat(OipErrorStatus.httpStatus(bug)).isEqualTo(500);
    assertThat(OipErrorStatus.grpcStatus(bug).getCode()).isEqualTo(Status.Code.INTERNAL);
    assertThat(OipErrorStatus.message(bug))
        .isEqualTo("internal error (IllegalStateException); see the server log");
    assertThat(OipErrorStatus.isServerFault(bug)).isTrue();
    assertThat(OipErrorStatus.isServerFault(new InvalidInputException("bad"))).isFalse();
    assertThat(OipErrorStatus.isServerFault(new InferenceFailedException("boom", null))).isTrue();
  }

  @Test
  void frameworkStatusesReadAsSentences() {
    assertThat(OipStatusText.message(404, "Not Found", null, "GET", "/v2/x", "server"))
        .isEqualTo("no such endpoint: GET /v2/x");
    assertThat(OipStatusText.message(413, "Request Entity Too Large", null, "POST", "/v2", "gateway"))
        .isEqualTo("request body is larger than the gateway's limit");
    assertThat(OipStatusText.message(503, "Service Unavailable", null, "GET", "/", "server"))
        .isEqualTo("service unavailable");
    assertThat(OipStatusText.message(500, "Internal Server Error", "why", "GET", "/", "server"))
        .isEqualTo("why");
    assertThat(OipStatusText.isRest(null)).isTrue();
    assertThat(OipStatusText.isRest("grpc+proto")).isFalse();
  }
}
