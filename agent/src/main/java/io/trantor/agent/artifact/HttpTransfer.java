package io.trantor.agent.artifact;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Plain HTTP GETs for the artifact sources: a listing as text, an object into a file. A 404 is an
 * empty result; any other non-2xx status is an {@link ArtifactException} naming the storage URI
 * (never the request headers, which may carry a signature).
 */
final class HttpTransfer implements AutoCloseable {
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(30);
  private static final int MAX_ERROR_BODY = 300;

  private final HttpClient client;

  HttpTransfer() {
    this.client = HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL)
        .build();
  }

  /** The body as text, or empty on 404. */
  Optional<String> text(URI uri, Map<String, String> headers, String storageUri)
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        client.send(request(uri, headers), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    check(response.statusCode(), response.body(), storageUri);
    return Optional.of(response.body());
  }

  /** Writes the body to {@code file} (creating its folders); false on 404. */
  boolean file(URI uri, Map<String, String> headers, Path file, String storageUri)
      throws IOException, InterruptedException {
    Files.createDirectories(file.getParent());
    HttpResponse<Path> response = client.send(request(uri, headers), HttpResponse.BodyHandlers.ofFile(file));
    int status = response.statusCode();
    if (status / 100 == 2) {
      return true;
    }
    String body = Files.readString(file, StandardCharsets.UTF_8);
    Files.deleteIfExists(file);
    if (status == 404) {
      return false;
    }
    check(status, body, storageUri);
    return true;
  }

  private static HttpRequest request(URI uri, Map<String, String> headers) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET();
    headers.forEach(builder::header);
    return builder.build();
  }

  private static void check(int status, String body, String storageUri) {
    if (status / 100 == 2) {
      return;
    }
    String detail = body == null ? "" : body.strip();
    if (detail.length() > MAX_ERROR_BODY) {
      detail = detail.substring(0, MAX_ERROR_BODY) + "...";
    }
    String access = status == 401 || status == 403 ? " (access denied: check the credentials)" : "";
    throw new ArtifactException(
        "cannot fetch " + storageUri + ": HTTP " + status + access + (detail.isEmpty() ? "" : ": " + detail));
  }

  @Override
  public void close() {
    client.close();
  }
}
