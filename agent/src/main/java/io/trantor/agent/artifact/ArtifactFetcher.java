package io.trantor.agent.artifact;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a model's storage URI into a local folder holding its files. Rewrite rules apply first;
 * then, by scheme:
 *
 * <ul>
 *   <li>a plain path or {@code file://}: used in place, never copied (a relative path is relative to
 *       the process working directory);
 *   <li>{@code http(s)://.../file}: that one file, in a folder of its own (HTTP cannot list a
 *       folder, and archives are not unpacked);
 *   <li>{@code gs://bucket/path}: a public Cloud Storage bucket, anonymously, through the JSON API
 *       ({@code STORAGE_EMULATOR_HOST} points it elsewhere, as for Google's own clients);
 *   <li>{@code s3://bucket/path}, or {@code NAME://bucket/path} for an rclone remote configured
 *       with {@code RCLONE_CONFIG_NAME_TYPE=s3}: the S3 REST API (see {@link S3Settings}).
 * </ul>
 *
 * Remote artifacts are cached under the cache folder by URI and reused as long as the folder
 * exists, across restarts too: a changed object behind the same URI is not fetched again (give the
 * new version a new URI, or empty the cache). Thread-safe; closing it releases the HTTP client.
 */
public final class ArtifactFetcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArtifactFetcher.class);

  private final ArtifactCache cache;
  private final UnaryOperator<String> rewrite;
  private final Map<String, String> env;
  private final HttpTransfer http = new HttpTransfer();
  private final URI gcsEndpoint;
  private final Clock clock;

  /**
   * @param cacheDir where remote artifacts are kept
   * @param rewrite applied to every storage URI before anything else (the storage rewrite rules)
   * @param env where credentials and endpoints are read ({@code System.getenv()} in a process)
   */
  public ArtifactFetcher(Path cacheDir, UnaryOperator<String> rewrite, Map<String, String> env) {
    this.cache = new ArtifactCache(cacheDir);
    this.rewrite = rewrite;
    this.env = Map.copyOf(env);
    String emulator = env.get("STORAGE_EMULATOR_HOST");
    this.gcsEndpoint = emulator == null || emulator.isBlank()
        ? GcsSource.DEFAULT_ENDPOINT
        : URI.create(emulator.contains("://") ? emulator : "http://" + emulator);
    this.clock = Clock.systemUTC();
  }

  /**
   * The local folder with the artifact's files, downloading it unless it is local or cached.
   *
   * @throws ArtifactException naming the URI when it is missing, refused or malformed
   * @throws InterruptedException when the calling thread is interrupted while downloading
   */
  public Path fetch(String storageUri) throws InterruptedException {
    if (storageUri == null || storageUri.isBlank()) {
      throw new ArtifactException("the model has no storage URI");
    }
    String uri = rewrite.apply(storageUri.strip());
    String described = uri.equals(storageUri) ? uri : uri + " (rewritten from " + storageUri + ")";
    try {
      StorageLocation location = StorageLocation.parse(uri);
      if (location.isLocal()) {
        return local(location, described);
      }
      ArtifactSource source = source(location, described);
      long started = System.nanoTime();
      boolean[] downloaded = {false};
      Path folder = cache.folder(uri, location.lastSegment(), into -> {
        downloaded[0] = true;
        source.download(location, into);
      });
      if (downloaded[0]) {
        LOG.info("Fetched {} into {} in {} ms", uri, folder, (System.nanoTime() - started) / 1_000_000);
      } else {
        LOG.debug("Reusing the cached {} in {}", uri, folder);
      }
      return folder;
    } catch (ArtifactException e) {
      if (uri.equals(storageUri) || e.getMessage().contains("rewritten from")) {
        throw e;
      }
      throw new ArtifactException(e.getMessage() + " (rewritten from " + storageUri + ")", e);
    } catch (IOException | IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new ArtifactException("cannot fetch " + described + ": " + reason, e);
    }
  }

  private static Path local(StorageLocation location, String described) {
    Path path;
    try {
      path = location.scheme().equals("file") ? Path.of(URI.create(location.uri())) : Path.of(location.path());
    } catch (IllegalArgumentException e) {
      throw new ArtifactException("storage URI " + described + " is not a valid local path: " + e.getMessage(), e);
    }
    path = path.toAbsolutePath().normalize();
    if (!Files.exists(path)) {
      throw new ArtifactException("model artifact not found: " + path + " does not exist (storage URI " + described + ")");
    }
    if (!Files.isDirectory(path)) {
      throw new ArtifactException(
          "storage URI " + described + " names the file " + path + "; a local storage URI must name the model's folder");
    }
    return path;
  }

  private ArtifactSource source(StorageLocation location, String described) {
    return switch (location.scheme()) {
      case "http", "https" -> new HttpSource(http);
      case "gs" -> new GcsSource(http, gcsEndpoint);
      default -> {
        Optional<S3Settings> s3 = S3Settings.forRemote(location.scheme(), env);
        if (s3.isEmpty()) {
          throw new ArtifactException("storage URI " + described + " has the scheme '" + location.scheme()
              + "', which this agent cannot fetch: use a local path, file://, http(s)://, gs://, s3://"
              + " or an rclone remote configured with RCLONE_CONFIG_" + location.scheme().toUpperCase(java.util.Locale.ROOT)
              + "_TYPE=s3");
        }
        yield new S3Source(http, s3.get(), clock);
      }
    };
  }

  @Override
  public void close() {
    http.close();
  }
}
