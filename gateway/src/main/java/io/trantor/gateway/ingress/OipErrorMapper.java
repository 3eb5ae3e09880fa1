package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.HttpStatusException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.gateway.pipelinehost.PipelineTimeoutException;
import io.trantor.protocol.OipErrorStatus;
import io.trantor.protocol.OipException;
import io.trantor.protocol.OipStatusText;
import io.trantor.protocol.PayloadTooLargeException;
import io.trantor.protocol.json.OipJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the gateway's failures become REST statuses with an OIP error body and gRPC statuses: OIP
 * errors as {@link OipErrorStatus} maps them everywhere, plus the gateway's own failures (timeouts,
 * an unreachable replica). An upstream answer (any HTTP status, any gRPC status) is passed on, not
 * mapped; this covers what went wrong in the gateway or on the way to a replica.
 */
final class OipErrorMapper {
  private static final Logger log = LoggerFactory.getLogger(OipErrorMapper.class);

  private OipErrorMapper() {}

  static AggregatedHttpResponse restResponse(Throwable failure) {
    Throwable error = normalise(failure);
    if (error instanceof HttpStatusException status) {
      return json(status.httpStatus(), status.httpStatus().reasonPhrase());
    }
    HttpStatus status = switch (error) {
      case OipException e -> HttpStatus.valueOf(OipErrorStatus.httpStatus(e));
      case ResponseTimeoutException e -> HttpStatus.GATEWAY_TIMEOUT;
      case PipelineTimeoutException e -> HttpStatus.GATEWAY_TIMEOUT;
      default -> HttpStatus.BAD_GATEWAY;
    };
    return json(status, message(error));
  }

  static Status grpcStatus(Throwable failure) {
    Throwable error = normalise(failure);
    return switch (error) {
      case StatusRuntimeException upstream -> upstream.getStatus().withCause(null);
      case OipException e -> OipErrorStatus.grpcStatus(e);
      case PipelineTimeoutException e -> Status.DEADLINE_EXCEEDED.withDescription(message(error));
      default -> Status.UNAVAILABLE.withDescription(message(error));
    };
  }

  private static Throwable normalise(Throwable failure) {
    Throwable error = Exceptions.peel(failure);
    if (error instanceof ContentTooLargeException
        || (error instanceof HttpStatusException s && s.httpStatus().code() == 413)) {
      return new PayloadTooLargeException(OipStatusText.bodyTooLarge("gateway"));
    }
    if (!(error instanceof OipException) && !(error instanceof StatusRuntimeException)
        && !(error instanceof HttpStatusException) && !(error instanceof PipelineTimeoutException)) {
      log.warn("Forwarding failed: {}", error.toString());
    }
    return error;
  }

  private static String message(Throwable error) {
    return switch (error) {
      case OipException e -> e.getMessage();
      case PipelineTimeoutException e -> e.getMessage();
      case ResponseTimeoutException e -> "the model did not answer within the gateway's request timeout";
      default -> "the replica failed to answer (" + error.getClass().getSimpleName() + ")";
    };
  }

  static AggregatedHttpResponse json(HttpStatus status, String message) {
    return AggregatedHttpResponse.of(status, MediaType.JSON, OipJson.writeError(message));
  }
}
