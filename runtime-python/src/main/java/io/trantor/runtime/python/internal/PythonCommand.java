package io.trantor.runtime.python.internal;

import io.trantor.runtime.api.ModelLoadException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The Python interpreter that runs model workers: {@code TRANTOR_PYTHON} when set (bin/test-all
 * points it at the project's .venv, which has numpy), else {@code python3} on the {@code PATH}.
 */
public record PythonCommand(Path executable) {
  public static final String ENV = "TRANTOR_PYTHON";

  /** @throws ModelLoadException saying which setting to fix when no interpreter is found */
  public static PythonCommand find(Map<String, String> env) throws ModelLoadException {
    String configured = env.get(ENV);
    if (configured != null && !configured.isBlank()) {
      Path path = Path.of(configured.strip());
      if (!Files.isRegularFile(path) || !Files.isExecutable(path)) {
        throw new ModelLoadException(ENV + "=" + configured + " is not an executable file; point it at a python3"
            + " that has numpy installed");
      }
      return new PythonCommand(path);
    }
    String searchPath = env.getOrDefault("PATH", "");
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "python3");
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new PythonCommand(candidate);
      }
    }
    throw new ModelLoadException("no Python found for the python backend: set " + ENV
        + " to a python3 that has numpy installed, or put python3 on the PATH");
  }
}
