package io.trantor.runtime.python;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.python.internal.PythonCommand;
import io.trantor.runtime.python.internal.PythonLoadedModel;
import io.trantor.runtime.python.internal.WorkerScripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Serves Triton python-backend models: a {@code model.py} defining {@code TritonPythonModel},
 * run in one Python worker process per loaded model with a numpy-based
 * {@code triton_python_backend_utils}. Claims an artifact whose config.pbtxt says
 * {@code backend: "python"}, or, when nothing declares a runtime, a folder whose {@code model.py}
 * defines {@code TritonPythonModel}. Gives a server the capability tags {@code triton} and
 * {@code python}, which Seldon's Python-backend samples require.
 */
public final class PythonModelRuntime implements ModelRuntime {
  private static final String BACKEND = "python";
  private static final String MODEL_CLASS = "TritonPythonModel";
  /** Reading more than this of a model.py to look for the class would be heavy I/O in match. */
  private static final long MAX_SNIFF_BYTES = 1 << 20;

  private final Map<String, String> env;
  private WorkerScripts scripts;

  /** The runtime ServiceLoader creates; finds Python through this process's environment. */
  public PythonModelRuntime() {
    this(System.getenv());
  }

  /**
   * A runtime that finds Python through {@code env} ({@code TRANTOR_PYTHON}, {@code PATH}) and
   * starts its workers with exactly that environment.
   */
  public PythonModelRuntime(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public String name() {
    return BACKEND;
  }

  @Override
  public Set<String> capabilities() {
    return Set.of("triton", "python");
  }

  @Override
  public ArtifactMatch match(ModelArtifact artifact) {
    if (artifact.platform() != null && !artifact.platform().isBlank()) {
      return BACKEND.equals(artifact.platform().strip().toLowerCase(Locale.ROOT)) ? ArtifactMatch.DECLARED : ArtifactMatch.NONE;
    }
    if (artifact.implementation() != null && !artifact.implementation().isBlank()) {
      return ArtifactMatch.NONE;
    }
    return definesTritonModel(artifact.directory().resolve("model.py")) ? ArtifactMatch.ARTIFACT_FILE : ArtifactMatch.NONE;
  }

  private static boolean definesTritonModel(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) <= MAX_SNIFF_BYTES && Files.readString(file).contains(MODEL_CLASS);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    PythonCommand python = PythonCommand.find(env);
    return PythonLoadedModel.open(artifact, python, env, scripts());
  }

  /** Extracted on the first load, so a server that never loads a python model writes nothing. */
  private synchronized WorkerScripts scripts() throws ModelLoadException {
    if (scripts == null) {
      scripts = WorkerScripts.extract();
    }
    return scripts;
  }

  /** Deletes the extracted worker scripts; models loaded from this runtime must be closed first. */
  @Override
  public synchronized void close() {
    if (scripts != null) {
      scripts.close();
      scripts = null;
    }
  }
}
