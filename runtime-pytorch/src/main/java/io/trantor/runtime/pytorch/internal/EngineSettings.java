package io.trantor.runtime.pytorch.internal;

import java.nio.file.Path;

/**
 * DJL is configured through system properties, read when its PyTorch engine first starts; these
 * are set before that, unless the user set them (on the command line or in DJL's environment
 * variables).
 *
 * <ul>
 *   <li>Offline: the native library comes from the pytorch-native-cpu jar on the class path, never
 *       from the network.
 *   <li>Cache: DJL extracts ~430 MB of LibTorch once; a stable per-user folder
 *       ({@code ~/.cache/trantor/djl}, unless {@code ENGINE_CACHE_DIR} or {@code DJL_CACHE_DIR}
 *       names another) means a machine pays that once, not per run.
 *   <li>One inter-op and one intra-op thread: a server runs many requests at once on few cores, so
 *       each request runs on its own thread instead of all contending for a shared pool.
 * </ul>
 */
public final class EngineSettings {
  public static final String ENGINE = "PyTorch";

  private EngineSettings() {}

  public static synchronized void apply() {
    setIfAbsent("ai.djl.offline", null, "true");
    boolean cacheChosen = System.getProperty("DJL_CACHE_DIR") != null || System.getenv("DJL_CACHE_DIR") != null;
    if (!cacheChosen) {
      setIfAbsent(
          "ENGINE_CACHE_DIR", "ENGINE_CACHE_DIR",
          Path.of(System.getProperty("user.home"), ".cache", "trantor", "djl").toString());
    }
    setIfAbsent("ai.djl.pytorch.num_interop_threads", null, "1");
    setIfAbsent("ai.djl.pytorch.num_threads", null, "1");
  }

  private static void setIfAbsent(String property, String environment, String value) {
    if (System.getProperty(property) == null && (environment == null || System.getenv(environment) == null)) {
      System.setProperty(property, value);
    }
  }
}
