package io.trantor.agent.artifact;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * {@code s3://bucket/path} (or any rclone remote of type s3) through the S3 REST API:
 * ListObjectsV2 under {@code path/}, then GetObject for each key, or GetObject of {@code path}
 * itself when nothing is under it. Requests are signed with SigV4 when keys are configured.
 */
final class S3Source implements ArtifactSource {
  private final HttpTransfer http;
  private final S3Settings settings;
  private final Clock clock;

  S3Source(HttpTransfer http, S3Settings settings, Clock clock) {
    this.http = http;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public void download(StorageLocation location, Path folder) throws IOException, InterruptedException {
    String base = settings.baseUrl(location.bucket());
    String prefix = location.path().isEmpty() ? "" : location.path() + "/";
    List<String> keys = list(location, base, prefix);
    if (keys.isEmpty()) {
      if (location.path().isEmpty() || !fetch(location, base, location.path(), folder.resolve(location.lastSegment()))) {
        throw ArtifactSource.nothingAt(location);
      }
      return;
    }
    for (String key : keys) {
      Path target = ArtifactSource.inside(folder, key.substring(prefix.length()), location.uri());
      if (!fetch(location, base, key, target)) {
        throw new ArtifactException("cannot fetch " + location.uri() + ": object " + key + " vanished while downloading");
      }
    }
  }

  private List<String> list(StorageLocation location, String base, String prefix)
      throws IOException, InterruptedException {
    List<String> keys = new ArrayList<>();
    String token = null;
    do {
      TreeMap<String, String> query = new TreeMap<>();
      query.put("list-type", "2");
      query.put("prefix", prefix);
      if (token != null) {
        query.put("continuation-token", token);
      }
      StringBuilder q = new StringBuilder();
      query.forEach((k, v) -> q.append(q.isEmpty() ? "" : "&")
          .append(SigV4Signer.encode(k, false)).append('=').append(SigV4Signer.encode(v, false)));
      URI uri = URI.create(base + "/?" + q);
      Optional<String> body = http.text(uri, headers(uri), location.uri());
      if (body.isEmpty()) {
        throw new ArtifactException("model artifact not found: bucket of " + location.uri() + " does not exist");
      }
      Document page = parse(body.get(), location);
      NodeList contents = page.getElementsByTagName("Contents");
      for (int i = 0; i < contents.getLength(); i++) {
        String key = child((Element) contents.item(i), "Key");
        if (key != null && !key.isEmpty() && !key.endsWith("/")) {
          keys.add(key);
        }
      }
      boolean truncated = "true".equals(child(page.getDocumentElement(), "IsTruncated"));
      token = truncated ? child(page.getDocumentElement(), "NextContinuationToken") : null;
    } while (token != null && !token.isEmpty());
    return keys;
  }

  private boolean fetch(StorageLocation location, String base, String key, Path target)
      throws IOException, InterruptedException {
    URI uri = URI.create(base + "/" + SigV4Signer.encode(key, true));
    return http.file(uri, headers(uri), target, location.uri());
  }

  private Map<String, String> headers(URI uri) {
    if (!settings.signed()) {
      return Map.of();
    }
    return new SigV4Signer(settings.accessKeyId(), settings.secretAccessKey(), settings.sessionToken(), settings.region())
        .sign(uri, clock.instant());
  }

  private static Document parse(String xml, StorageLocation location) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw new ArtifactException("cannot fetch " + location.uri() + ": the bucket listing is not valid XML", e);
    }
  }

  private static String child(Element parent, String name) {
    NodeList nodes = parent.getElementsByTagName(name);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
  }
}
