package io.trantor.agent.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code gs://bucket/path} from a public bucket, anonymously, through the Cloud Storage JSON API:
 * every object under {@code path/} (paged listing), or the single object {@code path}.
 */
final class GcsSource implements ArtifactSource {
  /** The public endpoint; tests and emulators pass their own. */
  static final URI DEFAULT_ENDPOINT = URI.create("https://storage.googleapis.com");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpTransfer http;
  private final String endpoint;

  GcsSource(HttpTransfer http, URI endpoint) {
    this.http = http;
    String e = endpoint.toString();
    this.endpoint = e.endsWith("/") ? e.substring(0, e.length() - 1) : e;
  }

  @Override
  public void download(StorageLocation location, Path folder) throws IOException, InterruptedException {
    String prefix = location.path().isEmpty() ? "" : location.path() + "/";
    List<String> names = list(location, prefix);
    if (names.isEmpty()) {
      if (location.path().isEmpty() || !fetch(location, location.path(), folder.resolve(location.lastSegment()))) {
        throw ArtifactSource.nothingAt(location);
      }
      return;
    }
    for (String name : names) {
      Path target = ArtifactSource.inside(folder, name.substring(prefix.length()), location.uri());
      if (!fetch(location, name, target)) {
        throw new ArtifactException("cannot fetch " + location.uri() + ": object " + name + " vanished while downloading");
      }
    }
  }

  private List<String> list(StorageLocation location, String prefix) throws IOException, InterruptedException {
    List<String> names = new ArrayList<>();
    String pageToken = null;
    do {
      String query = "prefix=" + encode(prefix) + "&fields=" + encode("items(name),nextPageToken")
          + (pageToken == null ? "" : "&pageToken=" + encode(pageToken));
      URI uri = URI.create(endpoint + "/storage/v1/b/" + encode(location.bucket()) + "/o?" + query);
      Optional<String> body = http.text(uri, Map.of(), location.uri());
      if (body.isEmpty()) {
        throw new ArtifactException("model artifact not found: bucket of " + location.uri() + " does not exist");
      }
      JsonNode page = JSON.readTree(body.get());
      for (JsonNode item : page.path("items")) {
        String name = item.path("name").asText("");
        if (!name.isEmpty() && !name.endsWith("/")) {
          names.add(name);
        }
      }
      pageToken = page.hasNonNull("nextPageToken") ? page.get("nextPageToken").asText() : null;
    } while (pageToken != null && !pageToken.isEmpty());
    return names;
  }

  private boolean fetch(StorageLocation location, String object, Path target) throws IOException, InterruptedException {
    URI uri = URI.create(endpoint + "/storage/v1/b/" + encode(location.bucket()) + "/o/" + encode(object) + "?alt=media");
    return http.file(uri, Map.of(), target, location.uri());
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
