package io.trantor.agent.artifact;

import java.net.URI;
import java.util.Locale;

/**
 * A storage URI taken apart: {@code scheme://bucket/path} for object stores and web servers, or a
 * local path. {@code path} never starts or ends with {@code /}; it is empty for a whole bucket.
 *
 * @param uri the URI as fetched (after rewrite rules)
 * @param scheme lower-case scheme ({@code gs}, {@code s3}, {@code http}, ...), empty for a plain
 *     local path
 * @param bucket the bucket (or host for http), empty for a local path
 * @param path the object path within the bucket, or the local path
 */
record StorageLocation(String uri, String scheme, String bucket, String path) {

  static StorageLocation parse(String uri) {
    int sep = uri.indexOf("://");
    if (sep <= 0) {
      return new StorageLocation(uri, "", "", uri);
    }
    String scheme = uri.substring(0, sep).toLowerCase(Locale.ROOT);
    if (scheme.equals("file")) {
      return new StorageLocation(uri, scheme, "", URI.create(uri).getPath());
    }
    String rest = uri.substring(sep + 3);
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String path = slash < 0 ? "" : strip(rest.substring(slash + 1));
    if (bucket.isEmpty()) {
      throw new ArtifactException("storage URI '" + uri + "' names no bucket or host");
    }
    return new StorageLocation(uri, scheme, bucket, path);
  }

  boolean isLocal() {
    return scheme.isEmpty() || scheme.equals("file");
  }

  /** The last path segment, or the bucket when the path is empty. */
  String lastSegment() {
    return path.isEmpty() ? bucket : path.substring(path.lastIndexOf('/') + 1);
  }

  private static String strip(String path) {
    int start = 0;
    int end = path.length();
    while (start < end && path.charAt(start) == '/') {
      start++;
    }
    while (end > start && path.charAt(end - 1) == '/') {
      end--;
    }
    return path.substring(start, end);
  }
}
