package io.trantor.kafka.broker;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded broker per test class on a free loopback port, in a temporary directory that is
 * removed afterwards. Register it as a static field:
 *
 * <pre>{@code
 * @RegisterExtension static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();
 * ... kafka.bootstrapServers() ...
 * }</pre>
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback {
  private EmbeddedKafka kafka;
  private Path dataDir;

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    dataDir = Files.createTempDirectory("trantor-kafka-");
    kafka = EmbeddedKafka.start("127.0.0.1", 0, dataDir);
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException {
    try {
      if (kafka != null) {
        kafka.close();
      }
    } finally {
      kafka = null;
      deleteRecursively(dataDir);
    }
  }

  /** {@code host:port} of the running broker; only valid inside the test class. */
  public String bootstrapServers() {
    if (kafka == null) {
      throw new IllegalStateException("the broker runs only while the test class runs (register the extension on a static field)");
    }
    return kafka.bootstrapServers();
  }

  /** The running broker. */
  public EmbeddedKafka broker() {
    bootstrapServers();
    return kafka;
  }

  private static void deleteRecursively(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
