package io.trantor.agent.artifact;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code http(s)://host/path/file}: one file, downloaded into the artifact folder under its own
 * name. HTTP has no listing, so a URI naming a folder cannot be fetched this way (use
 * {@code gs://}, {@code s3://} or a local path for multi-file models); archives are not unpacked.
 */
final class HttpSource implements ArtifactSource {
  private final HttpTransfer http;

  HttpSource(HttpTransfer http) {
    this.http = http;
  }

  @Override
  public void download(StorageLocation location, Path folder) throws IOException, InterruptedException {
    if (location.path().isEmpty() || location.uri().endsWith("/")) {
      throw new ArtifactException(
          "cannot fetch " + location.uri() + ": an http(s) storage URI must name one file (HTTP cannot"
              + " list a folder); use gs://, s3:// or a local folder for a multi-file model");
    }
    URI uri = URI.create(location.uri());
    String name = location.lastSegment();
    int query = name.indexOf('?');
    name = query < 0 ? name : name.substring(0, query);
    if (!http.file(uri, Map.of(), ArtifactSource.inside(folder, name, location.uri()), location.uri())) {
      throw ArtifactSource.nothingAt(location);
    }
  }
}
