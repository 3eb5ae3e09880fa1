package io.trantor.runtime.mlserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * MLServer's REST API as this runtime uses it: health, the repository API (load, unload) and
 * inference. Every call reads the current address from {@code base}, so it follows a restarted
 * MLServer to its new port.
 */
final class MlServerClient implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);
  // Seldon's agent gives a load 60 minutes; a Hugging Face model may download for that long.
  private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(60);
  private static final Duration UNLOAD_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration INFER_TIMEOUT = Duration.ofMinutes(10);

  /** One answer: the HTTP status and the body. */
  record Reply(int status, byte[] body) {
    boolean ok() {
      return status / 100 == 2;
    }

    /** MLServer's {@code {"error": ...}} (or FastAPI's {@code {"detail": ...}}), else the body as text. */
    String error() {
      String text = new String(body, StandardCharsets.UTF_8);
      try {
        JsonNode json = MAPPER.readTree(body);
        if (json != null && json.hasNonNull("error")) {
          return json.get("error").asText();
        }
        if (json != null && json.hasNonNull("detail")) {
          return json.get("detail").toString();
        }
      } catch (IOException e) {
        // not JSON: the text itself is the best explanation there is
      }
      return text.isBlank() ? "HTTP " + status : text.strip();
    }
  }

  private final Supplier<String> base;
  private final HttpClient http;

  MlServerClient(Supplier<String> base) {
    this.base = base;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  /** True when MLServer answers {@code GET /v2/health/ready} with 200. */
  boolean ready() {
    try {
      return send(HttpRequest.newBuilder(uri("/v2/health/ready")).timeout(PROBE_TIMEOUT).GET()).status() == 200;
    } catch (IOException e) {
      return false;
    }
  }

  /** True when MLServer answers ready for that model. */
  boolean modelReady(String name) throws IOException {
    return send(HttpRequest.newBuilder(uri("/v2/models/" + encode(name) + "/ready")).timeout(PROBE_TIMEOUT).GET())
        .status() == 200;
  }

  Reply load(String name) throws IOException {
    return post("/v2/repository/models/" + encode(name) + "/load", new byte[0], LOAD_TIMEOUT);
  }

  Reply unload(String name) throws IOException {
    return post("/v2/repository/models/" + encode(name) + "/unload", new byte[0], UNLOAD_TIMEOUT);
  }

  Reply infer(String name, byte[] json) throws IOException {
    return post("/v2/models/" + encode(name) + "/infer", json, INFER_TIMEOUT);
  }

  private Reply post(String path, byte[] body, Duration timeout) throws IOException {
    return send(HttpRequest.newBuilder(uri(path))
        .timeout(timeout)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Reply send(HttpRequest.Builder request) throws IOException {
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(response.statusCode(), response.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling MLServer", e);
    }
  }

  private URI uri(String path) {
    return URI.create(base.get() + path);
  }

  private static String encode(String name) {
    return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    http.close();
  }
}
