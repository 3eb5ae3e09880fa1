package io.trantor.samples.conditional;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;

/**
 * The {@code conditional} sample: a Java custom model packed as a jar with its
 * model-settings.json (shared reference seldon-api-surface.md §5.1 A5).
 */
public final class ConditionalSample {
  static final String JAR_NAME = "conditional.jar";

  /**
   * Every entry gets this timestamp, as local (zone-free) date-time, so the jar's bytes do not
   * depend on when or in which time zone it was written.
   */
  private static final LocalDateTime FIXED_TIME = LocalDateTime.of(2024, 1, 1, 0, 0);

  private static final String SETTINGS = """
      {
        "name": "conditional",
        "implementation": "%s",
        "parameters": {
          "version": "1"
        },
        "inputs": [
          {"name": "CHOICE", "datatype": "INT32", "shape": [1]},
          {"name": "INPUT0", "datatype": "FP32", "shape": [4]},
          {"name": "INPUT1", "datatype": "FP32", "shape": [4]}
        ],
        "outputs": [
          {"name": "OUTPUT0", "datatype": "FP32", "shape": [4]},
          {"name": "OUTPUT1", "datatype": "FP32", "shape": [4]}
        ]
      }
      """.formatted(ConditionalModel.class.getName());

  private ConditionalSample() {}

  /** Writes the model folder (model-settings.json + a reproducible jar) into {@code modelDir}. */
  public static void write(Path modelDir) throws IOException {
    Files.createDirectories(modelDir);
    Files.write(modelDir.resolve(JAR_NAME), jar());
    Files.writeString(modelDir.resolve("model-settings.json"), SETTINGS, StandardCharsets.UTF_8);
  }

  /** A jar holding only the manifest and the model's class file. */
  private static byte[] jar() throws IOException {
    String classEntry = ConditionalModel.class.getName().replace('.', '/') + ".class";
    byte[] classBytes;
    try (InputStream in = ConditionalModel.class.getClassLoader().getResourceAsStream(classEntry)) {
      if (in == null) {
        throw new IOException("class file " + classEntry + " is not on the classpath");
      }
      classBytes = in.readAllBytes();
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes)) {
      // Written by hand rather than through a Manifest object, so no JDK-dependent
      // "Created-By" line creeps in.
      add(jar, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\n\r\n".getBytes(StandardCharsets.UTF_8));
      add(jar, classEntry, classBytes);
    }
    return bytes.toByteArray();
  }

  private static void add(JarOutputStream jar, String name, byte[] content) throws IOException {
    ZipEntry entry = new JarEntry(name);
    entry.setTimeLocal(FIXED_TIME);
    jar.putNextEntry(entry);
    jar.write(content);
    jar.closeEntry();
  }
}
