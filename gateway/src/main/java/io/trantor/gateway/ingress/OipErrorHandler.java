package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.ResponseTimeoutException;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.ContentTooLargeException;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.util.Exceptions;
import com.linecorp.armeria.server.HttpStatusException;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Status;
import io.trantor.gateway.pipelinehost.PipelineTimeoutException;
import io.trantor.protocol.errors.CallFailure;
import io.trantor.protocol.errors.OipEdge;
import io.trantor.protocol.errors.OipErrorAnswer;
import io.trantor.protocol.errors.OipErrorMapper;
import io.trantor.protocol.errors.OipStatusRenderer;
import io.trantor.protocol.json.OipJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Armeria's adapter to {@link OipErrorMapper} and {@link OipStatusRenderer} for the gateway: it
 * names Armeria's exceptions (and the pipeline timeout) in protocol words and writes the answers.
 * An upstream answer (any HTTP status, any gRPC status) is passed on, not mapped; this covers what
 * went wrong in the gateway or on the way to a replica. Errors Armeria produces before the
 * gateway's handlers run get the OIP error shape on REST paths; gRPC calls keep Armeria's statuses.
 */
final class OipErrorHandler implements ServerErrorHandler {
  private static final Logger log = LoggerFactory.getLogger(OipErrorHandler.class);

  static AggregatedHttpResponse restResponse(Throwable failure) {
    OipErrorAnswer answer = answer(failure);
    return AggregatedHttpResponse.of(HttpStatus.valueOf(answer.httpStatus()), MediaType.JSON, answer.restBody());
  }

  static Status grpcStatus(Throwable failure) {
    return answer(failure).grpcStatus();
  }

  private static OipErrorAnswer answer(Throwable failure) {
    CallFailure kind =
        switch (Exceptions.peel(failure)) {
          case ContentTooLargeException e -> new CallFailure.BodyTooLarge(e);
          case HttpStatusException e ->
              new CallFailure.FrameworkStatus(e.httpStatus().code(), e.httpStatus().reasonPhrase(), e);
          case ResponseTimeoutException e -> new CallFailure.UpstreamTimeout(e);
          case PipelineTimeoutException e -> new CallFailure.DeadlineExceeded(e);
          case Throwable e -> CallFailure.of(e);
        };
    OipErrorAnswer answer = OipErrorMapper.answer(OipEdge.GATEWAY, kind);
    if (answer.logged()) {
      log.warn("Forwarding failed: {}", kind.error().toString());
    }
    return answer;
  }

  static AggregatedHttpResponse json(HttpStatus status, String message) {
    return AggregatedHttpResponse.of(status, MediaType.JSON, OipJson.writeError(message));
  }

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    return OipStatusRenderer.isRest(subtype(ctx.request().headers())) ? restResponse(cause).toHttpResponse() : null;
  }

  @Override
  public AggregatedHttpResponse renderStatus(
      ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers, HttpStatus status,
      String description, Throwable cause) {
    String message = headers == null ? null : OipStatusRenderer.message(OipEdge.GATEWAY, subtype(headers),
        status.code(), status.reasonPhrase(), description, headers.method().name(), headers.path());
    return message == null ? null : json(status, message);
  }

  private static String subtype(RequestHeaders headers) {
    MediaType type = headers.contentType();
    return type == null ? null : type.subtype();
  }
}
