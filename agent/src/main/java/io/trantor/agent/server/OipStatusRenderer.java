package io.trantor.agent.server;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.ServerErrorHandler;
import com.linecorp.armeria.server.ServiceConfig;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.trantor.protocol.json.OipJson;

/**
 * Gives the errors Armeria produces before our handlers run (no such path, wrong method, body over
 * the limit, timeout) the OIP error shape {@code {"error": "..."}} on REST paths. gRPC calls are
 * left to Armeria, which answers them with gRPC statuses.
 */
final class OipStatusRenderer implements ServerErrorHandler {

  @Override
  public HttpResponse onServiceException(ServiceRequestContext ctx, Throwable cause) {
    if (!isRest(ctx.request().headers())) {
      return null;
    }
    return OipRestService.errorResponse(cause);
  }

  @Override
  public AggregatedHttpResponse renderStatus(
      ServiceRequestContext ctx,
      ServiceConfig config,
      RequestHeaders headers,
      HttpStatus status,
      String description,
      Throwable cause) {
    if (headers == null || !isRest(headers)) {
      return null;
    }
    String message = description != null ? description : describe(status, headers);
    return AggregatedHttpResponse.of(
        ResponseHeaders.of(status, "content-type", MediaType.JSON.toString()),
        com.linecorp.armeria.common.HttpData.wrap(OipJson.writeError(message)));
  }

  private static String describe(HttpStatus status, RequestHeaders headers) {
    return switch (status.code()) {
      case 404 -> "no such endpoint: " + headers.method() + " " + headers.path();
      case 405 -> "method " + headers.method() + " is not allowed on " + headers.path();
      case 413 -> "request body is larger than the server's limit";
      case 503 -> "service unavailable";
      default -> status.reasonPhrase();
    };
  }

  private static boolean isRest(RequestHeaders headers) {
    MediaType type = headers.contentType();
    return type == null || !type.subtype().startsWith("grpc");
  }
}
