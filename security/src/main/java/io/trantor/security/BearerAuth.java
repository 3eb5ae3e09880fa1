package io.trantor.security;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.server.DecoratingHttpServiceFunction;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServiceRequestContext;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Requires {@code Authorization: Bearer <token>} on the paths it guards. A refusal is 401 with the
 * OIP error body {@code {"error": "..."}} and {@code WWW-Authenticate: Bearer}, or for gRPC a
 * trailers-only UNAUTHENTICATED. The header is removed before the request goes on, so the token
 * never reaches a replica or a log behind this listener.
 */
public final class BearerAuth implements DecoratingHttpServiceFunction {
  private final TokenVerifier verifier;
  private final Predicate<String> guarded;
  private final String missingHint;

  /**
   * @param guarded which request paths need a token (the others, such as health and metrics, pass)
   * @param missingHint what a caller without a token should do, e.g. which flag sends one
   */
  public BearerAuth(TokenVerifier verifier, Predicate<String> guarded, String missingHint) {
    this.verifier = verifier;
    this.guarded = guarded;
    this.missingHint = missingHint;
  }

  /**
   * Everything but the OIP health endpoints (REST {@code /v2/health/*}, gRPC {@code ServerLive} and
   * {@code ServerReady}) and {@code /metrics}: the gateway's rule, so probes need no token.
   */
  public static boolean notHealthOrMetrics(String path) {
    return !(path.startsWith("/v2/health/") || path.equals("/metrics") || path.startsWith("/grpc.health.v1.")
        || path.equals("/inference.GRPCInferenceService/ServerLive")
        || path.equals("/inference.GRPCInferenceService/ServerReady"));
  }

  @Override
  public HttpResponse serve(HttpService delegate, ServiceRequestContext ctx, HttpRequest req) throws Exception {
    if (!guarded.test(ctx.path())) {
      return delegate.serve(ctx, req);
    }
    String header = req.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
      return refuse(req, "no bearer token: " + missingHint, false);
    }
    String token = header.substring(7).strip();
    HttpRequest forwarded = req.withHeaders(req.headers().toBuilder().removeAndThen(HttpHeaderNames.AUTHORIZATION));
    if (verifier instanceof ControlToken) {
      try {
        verifier.verify(token);
      } catch (TokenVerifier.Refused e) {
        return refuse(req, e.getMessage(), true);
      }
      return delegate.serve(ctx, forwarded);
    }
    // A JWT check may fetch the issuer's keys (blocking I/O): off the event loop; the request then
    // goes on from the event loop, as Armeria's services expect.
    return HttpResponse.of(CompletableFuture.supplyAsync(() -> {
      try {
        verifier.verify(token);
        return null;
      } catch (TokenVerifier.Refused e) {
        return e.getMessage();
      }
    }, ctx.blockingTaskExecutor()).thenApplyAsync(refusal -> {
      if (refusal != null) {
        return refuse(req, refusal, true);
      }
      try {
        return delegate.serve(ctx, forwarded);
      } catch (Exception e) {
        return HttpResponse.ofFailure(e);
      }
    }, ctx.eventLoop()));
  }

  private static HttpResponse refuse(HttpRequest req, String reason, boolean tokenPresented) {
    MediaType type = req.contentType();
    if (type != null && type.subtype().startsWith("grpc")) {
      return HttpResponse.of(ResponseHeaders.builder(HttpStatus.OK)
          .contentType(type)
          .add("grpc-status", "16")
          .add("grpc-message", percentEncode(reason))
          .endOfStream(true)
          .build());
    }
    String challenge = tokenPresented
        ? "Bearer realm=\"trantor\", error=\"invalid_token\""
        : "Bearer realm=\"trantor\"";
    return HttpResponse.of(ResponseHeaders.builder(HttpStatus.UNAUTHORIZED)
            .contentType(MediaType.JSON_UTF_8)
            .add(HttpHeaderNames.WWW_AUTHENTICATE, challenge)
            .build(),
        com.linecorp.armeria.common.HttpData.ofUtf8("{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(reason)) + "\"}"));
  }

  /** gRPC's grpc-message encoding: printable ASCII but '%' as is, the rest as %XX of UTF-8. */
  private static String percentEncode(String text) {
    StringBuilder out = new StringBuilder();
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      if (b >= 0x20 && b < 0x7f && b != '%') {
        out.append((char) b);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
