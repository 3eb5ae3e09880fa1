package io.trantor.agent.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * Packs already-compiled classes (read from the test classpath) into a jar, the way a user ships
 * a custom model, so tests exercise the jar path without compiling anything.
 */
public final class ModelJars {
  private ModelJars() {}

  /** A jar holding the classes' bytes. */
  public static Path write(Path jar, Class<?>... classes) {
    return writeWithService(jar, null, classes);
  }

  /**
   * A jar holding the classes' bytes and, when {@code serviceProvider} is not null, a
   * {@code META-INF/services/io.trantor.agent.sdk.Model} naming it.
   */
  public static Path writeWithService(Path jar, Class<?> serviceProvider, Class<?>... classes) {
    try {
      Files.createDirectories(jar.getParent());
      try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
        for (Class<?> type : classes) {
          String entry = type.getName().replace('.', '/') + ".class";
          out.putNextEntry(new JarEntry(entry));
          try (InputStream bytes = type.getClassLoader().getResourceAsStream(entry)) {
            if (bytes == null) {
              throw new IllegalStateException("no class file for " + type.getName());
            }
            bytes.transferTo(out);
          }
          out.closeEntry();
        }
        if (serviceProvider != null) {
          out.putNextEntry(new JarEntry("META-INF/services/io.trantor.agent.sdk.Model"));
          out.write(("# the model\n" + serviceProvider.getName() + "\n").getBytes(StandardCharsets.UTF_8));
          out.closeEntry();
        }
      }
      return jar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
