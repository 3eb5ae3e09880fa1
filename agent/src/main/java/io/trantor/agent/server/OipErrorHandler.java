package io.trantor.agent.server;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseCompleteException;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Status;
import io.trantor.protocol.errors.CallFailure;
import io.trantor.protocol.errors.OipEdge;
import io.trantor.protocol.errors.OipErrorAnswer;
import io.trantor.protocol.errors.OipErrorMapper;
import io.trantor.protocol.errors.OipStatusRenderer;
import io.trantor.protocol.json.OipJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Armeria's adapter to {@link OipErrorMapper} and {@link OipStatusRenderer} for the model server:
 * it names Armeria's exceptions in protocol words and writes the answers. Errors Armeria produces
 * before our handlers run get the OIP error shape on REST paths; gRPC calls keep Armeria's statuses.
 */
final class OipErrorHandler implements ServerErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(OipErrorHandler.class);

  /** The REST answer to a failed call. */
  static HttpResponse restResponse(Throwable failure) {
    CallFailure kind =
        switch (Exceptions.peel(failure)) {
          case ContentTooLargeException e -> new CallFailure.BodyTooLarge(e);
          case HttpStatusException e ->
              new CallFailure.FrameworkStatus(e.httpStatus().code(), e.httpStatus().reasonPhrase(), e);
          case ResponseCompleteException e -> new CallFailure.AlreadyAnswered(e);
          case Throwable e -> CallFailure.of(e);
        };
    OipErrorAnswer answer = OipErrorMapper.answer(OipEdge.SERVER, kind);
    if (answer.logged()) {
      log.warn("request failed: {}", answer.message(), kind.error());
    }
    HttpStatus status = HttpStatus.valueOf(answer.httpStatus());
    return answer.message() == null
        ? HttpResponse.of(status)
        : HttpResponse.of(status, MediaType.JSON, answer.restBody());
  }

  /** The gRPC status of a failed call (the call's exception as thrown: Armeria's gRPC service has its own). */
  static Status grpcStatus(RuntimeException failure) {
    OipErrorAnswer answer = OipErrorMapper.answer(OipEdge.SERVER, CallFailure.of(failure));
    if (answer.logged()) {
      log.warn("gRPC call failed: {}", answer.message(), failure);
    }
    return answer.grpcStatus();
  }

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    return OipStatusRenderer.isRest(subtype(ctx.request().headers())) ? restResponse(cause) : null;
  }

  @Override
  public AggregatedHttpResponse renderStatus(
      ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers, HttpStatus status,
      String description, Throwable cause) {
    String message = headers == null ? null : OipStatusRenderer.message(OipEdge.SERVER, subtype(headers),
        status.code(), status.reasonPhrase(), description, headers.method().name(), headers.path());
    return message == null ? null : AggregatedHttpResponse.of(status, MediaType.JSON, OipJson.writeError(message));
  }

  private static String subtype(RequestHeaders headers) {
    MediaType type = headers.contentType();
    return type == null ? null : type.subtype();
  }
}
