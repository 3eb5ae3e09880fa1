package io.trantor.protocol;

/**
 * What a REST caller reads when the HTTP framework answers before our handlers run (no such path,
 * wrong method, body over the limit, shutting down): the OIP error shape {@code {"error": "..."}}
 * with a sentence that says what went wrong. gRPC calls keep the framework's gRPC statuses. Each
 * edge's error handler is a thin adapter over this class.
 */
public final class OipStatusText {
  private OipStatusText() {}

  /** True for a REST call: any content type but gRPC's ({@code subtype} may be null). */
  public static boolean isRest(String contentSubtype) {
    return contentSubtype == null || !contentSubtype.startsWith("grpc");
  }

  /**
   * The message for a framework status.
   *
   * @param server who sets the body limit, as the caller should read it ("server", "gateway")
   * @param description the framework's own description, or null
   */
  public static String message(
      int code, String reasonPhrase, String description, String method, String path, String server) {
    return switch (code) {
      case 404 -> "no such endpoint: " + method + " " + path;
      case 405 -> "method " + method + " is not allowed on " + path;
      case 413 -> bodyTooLarge(server);
      case 503 -> description != null ? description : "service unavailable";
      default -> description != null ? description : reasonPhrase;
    };
  }

  /** The message for a request body over the limit that {@code server} sets. */
  public static String bodyTooLarge(String server) {
    return "request body is larger than the " + server + "'s limit";
  }
}
