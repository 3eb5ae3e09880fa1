package io.trantor.runtime.python;

import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Test helpers: the Python the tests run (as bin/test-all sets it), the committed Seldon mirror,
 * and Triton folders written into a temp dir, all read with the agent's real repository reader.
 */
final class PythonModels {
  /** samples/seldon-mirror, relative to this module's folder (where surefire runs). */
  static final Path MIRROR = Path.of("../samples/seldon-mirror").toAbsolutePath().normalize();

  private PythonModels() {}

  /** This JVM's environment; bin/test-all exports TRANTOR_PYTHON (the .venv with numpy). */
  static Map<String, String> env() {
    return new HashMap<>(System.getenv());
  }

  /** The runtime as ServiceLoader would build it in this environment. */
  static PythonModelRuntime runtime() {
    return new PythonModelRuntime(env());
  }

  /** The newest version the folder's config selects, parsed as the agent parses it. */
  static ModelArtifact read(Path folder) {
    return read(folder, null);
  }

  /** The given version of the folder ({@code null}: the newest selected). */
  static ModelArtifact read(Path folder, String version) {
    ModelFolder parsed = new ModelFolderReader().read(folder);
    if (!parsed.isServable()) {
      throw new IllegalStateException(folder + ": " + parsed.problems());
    }
    return version == null
        ? parsed.versions().getLast()
        : parsed.version(version).orElseThrow(() -> new IllegalStateException(folder + " has no version " + version));
  }

  /** {@code <root>/<name>/config.pbtxt} (backend python) and {@code 1/model.py}. */
  static Path triton(Path root, String name, String ioConfig, String modelPy) {
    Path folder = root.resolve(name);
    write(folder.resolve("config.pbtxt"), "name: \"" + name + "\"\nbackend: \"python\"\n" + ioConfig);
    write(folder.resolve("1").resolve("model.py"), modelPy);
    return folder;
  }

  static Path write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
