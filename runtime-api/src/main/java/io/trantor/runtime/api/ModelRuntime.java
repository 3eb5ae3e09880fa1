package io.trantor.runtime.api;

import java.util.Set;

/**
 * A built-in runtime (ONNX, XGBoost, LightGBM, custom Java models...). Implementations are found
 * with {@link java.util.ServiceLoader}, so a runtime module is added or left out by putting its
 * jar on the classpath or not; nothing else names it. Implementations need a public no-argument
 * constructor and must be thread-safe.
 */
public interface ModelRuntime extends AutoCloseable {

  /** Short name used in logs and errors, e.g. {@code onnx}. */
  String name();

  /**
   * Capability tags this runtime gives a server (Seldon's {@code capabilities}), e.g.
   * {@code onnx}; the scheduler matches them against a Model's {@code requirements}.
   */
  Set<String> capabilities();

  /** Whether and how strongly this runtime claims the artifact; must not do heavy I/O. */
  ArtifactMatch match(ModelArtifact artifact);

  /** Loads the artifact. The caller owns the result and closes it. */
  LoadedModel load(ModelArtifact artifact) throws ModelLoadException;

  /**
   * Copies of each model this runtime keeps in memory (MLServer's parallel workers each load
   * one); the agent multiplies a model's memory by it. Default: 1.
   */
  default int copiesPerModel() {
    return 1;
  }

  /** Frees what the runtime shares between models (a native environment); default: nothing. */
  @Override
  default void close() {}
}
