package io.trantor.runtime.pytorch.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Properties;

/**
 * Whether a LibTorch build for this machine is on the class path: the {@code pytorch-native-*}
 * jar's {@code native/lib/pytorch.properties} names its platform ({@code classifier}). Only then
 * does the runtime advertise the {@code pytorch} capability, since DJL is kept offline and could
 * not fetch another build.
 */
public final class BundledNativeLibrary {
  private static final String PROPERTIES = "native/lib/pytorch.properties";

  private BundledNativeLibrary() {}

  public static boolean present() {
    try (InputStream in = BundledNativeLibrary.class.getClassLoader().getResourceAsStream(PROPERTIES)) {
      if (in == null) {
        return false;
      }
      Properties properties = new Properties();
      properties.load(in);
      return platform().equals(properties.getProperty("classifier"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PROPERTIES + " from the class path", e);
    }
  }

  /** DJL's platform name, e.g. {@code linux-x86_64}, {@code osx-aarch64}. */
  static String platform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    String osName = os.startsWith("mac") ? "osx" : os.startsWith("windows") ? "win" : os;
    String archName = switch (arch) {
      case "amd64", "x86_64" -> "x86_64";
      case "aarch64", "arm64" -> "aarch64";
      default -> arch;
    };
    return osName + "-" + archName;
  }
}
