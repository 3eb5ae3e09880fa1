package io.trantor.agent.artifact;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * AWS Signature Version 4 for body-less S3 requests (GET), signed in the Authorization header.
 * The URI must already be in canonical form: path segments and query parameters percent-encoded
 * per RFC 3986, query parameters sorted (see {@link #encode}).
 */
final class SigV4Signer {
  static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private static final HexFormat HEX = HexFormat.of();

  private final String accessKeyId;
  private final String secretAccessKey;
  private final String sessionToken;
  private final String region;

  SigV4Signer(String accessKeyId, String secretAccessKey, String sessionToken, String region) {
    this.accessKeyId = accessKeyId;
    this.secretAccessKey = secretAccessKey;
    this.sessionToken = sessionToken;
    this.region = region;
  }

  /** The headers to send with a GET of {@code uri} at {@code now}, the Authorization header included. */
  Map<String, String> sign(URI uri, Instant now) {
    String timestamp = STAMP.format(now);
    String date = timestamp.substring(0, 8);
    TreeMap<String, String> signed = new TreeMap<>();
    signed.put("host", hostHeader(uri));
    signed.put("x-amz-content-sha256", EMPTY_SHA256);
    signed.put("x-amz-date", timestamp);
    if (sessionToken != null) {
      signed.put("x-amz-security-token", sessionToken);
    }
    StringBuilder canonicalHeaders = new StringBuilder();
    signed.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v.strip()).append('\n'));
    String signedHeaders = String.join(";", signed.keySet());
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    String canonicalRequest = "GET\n" + path + "\n" + query + "\n" + canonicalHeaders + "\n" + signedHeaders
        + "\n" + EMPTY_SHA256;
    String scope = date + "/" + region + "/s3/aws4_request";
    String stringToSign = "AWS4-HMAC-SHA256\n" + timestamp + "\n" + scope + "\n" + sha256Hex(canonicalRequest);
    byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
    key = hmac(key, region);
    key = hmac(key, "s3");
    key = hmac(key, "aws4_request");
    String signature = HEX.formatHex(hmac(key, stringToSign));

    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-amz-content-sha256", EMPTY_SHA256);
    headers.put("x-amz-date", timestamp);
    if (sessionToken != null) {
      headers.put("x-amz-security-token", sessionToken);
    }
    headers.put("Authorization", "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
    return headers;
  }

  /** What an HTTP client sends as Host: the port only when it is not the scheme's default. */
  static String hostHeader(URI uri) {
    int port = uri.getPort();
    boolean defaultPort = port == -1
        || (port == 80 && "http".equalsIgnoreCase(uri.getScheme()))
        || (port == 443 && "https".equalsIgnoreCase(uri.getScheme()));
    return defaultPort ? uri.getHost() : uri.getHost() + ":" + port;
  }

  /** RFC 3986 percent-encoding, as SigV4 wants it; {@code /} is kept when {@code keepSlash}. */
  static String encode(String value, boolean keepSlash) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
        out.append(c);
      } else {
        out.append('%').append(HEX.withUpperCase().toHexDigits(b));
      }
    }
    return out.toString();
  }

  private static String sha256Hex(String text) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static byte[] hmac(byte[] key, String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("the JDK always has HmacSHA256", e);
    }
  }
}
