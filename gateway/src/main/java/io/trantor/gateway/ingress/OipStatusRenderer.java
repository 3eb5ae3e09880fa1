package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.trantor.protocol.OipStatusText;

/**
 * Armeria's adapter to {@link OipStatusText}: errors Armeria produces before the gateway's handlers
 * run get the OIP error shape on REST paths; gRPC calls keep Armeria's gRPC statuses.
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
    String message = OipStatusText.message(status.code(), status.reasonPhrase(), description,
        headers.method().name(), headers.path(), "gateway");
    return OipErrorMapper.json(status, message);
  }

  private static boolean isRest(RequestHeaders headers) {
    MediaType type = headers.contentType();
    return OipStatusText.isRest(type == null ? null : type.subtype());
  }
}
