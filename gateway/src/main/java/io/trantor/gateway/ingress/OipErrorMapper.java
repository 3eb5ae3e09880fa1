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
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.OipException;
import io.trantor.protocol.PayloadTooLargeException;
import io.trantor.protocol.json.OipJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the gateway's failures become REST statuses with an OIP error body and gRPC
 * statuses. An upstream answer (any HTTP status, any gRPC status) is passed on, not mapped; this
 * covers what went wrong in the gateway or on the way to a replica.
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
      case InvalidInputException e -> HttpStatus.BAD_REQUEST;
      case ModelNotFoundException e -> HttpStatus.NOT_FOUND;
      case ModelNotReadyException e -> HttpStatus.SERVICE_UNAVAILABLE;
      case PayloadTooLargeException e -> HttpStatus.REQUEST_ENTITY_TOO_LARGE;
      case InferenceFailedException e -> HttpStatus.INTERNAL_SERVER_ERROR;
      case ResponseTimeoutException e -> HttpStatus.GATEWAY_TIMEOUT;
      case PipelineTimeoutException e -> HttpStatus.GATEWAY_TIMEOUT;
      default -> HttpStatus.BAD_GATEWAY;
    };
    return json(status, message(error));
  }

  static Status grpcStatus(Throwable failure) {
    Throwable error = normalise(failure);
    if (error instanceof StatusRuntimeException upstream) {
      return upstream.getStatus().withCause(null);
    }
    Status status = switch (error) {
      case InvalidInputException e -> Status.INVALID_ARGUMENT;
      case ModelNotFoundException e -> Status.NOT_FOUND;
      case ModelNotReadyException e -> Status.UNAVAILABLE;
      case PayloadTooLargeException e -> Status.RESOURCE_EXHAUSTED;
      case InferenceFailedException e -> Status.INTERNAL;
      case PipelineTimeoutException e -> Status.DEADLINE_EXCEEDED;
      default -> Status.UNAVAILABLE;
    };
    return status.withDescription(message(error));
  }

  private static Throwable normalise(Throwable failure) {
    Throwable error = Exceptions.peel(failure);
    if (error instanceof ContentTooLargeException
        || (error instanceof HttpStatusException s && s.httpStatus().code() == 413)) {
      return new PayloadTooLargeException("request body is larger than the gateway's limit");
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
