package io.trantor.samples.trees;

import io.github.metarank.lightgbm4j.LGBMBooster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Loads lightgbm4j's native libraries from a folder private to this process. Left to itself,
 * lightgbm4j rewrites {@code java.io.tmpdir/lib_lightgbm.so} in place in every JVM that uses it,
 * and a JVM whose library is truncated that way dies with SIGBUS: a generator run would kill an
 * agent or a test running next to it. The runtime-lightgbm module does the same for the same
 * reason. When {@code LIGHTGBM_NATIVE_LIB_PATH} is set, lightgbm4j copies nothing, and this steps
 * aside.
 */
final class LightgbmNativeLibrary {
  private static boolean loaded; // guarded by the class

  private LightgbmNativeLibrary() {}

  static synchronized void load() throws IOException {
    if (loaded) {
      return;
    }
    if (System.getenv("LIGHTGBM_NATIVE_LIB_PATH") == null) {
      Path privateFolder = Files.createTempDirectory("trantor-lightgbm-");
      String shared = System.getProperty("java.io.tmpdir");
      System.setProperty("java.io.tmpdir", privateFolder.toString());
      try {
        LGBMBooster.isNativeLoaded(); // runs lightgbm4j's static initialiser, which copies and loads
      } finally {
        System.setProperty("java.io.tmpdir", shared);
        try (Stream<Path> files = Files.list(privateFolder)) {
          for (Path file : files.toList()) {
            Files.deleteIfExists(file); // the loaded library stays mapped
          }
        }
        Files.deleteIfExists(privateFolder);
      }
    }
    if (!LGBMBooster.isNativeLoaded()) {
      throw new IOException("LightGBM's native library could not be loaded (is libgomp1 installed?)");
    }
    loaded = true;
  }
}
