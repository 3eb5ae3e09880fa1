package io.trantor.runtime.tensorflow.internal;

import java.util.Locale;

/**
 * Whether TensorFlow's native library for this machine is on the class path (the
 * {@code tensorflow-core-native} jar with this platform's classifier). Only then does the
 * runtime advertise the {@code tensorflow} capability, so the scheduler does not send TensorFlow
 * models to a server that could not load them.
 */
public final class BundledNativeLibrary {
  private BundledNativeLibrary() {}

  public static boolean present() {
    String folder = "org/tensorflow/internal/c_api/" + platform() + "/";
    return BundledNativeLibrary.class.getClassLoader().getResource(folder) != null;
  }

  /** JavaCPP's platform name, e.g. {@code linux-x86_64}, {@code macosx-arm64}. */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.startsWith("mac") ? "macosx" : os.startsWith("windows") ? "windows" : os;
    String archName = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "arm64";
      default -> arch;
    };
    return osName + "-" + archName;
  }
}
