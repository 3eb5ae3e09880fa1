package io.trantor.runtime.lightgbm;

import io.github.metarank.lightgbm4j.LGBMBooster;
import io.trantor.runtime.api.ModelLoadException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Loads lightgbm4j's native libraries from a folder private to this process.
 *
 * <p>Left to itself, lightgbm4j copies {@code lib_lightgbm.so} and {@code lib_lightgbm_swig.so}
 * into {@code java.io.tmpdir} under those fixed names, rewriting the files in place in every JVM
 * that starts it. A second JVM doing that truncates the library under a running one, which then
 * dies with SIGBUS (it happened on this project's build machine; several agents on one host would
 * do the same). So the first load points {@code java.io.tmpdir} at a fresh folder just while
 * lightgbm4j initialises, then deletes the copies (Linux keeps a loaded library alive after its
 * file is removed). When {@code LIGHTGBM_NATIVE_LIB_PATH} is set, lightgbm4j loads from there
 * without copying, and this steps aside.
 */
final class LightgbmNativeLibrary {
  private static boolean loaded; // guarded by the class

  private LightgbmNativeLibrary() {}

  static synchronized void load() throws ModelLoadException {
    if (loaded) {
      return;
    }
    try {
      if (System.getenv("LIGHTGBM_NATIVE_LIB_PATH") != null) {
        initialiseLightgbm4j();
      } else {
        initialiseLightgbm4jIn(Files.createTempDirectory("trantor-lightgbm-"));
      }
    } catch (IOException | LinkageError e) {
      throw new ModelLoadException("LightGBM's native library could not be loaded: " + e.getMessage(), e);
    }
    if (!LGBMBooster.isNativeLoaded()) {
      throw new ModelLoadException(
          "LightGBM's native library could not be loaded (it needs the system's libgomp, e.g. Debian package"
              + " libgomp1; lightgbm4j's log says more)");
    }
    loaded = true;
  }

  /**
   * Another part of this JVM may have initialised lightgbm4j already; then the property change is
   * harmless and nothing is copied.
   */
  private static void initialiseLightgbm4jIn(Path privateFolder) throws IOException {
    String shared = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", privateFolder.toString());
    try {
      initialiseLightgbm4j();
    } finally {
      System.setProperty("java.io.tmpdir", shared);
      deleteQuietly(privateFolder);
    }
  }

  /** The first call into LGBMBooster runs its static initialiser, which copies and loads. */
  private static void initialiseLightgbm4j() {
    LGBMBooster.isNativeLoaded();
  }

  private static void deleteQuietly(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(folder);
    } catch (IOException e) {
      folder.toFile().deleteOnExit(); // a platform that keeps loaded libraries locked
    }
  }

  /** Where lightgbm4j copies its libraries when left to itself; for tests. */
  static File sharedCopy() {
    return new File(System.getProperty("java.io.tmpdir"), "lib_lightgbm.so");
  }
}
