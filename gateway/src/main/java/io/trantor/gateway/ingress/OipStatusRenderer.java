package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;

/**
 * Gives the errors Armeria produces before the gateway's handlers run (no such path, body over the
 * limit) the OIP error shape on REST paths; gRPC calls keep Armeria's gRPC statuses.
 */
final class OipStatusRenderer implements ServerErrorHandler {

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    if (!isRest(ctx.request().headers())) {
      return null;
    }
    return OipErrorMapper.restResponse(cause).toHttpResponse();
  }

  @Override
  public AggregatedHttpResponse renderStatus(
      ServiceRequestContext ctx, ServiceConfig config, RequestHeaders headers, HttpStatus status,
      String description, Throwable cause) {
    if (headers == null || !isRest(headers)) {
      return null;
    }
    String message = switch (status.code()) {
      case 404 -> "no such endpoint: " + headers.method() + " " + headers.path();
      case 413 -> "request body is larger than the gateway's limit";
      default -> description != null ? description : status.reasonPhrase();
    };
    return OipErrorMapper.json(status, message);
  }

  private static boolean isRest(RequestHeaders headers) {
    MediaType type = headers.contentType();
    return type == null || !type.subtype().startsWith("grpc");
  }
}
