package io.trantor.protocol.errors;

import static io.trantor.protocol.errors.OipEdge.GATEWAY;
import static io.trantor.protocol.errors.OipEdge.SERVER;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.Status.Code;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.PayloadTooLargeException;
import io.trantor.protocol.errors.CallFailure.AlreadyAnswered;
import io.trantor.protocol.errors.CallFailure.BodyTooLarge;
import io.trantor.protocol.errors.CallFailure.DeadlineExceeded;
import io.trantor.protocol.errors.CallFailure.FrameworkStatus;
import io.trantor.protocol.errors.CallFailure.UpstreamTimeout;
import org.junit.jupiter.api.Test;

/**
 * Pins the whole table: each failure kind, on each edge, gives one REST status and body, one gRPC
 * code and description, and a log line or none. The edges answer OIP errors alike and differ on
 * failures that are not the caller's: the server calls them its own bug (500 / INTERNAL), the
 * gateway a failed replica (502 / UNAVAILABLE), with its own timeouts (504).
 */
class OipErrorMapperTest {
  private static final RuntimeException BUG = new IllegalStateException("secret detail");
  private static final String SERVER_BUG = "internal error (IllegalStateException); see the server log";
  private static final String GATEWAY_BUG = "the replica failed to answer (IllegalStateException)";

  @Test
  void oipErrorsAnswerTheSameOnEveryEdge() {
    for (OipEdge edge : OipEdge.values()) {
      expect(edge, new InvalidInputException("bad tensor"), 400, "bad tensor", Code.INVALID_ARGUMENT, false);
      expect(edge, new ModelNotFoundException("no model m"), 404, "no model m", Code.NOT_FOUND, false);
      expect(edge, new ModelNotReadyException("m loading"), 503, "m loading", Code.UNAVAILABLE, false);
      expect(edge, new PayloadTooLargeException("big"), 413, "big", Code.RESOURCE_EXHAUSTED, false);
    }
    // A model's own failure is the server's to log; the gateway passes it on silently.
    expect(SERVER, new InferenceFailedException("model m failed", null), 500, "model m failed", Code.INTERNAL, true);
    expect(GATEWAY, new InferenceFailedException("model m failed", null), 500, "model m failed", Code.INTERNAL, false);
    // An edge's own OIP error (no route for the model) answers the same as any other.
    expect(OipErrorMapper.answer(new ModelNotFoundException("no model m")), 404, "no model m", Code.NOT_FOUND,
        "no model m", false);
  }

  @Test
  void aBodyOverTheLimitNamesWhoseLimitItIs() {
    String server = "request body is larger than the server's limit";
    String gateway = "request body is larger than the gateway's limit";
    expect(SERVER, new BodyTooLarge(BUG), 413, server, Code.RESOURCE_EXHAUSTED, server, false);
    expect(GATEWAY, new BodyTooLarge(BUG), 413, gateway, Code.RESOURCE_EXHAUSTED, gateway, false);
    FrameworkStatus tooLarge = new FrameworkStatus(413, "Request Entity Too Large", BUG);
    expect(SERVER, tooLarge, 413, server, Code.RESOURCE_EXHAUSTED, server, false);
    expect(GATEWAY, tooLarge, 413, gateway, Code.RESOURCE_EXHAUSTED, gateway, false);
  }

  @Test
  void theFrameworksOwnStatusKeepsItsCodeAndReasonOnRest() {
    FrameworkStatus timeout = new FrameworkStatus(503, "Service Unavailable", BUG);
    expect(SERVER, timeout, 503, "Service Unavailable", Code.INTERNAL, SERVER_BUG, false);
    expect(GATEWAY, timeout, 503, "Service Unavailable", Code.UNAVAILABLE, GATEWAY_BUG, false);
  }

  @Test
  void aCallAlreadyAnsweredGetsAnEmptyOkOnTheServerOnly() {
    expect(SERVER, new AlreadyAnswered(BUG), 200, null, Code.INTERNAL, SERVER_BUG, false);
    expect(GATEWAY, new AlreadyAnswered(BUG), 502, GATEWAY_BUG, Code.UNAVAILABLE, GATEWAY_BUG, true);
  }

  @Test
  void theGatewaysTimeoutsAnswer504() {
    String upstream = "the model did not answer within the gateway's request timeout";
    expect(GATEWAY, new UpstreamTimeout(BUG), 504, upstream, Code.UNAVAILABLE, upstream, true);
    RuntimeException pipeline = new RuntimeException("pipeline p did not answer within 5s");
    expect(GATEWAY, new DeadlineExceeded(pipeline), 504, pipeline.getMessage(), Code.DEADLINE_EXCEEDED,
        pipeline.getMessage(), false);
    // The server has no such timeouts: they would be its bugs.
    expect(SERVER, new UpstreamTimeout(BUG), 500, SERVER_BUG, Code.INTERNAL, SERVER_BUG, true);
    expect(SERVER, new DeadlineExceeded(BUG), 500, SERVER_BUG, Code.INTERNAL, SERVER_BUG, true);
  }

  @Test
  void theGatewayPassesAnUpstreamGrpcStatusOn() {
    RuntimeException upstream =
        Status.FAILED_PRECONDITION.withDescription("from the replica").withCause(BUG).asRuntimeException();
    OipErrorAnswer gateway = OipErrorMapper.answer(GATEWAY, CallFailure.of(upstream));
    expect(gateway, 502, "the replica failed to answer (StatusRuntimeException)",
        Code.FAILED_PRECONDITION, "from the replica", false);
    assertThat(gateway.grpcStatus().getCause()).isNull();
    String serverBug = "internal error (StatusRuntimeException); see the server log";
    expect(SERVER, upstream, 500, serverBug, Code.INTERNAL, true);
  }

  @Test
  void anythingElseIsTheEdgesFailureWithoutDetails() {
    expect(SERVER, BUG, 500, SERVER_BUG, Code.INTERNAL, true);
    expect(GATEWAY, BUG, 502, GATEWAY_BUG, Code.UNAVAILABLE, true);
  }

  @Test
  void theBodyIsTheOipErrorShape() {
    OipErrorAnswer answer = OipErrorMapper.answer(new ModelNotFoundException("no model \"m\""));
    assertThat(new String(answer.restBody(), UTF_8)).isEqualTo("{\"error\":\"no model \\\"m\\\"\"}");
  }

  /** A failure that is not the framework's; gRPC says what REST says. */
  private static void expect(OipEdge edge, Throwable error, int http, String body, Code code, boolean logged) {
    expect(edge, CallFailure.of(error), http, body, code, body, logged);
  }

  private static void expect(
      OipEdge edge, CallFailure failure, int http, String body, Code code, String description, boolean logged) {
    expect(OipErrorMapper.answer(edge, failure), http, body, code, description, logged);
  }

  private static void expect(
      OipErrorAnswer answer, int http, String body, Code code, String description, boolean logged) {
    assertThat(answer.httpStatus()).as("HTTP status").isEqualTo(http);
    assertThat(answer.message()).as("REST error text").isEqualTo(body);
    assertThat(answer.grpcStatus().getCode()).as("gRPC code").isEqualTo(code);
    assertThat(answer.grpcStatus().getDescription()).as("gRPC description").isEqualTo(description);
    assertThat(answer.logged()).as("logged").isEqualTo(logged);
  }
}
