package io.trantor.agent.artifact;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import com.linecorp.armeria.testing.junit5.server.ServerExtension;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local stand-in for the three remote stores, speaking just the calls the fetcher makes:
 * plain files under {@code /files/}, the Cloud Storage JSON API under {@code /storage/v1/}
 * (listing pages of two objects, {@code alt=media} downloads) and the S3 REST API under
 * {@code /s3/} (ListObjectsV2 pages of two keys, GetObject), where every request must carry a
 * valid SigV4 signature for {@link #ACCESS_KEY}/{@link #SECRET_KEY}.
 */
final class FakeObjectStore extends ServerExtension {
  static final String ACCESS_KEY = "AKIDTEST";
  static final String SECRET_KEY = "test-secret-key";
  static final String REGION = "us-east-1";
  private static final int PAGE = 2;
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  /** bucket → object name → content; {@code files} is the bucket of /files/. */
  private final Map<String, TreeMap<String, String>> buckets = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();

  void put(String bucket, String name, String content) {
    buckets.computeIfAbsent(bucket, b -> new TreeMap<>()).put(name, content);
  }

  void clear() {
    buckets.clear();
    requests.clear();
  }

  /** Every request path (with query) served so far. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  String base() {
    return "http://127.0.0.1:" + httpPort();
  }

  @Override
  protected void configure(ServerBuilder sb) {
    sb.http(new InetSocketAddress("127.0.0.1", 0));
    sb.service("prefix:/files/", (ctx, req) -> respond(ctx, req, this::file));
    sb.service("prefix:/storage/v1/b/", (ctx, req) -> respond(ctx, req, this::gcs));
    sb.service("prefix:/s3/", (ctx, req) -> respond(ctx, req, this::s3));
  }

  private interface Handler {
    AggregatedHttpResponse handle(HttpRequest req, URI uri);
  }

  private HttpResponse respond(ServiceRequestContext ctx, HttpRequest req, Handler handler) {
    URI uri = req.uri();
    requests.add(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    return handler.handle(req, uri).toHttpResponse();
  }

  private AggregatedHttpResponse file(HttpRequest req, URI uri) {
    return object("files", decode(uri.getRawPath().substring("/files/".length())));
  }

  private AggregatedHttpResponse gcs(HttpRequest req, URI uri) {
    String[] parts = uri.getRawPath().substring("/storage/v1/b/".length()).split("/o", 2);
    String bucket = decode(parts[0]);
    Map<String, String> query = query(uri);
    if (parts.length == 2 && parts[1].startsWith("/")) {
      if (!"media".equals(query.get("alt"))) {
        return AggregatedHttpResponse.of(HttpStatus.BAD_REQUEST);
      }
      return object(bucket, decode(parts[1].substring(1)));
    }
    TreeMap<String, String> objects = buckets.get(bucket);
    if (objects == null) {
      return AggregatedHttpResponse.of(HttpStatus.NOT_FOUND);
    }
    List<String> names = matching(objects, query.getOrDefault("prefix", ""));
    int from = Integer.parseInt(query.getOrDefault("pageToken", "0"));
    StringBuilder json = new StringBuilder("{\"kind\":\"storage#objects\"");
    List<String> items = new ArrayList<>();
    for (String name : names.subList(from, Math.min(from + PAGE, names.size()))) {
      items.add("{\"name\":\"" + name + "\"}");
    }
    if (!items.isEmpty()) {
      json.append(",\"items\":[").append(String.join(",", items)).append(']');
    }
    if (from + PAGE < names.size()) {
      json.append(",\"nextPageToken\":\"").append(from + PAGE).append('"');
    }
    return AggregatedHttpResponse.of(HttpStatus.OK, MediaType.JSON, json.append('}').toString());
  }

  private AggregatedHttpResponse s3(HttpRequest req, URI uri) {
    String authorization = req.headers().get("authorization");
    String date = req.headers().get("x-amz-date");
    if (authorization == null || date == null) {
      return AggregatedHttpResponse.of(HttpStatus.FORBIDDEN, MediaType.PLAIN_TEXT, "AccessDenied: anonymous");
    }
    // The server may re-spell percent-escapes; canonical form is decode, then encode each part.
    List<String> segments = new ArrayList<>();
    for (String segment : uri.getRawPath().split("/", -1)) {
      segments.add(SigV4Signer.encode(decode(segment), false));
    }
    String canonicalPath = String.join("/", segments);
    StringBuilder canonicalQuery = new StringBuilder();
    query(uri).forEach((k, v) -> canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&")
        .append(SigV4Signer.encode(k, false)).append('=').append(SigV4Signer.encode(v, false)));
    URI signedUri = URI.create("http://" + req.headers().authority() + canonicalPath
        + (canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery));
    String expected = new SigV4Signer(ACCESS_KEY, SECRET_KEY, null, REGION)
        .sign(signedUri, Instant.from(STAMP.parse(date))).get("Authorization");
    if (!authorization.equals(expected)) {
      return AggregatedHttpResponse.of(HttpStatus.FORBIDDEN, MediaType.PLAIN_TEXT, "SignatureDoesNotMatch");
    }
    String rest = uri.getRawPath().substring("/s3/".length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : decode(rest.substring(slash + 1));
    if (!key.isEmpty()) {
      return object(bucket, key);
    }
    TreeMap<String, String> objects = buckets.get(bucket);
    if (objects == null) {
      return AggregatedHttpResponse.of(HttpStatus.NOT_FOUND, MediaType.XML_UTF_8, "<Error><Code>NoSuchBucket</Code></Error>");
    }
    Map<String, String> query = query(uri);
    List<String> keys = matching(objects, query.getOrDefault("prefix", ""));
    int from = Integer.parseInt(query.getOrDefault("continuation-token", "0"));
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">");
    for (String name : keys.subList(from, Math.min(from + PAGE, keys.size()))) {
      xml.append("<Contents><Key>").append(name).append("</Key><Size>1</Size></Contents>");
    }
    boolean truncated = from + PAGE < keys.size();
    xml.append("<IsTruncated>").append(truncated).append("</IsTruncated>");
    if (truncated) {
      xml.append("<NextContinuationToken>").append(from + PAGE).append("</NextContinuationToken>");
    }
    return AggregatedHttpResponse.of(HttpStatus.OK, MediaType.XML_UTF_8, xml.append("</ListBucketResult>").toString());
  }

  private AggregatedHttpResponse object(String bucket, String name) {
    TreeMap<String, String> objects = buckets.get(bucket);
    String content = objects == null ? null : objects.get(name);
    return content == null
        ? AggregatedHttpResponse.of(HttpStatus.NOT_FOUND)
        : AggregatedHttpResponse.of(HttpStatus.OK, MediaType.OCTET_STREAM, content);
  }

  private static List<String> matching(TreeMap<String, String> objects, String prefix) {
    return objects.keySet().stream().filter(n -> n.startsWith(prefix)).toList();
  }

  private static Map<String, String> query(URI uri) {
    Map<String, String> params = new TreeMap<>();
    if (uri.getRawQuery() != null) {
      for (String pair : uri.getRawQuery().split("&")) {
        int eq = pair.indexOf('=');
        params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
      }
    }
    return params;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
