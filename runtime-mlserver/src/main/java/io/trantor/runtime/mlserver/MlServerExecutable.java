package io.trantor.runtime.mlserver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the {@code mlserver} console script and the Python interpreter that runs it (the one in
 * its shebang line, i.e. the virtual environment MLServer was installed into).
 */
public final class MlServerExecutable {
  /** Names an explicit {@code mlserver} script, over the PATH. */
  public static final String ENV = "TRANTOR_MLSERVER";

  private MlServerExecutable() {}

  /** {@code $TRANTOR_MLSERVER} if set, else the first executable {@code mlserver} on {@code $PATH}. */
  public static Optional<Path> find(Map<String, String> env) {
    String explicit = env.get(ENV);
    if (explicit != null && !explicit.isBlank()) {
      Path path = Path.of(explicit);
      return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
    }
    String pathVariable = env.getOrDefault("PATH", "");
    for (String dir : pathVariable.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "mlserver");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** The message a user sees when MLServer is asked for but not installed. */
  public static String missingMessage() {
    return "MLServer is not installed: no 'mlserver' on PATH (or $" + ENV + "). Install it with"
        + " pip install mlserver==1.7.1 mlserver-sklearn==1.7.1 mlserver-xgboost==1.7.1 mlserver-lightgbm==1.7.1"
        + " (see e2e/requirements.txt), or leave out --mlserver";
  }

  /**
   * The command that runs Python for this script: its shebang ({@code #!/venv/bin/python3},
   * or {@code #!/usr/bin/env python3}), else a {@code python} next to it.
   */
  static List<String> interpreter(Path script) throws IOException {
    try (BufferedReader reader = Files.newBufferedReader(script, StandardCharsets.ISO_8859_1)) {
      String first = reader.readLine();
      if (first != null && first.startsWith("#!")) {
        List<String> command = new ArrayList<>(List.of(first.substring(2).trim().split("\\s+")));
        if (!command.getFirst().isEmpty()) {
          return command;
        }
      }
    }
    Path sibling = script.resolveSibling("python");
    if (Files.isExecutable(sibling)) {
      return List.of(sibling.toString());
    }
    throw new IOException(script + " has no '#!' line naming its Python and no python next to it");
  }
}
