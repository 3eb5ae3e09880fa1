package io.trantor.cli;

import io.trantor.runtime.mlserver.MlServerRuntime;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the replicas of {@code trantor up}'s servers advertise when their Server names no
 * capabilities: the capabilities of Seldon's default ServerConfig of the same name (reference
 * §4), so that every Seldon sample lands on the server it lands on in Seldon (Seldon's
 * {@code add10}, requirements {@code triton, python}, only on {@code triton}; an ONNX model only
 * on {@code triton}; sklearn and XGBoost on {@code mlserver}), whatever runtimes back the
 * replica. Capabilities of Trantor's own runtimes that no Seldon ServerConfig claims (such as
 * {@code java}) are added to both, as a user of Trantor's runtimes expects them somewhere.
 */
final class DefaultServerCapabilities {
  /** Seldon's {@code triton} ServerConfig. */
  static final Set<String> TRITON = Set.of(
      "triton", "dali", "fil", "onnx", "openvino", "python", "pytorch", "tensorflow", "tensorrt");

  private DefaultServerCapabilities() {}

  /**
   * @param serverConfig the Server's {@code serverConfig}
   * @param runtimes the capabilities of the runtimes behind the replica
   * @return the capabilities to advertise, or empty for a ServerConfig Seldon does not ship
   *     (its replicas then advertise their runtimes' own)
   */
  static Optional<Set<String>> of(String serverConfig, Set<String> runtimes) {
    Set<String> seldon = switch (serverConfig == null ? "" : serverConfig) {
      case "mlserver" -> MlServerRuntime.CAPABILITIES;
      case "triton" -> TRITON;
      default -> null;
    };
    if (seldon == null) {
      return Optional.empty();
    }
    Set<String> out = new LinkedHashSet<>(seldon.stream().sorted().toList());
    runtimes.stream()
        .filter(c -> !MlServerRuntime.CAPABILITIES.contains(c) && !TRITON.contains(c))
        .sorted()
        .forEach(out::add);
    return Optional.of(out);
  }
}
