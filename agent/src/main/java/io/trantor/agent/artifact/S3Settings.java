package io.trantor.agent.artifact;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where and as whom to reach an S3-compatible store. Read from the environment the way Seldon's
 * storage secrets are written (rclone's environment configuration): for a URI {@code NAME://bucket/path},
 * {@code RCLONE_CONFIG_<NAME>_TYPE=s3} with {@code _ACCESS_KEY_ID}, {@code _SECRET_ACCESS_KEY},
 * {@code _ENDPOINT}, {@code _REGION} (and {@code _ENV_AUTH=true} to take the keys from the AWS
 * variables); otherwise, for {@code s3://}, the AWS variables {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}, {@code AWS_REGION} /
 * {@code AWS_DEFAULT_REGION}, {@code AWS_ENDPOINT_URL_S3} / {@code AWS_ENDPOINT_URL}. Without keys,
 * requests go unsigned (public buckets).
 *
 * @param endpoint a custom endpoint (MinIO, a test server), or {@code null} for AWS
 * @param accessKeyId {@code null} for anonymous access
 */
record S3Settings(URI endpoint, String region, String accessKeyId, String secretAccessKey, String sessionToken) {
  private static final String DEFAULT_REGION = "us-east-1";

  /** Settings for the URI scheme {@code remote}, or empty when it is not an S3 remote. */
  static Optional<S3Settings> forRemote(String remote, Map<String, String> env) {
    String prefix = "RCLONE_CONFIG_" + remote.toUpperCase(Locale.ROOT) + "_";
    String type = env.get(prefix + "TYPE");
    if (type != null && type.equalsIgnoreCase("s3")) {
      boolean envAuth = "true".equalsIgnoreCase(env.get(prefix + "ENV_AUTH"));
      String key = envAuth ? env.get("AWS_ACCESS_KEY_ID") : env.get(prefix + "ACCESS_KEY_ID");
      String secret = envAuth ? env.get("AWS_SECRET_ACCESS_KEY") : env.get(prefix + "SECRET_ACCESS_KEY");
      String token = envAuth ? env.get("AWS_SESSION_TOKEN") : env.get(prefix + "SESSION_TOKEN");
      return Optional.of(new S3Settings(
          endpoint(env.get(prefix + "ENDPOINT")),
          firstOf(env.get(prefix + "REGION"), env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), DEFAULT_REGION),
          blankToNull(key), blankToNull(secret), blankToNull(token)));
    }
    if (!remote.equalsIgnoreCase("s3")) {
      return Optional.empty();
    }
    return Optional.of(new S3Settings(
        endpoint(firstOf(env.get("AWS_ENDPOINT_URL_S3"), env.get("AWS_ENDPOINT_URL"), null)),
        firstOf(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), DEFAULT_REGION),
        blankToNull(env.get("AWS_ACCESS_KEY_ID")), blankToNull(env.get("AWS_SECRET_ACCESS_KEY")),
        blankToNull(env.get("AWS_SESSION_TOKEN"))));
  }

  boolean signed() {
    return accessKeyId != null && secretAccessKey != null;
  }

  /**
   * The base URL requests for {@code bucket} go to, without a trailing slash, and whether the
   * bucket is in the path (custom endpoints, bucket names with dots) or in the host (AWS).
   */
  String baseUrl(String bucket) {
    if (endpoint != null) {
      String e = endpoint.toString();
      return (e.endsWith("/") ? e.substring(0, e.length() - 1) : e) + "/" + bucket;
    }
    return bucket.contains(".")
        ? "https://s3." + region + ".amazonaws.com/" + bucket
        : "https://" + bucket + ".s3." + region + ".amazonaws.com";
  }

  /** Never prints the keys. */
  @Override
  public String toString() {
    return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", signed=" + signed() + "]";
  }

  private static URI endpoint(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return URI.create(value.contains("://") ? value : "https://" + value);
  }

  private static String firstOf(String a, String b, String fallback) {
    return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : fallback;
  }

  private static String firstOf(String a, String b, String c, String fallback) {
    return firstOf(a, firstOf(b, c, null), fallback);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
