package io.trantor.runtime.onnx;

import ai.onnxruntime.OrtEnvironment;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.onnx.internal.EnvironmentLoader;
import io.trantor.runtime.onnx.internal.OnnxLoadedModel;
import io.trantor.runtime.onnx.internal.OnnxModelFile;
import java.util.Locale;
import java.util.Set;

/**
 * Serves ONNX models with ONNX Runtime inside the JVM. Claims an artifact that declares
 * {@code implementation: onnx} (MLServer) or {@code platform: onnxruntime_onnx} / backend
 * {@code onnxruntime} (Triton), or that holds {@code model.onnx} (or exactly one {@code *.onnx})
 * and declares no other runtime.
 */
public final class OnnxModelRuntime implements ModelRuntime {
  /**
   * One thread per inference by default: a server takes many requests at once and this machine
   * class has few cores, so running requests side by side beats splitting each over threads that
   * would only contend (and each extra intra-op thread is a native pool per session).
   */
  public static final int DEFAULT_INTRA_OP_THREADS = 1;

  private static final Set<String> DECLARED_IMPLEMENTATIONS = Set.of("onnx");
  private static final Set<String> DECLARED_PLATFORMS = Set.of("onnxruntime_onnx", "onnx", "onnxruntime");

  private final int intraOpThreads;
  private volatile OrtEnvironment environment;

  /** The runtime ServiceLoader creates: {@value #DEFAULT_INTRA_OP_THREADS} intra-op thread. */
  public OnnxModelRuntime() {
    this(DEFAULT_INTRA_OP_THREADS);
  }

  public OnnxModelRuntime(int intraOpThreads) {
    if (intraOpThreads < 1) {
      throw new IllegalArgumentException("intraOpThreads must be at least 1, was " + intraOpThreads);
    }
    this.intraOpThreads = intraOpThreads;
  }

  @Override
  public String name() {
    return "onnx";
  }

  @Override
  public Set<String> capabilities() {
    return Set.of("onnx");
  }

  @Override
  public ArtifactMatch match(ModelArtifact artifact) {
    String implementation = lower(artifact.implementation());
    String platform = lower(artifact.platform());
    if (implementation != null || platform != null) {
      boolean ours =
          DECLARED_IMPLEMENTATIONS.contains(implementation == null ? "" : implementation)
              || DECLARED_PLATFORMS.contains(platform == null ? "" : platform);
      return ours ? ArtifactMatch.DECLARED : ArtifactMatch.NONE;
    }
    return OnnxModelFile.find(artifact).isPresent() ? ArtifactMatch.ARTIFACT_FILE : ArtifactMatch.NONE;
  }

  @Override
  public LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    return OnnxLoadedModel.open(environment(), artifact, intraOpThreads);
  }

  /**
   * The environment is process-wide in ONNX Runtime; getting it the first time loads the native
   * library, so that cost is paid on the first load, not when the runtime is discovered.
   */
  private OrtEnvironment environment() throws ModelLoadException {
    OrtEnvironment env = environment;
    if (env == null) {
      synchronized (this) {
        env = environment;
        if (env == null) {
          env = EnvironmentLoader.load();
          environment = env;
        }
      }
    }
    return env;
  }

  /**
   * Leaves the environment open: ONNX Runtime keeps one per process and closes it at exit, and
   * another runtime instance (or a test) in the same JVM may still be using it.
   */
  @Override
  public void close() {}

  private static String lower(String value) {
    return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
