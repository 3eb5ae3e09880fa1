package io.trantor.agent.artifact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * Downloaded artifacts on disk, one folder per storage URI, kept across restarts. A download goes
 * to a hidden temporary folder that is renamed into place only when complete, so a folder present
 * in the cache is always whole (a crash leaves at most a {@code .download-*} folder behind, which is
 * never read). Downloads of the same URI in this process wait for each other; two processes sharing
 * the cache may both download, and the first rename wins.
 */
final class ArtifactCache {
  /** Fills an empty folder. */
  @FunctionalInterface
  interface Download {
    void into(Path folder) throws IOException, InterruptedException;
  }

  private static final int NAME_CHARS = 40;

  private final Path root;
  private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  ArtifactCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The cached folder of {@code uri}, downloading it first when it is not cached yet. */
  Path folder(String uri, String readableName, Download download) throws IOException, InterruptedException {
    String key = key(uri, readableName);
    Path target = root.resolve(key);
    ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lockInterruptibly();
    try {
      if (Files.isDirectory(target)) {
        return target;
      }
      Files.createDirectories(root);
      Path temporary = Files.createTempDirectory(root, ".download-");
      try {
        download.into(temporary);
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
        // Another process sharing the cache finished first; its copy is complete.
        deleteTree(temporary);
      } catch (IOException | InterruptedException | RuntimeException e) {
        deleteTree(temporary);
        throw e;
      }
      return target;
    } finally {
      lock.unlock();
    }
  }

  /** {@code <readable>-<sha-256 prefix of the URI>}: unique per URI, recognisable in a listing. */
  static String key(String uri, String readableName) {
    String readable = readableName.replaceAll("[^A-Za-z0-9._-]", "_");
    if (readable.length() > NAME_CHARS) {
      readable = readable.substring(0, NAME_CHARS);
    }
    if (readable.isEmpty() || readable.startsWith(".")) {
      readable = "artifact" + readable;
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(uri.getBytes(StandardCharsets.UTF_8));
      return readable + "-" + HexFormat.of().formatHex(digest, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static void deleteTree(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the partial download " + folder, e);
    }
  }
}
