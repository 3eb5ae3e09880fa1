package io.trantor.protocol.errors;

/**
 * What a REST caller reads when the HTTP framework answers before an edge's handlers run (no such
 * path, wrong method, body over the limit, shutting down): the OIP error shape {@code {"error":
 * "..."}} with a sentence that says what went wrong. gRPC calls keep the framework's gRPC statuses.
 * Each edge's error handler is a thin adapter over this class and {@link OipErrorMapper}.
 */
public final class OipStatusRenderer {
  private OipStatusRenderer() {}

  /** True for a REST call: any content type but gRPC's ({@code subtype} may be null). */
  public static boolean isRest(String contentSubtype) {
    return contentSubtype == null || !contentSubtype.startsWith("grpc");
  }

  /**
   * The error text of a framework status on a REST call, or null for a gRPC call (the framework's
   * gRPC status stands).
   *
   * @param contentSubtype the request's content subtype, or null
   * @param description the framework's own description, or null
   */
  public static String message(
      OipEdge edge, String contentSubtype, int code, String reasonPhrase, String description,
      String method, String path) {
    if (!isRest(contentSubtype)) {
      return null;
    }
    return switch (code) {
      case 404 -> "no such endpoint: " + method + " " + path;
      case 405 -> "method " + method + " is not allowed on " + path;
      case 413 -> bodyTooLarge(edge);
      case 503 -> description != null ? description : "service unavailable";
      default -> description != null ? description : reasonPhrase;
    };
  }

  /** The message for a request body over the limit that {@code edge} sets. */
  static String bodyTooLarge(OipEdge edge) {
    return "request body is larger than the " + edge.limitOwner() + "'s limit";
  }
}
