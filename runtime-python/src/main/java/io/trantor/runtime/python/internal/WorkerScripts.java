package io.trantor.runtime.python.internal;

import io.trantor.runtime.api.ModelLoadException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The worker script and the {@code triton_python_backend_utils} shim, copied out of the jar into a
 * private temporary folder (Python cannot import from inside a jar). Closing deletes the folder.
 */
public final class WorkerScripts implements AutoCloseable {
  static final String WORKER = "trantor_python_worker.py";
  private static final String RESOURCE_DIR = "/io/trantor/runtime/python/worker/";
  private static final List<String> FILES = List.of(WORKER, "triton_python_backend_utils.py");

  private final Path dir;

  private WorkerScripts(Path dir) {
    this.dir = dir;
  }

  public static WorkerScripts extract() throws ModelLoadException {
    Path dir = null;
    try {
      dir = Files.createTempDirectory("trantor-python-worker-");
      for (String name : FILES) {
        try (InputStream in = WorkerScripts.class.getResourceAsStream(RESOURCE_DIR + name)) {
          if (in == null) {
            throw new ModelLoadException("the runtime-python jar is missing " + RESOURCE_DIR + name);
          }
          Files.copy(in, dir.resolve(name));
        }
      }
      return new WorkerScripts(dir);
    } catch (IOException e) {
      if (dir != null) {
        new WorkerScripts(dir).close();
      }
      throw new ModelLoadException("cannot write the python worker scripts to a temporary folder: " + e.getMessage(), e);
    }
  }

  public Path worker() {
    return dir.resolve(WORKER);
  }

  public Path dir() {
    return dir;
  }

  @Override
  public void close() {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // Only temporary files are left behind; the OS cleans its temp folder.
    }
  }
}
