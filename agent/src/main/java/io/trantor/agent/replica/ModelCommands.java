package io.trantor.agent.replica;

import io.trantor.agent.artifact.ArtifactFetcher;
import io.trantor.protocol.control.LoadModel;
import io.trantor.protocol.control.UnloadModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.ModelFolder;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the control plane's LoadModel and UnloadModel. Both are idempotent: loading a
 * version this replica holds (even evicted) and unloading one it does not hold succeed at once.
 * Commands for the same model version run one after the other; different ones run side by side.
 */
final class ModelCommands {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCommands.class);

  private final ArtifactFetcher fetcher;
  private final int copiesPerModel; // copies of each model the runtime keeps (MLServer parallel workers)
  private final String inferenceHost; // where explainers send inference requests (the gateway)
  private final ServedFolderReader folders = new ServedFolderReader();
  private final ServedModels models;
  private final ModelResidency residency;
  private final ConcurrentMap<String, ModelKey> held = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  ModelCommands(ArtifactFetcher fetcher, ServedModels models, ModelResidency residency, int copiesPerModel,
      String inferenceHost) {
    this.copiesPerModel = Math.max(1, copiesPerModel);
    this.inferenceHost = inferenceHost;
    this.fetcher = fetcher;
    this.models = models;
    this.residency = residency;
  }

  /**
   * Fetches the artifact, registers it and loads it (evicting others if memory is short).
   *
   * @throws RuntimeException with the reason the model cannot be served
   */
  void load(LoadModel command) throws InterruptedException {
    ModelKey key = new ModelKey(command.getModelName(), command.getVersion());
    String served = key.servedName();
    ReentrantLock lock = locks.computeIfAbsent(served, n -> new ReentrantLock());
    lock.lockInterruptibly();
    try {
      if (residency.holds(served)) {
        LOG.debug("Model {} is already held", served);
        return;
      }
      long memoryBytes = command.getMemoryBytes() * copiesPerModel;
      residency.checkFits(served, memoryBytes);
      Path root = fetcher.fetch(command.getStorageUri());
      ModelFolder folder = folders.read(served, root, command.getArtifactVersion(), command.getStorageUri());
      if (!folder.isServable()) {
        throw new LoadRefusedException("cannot serve " + command.getStorageUri() + ": " + String.join("; ", folder.problems()));
      }
      models.put(withModelParameters(folder, parametersOf(command)));
      held.put(served, key);
      try {
        residency.admit(served, memoryBytes);
      } catch (RuntimeException e) {
        held.remove(served);
        models.remove(served);
        throw e;
      }
      LOG.info("Model {} loaded from {}", served, folder.path());
    } finally {
      lock.unlock();
    }
  }

  /**
   * The Model's {@code parameters}, plus for an explainer what Seldon's agent adds to MLServer's
   * {@code parameters.extra}: {@code explainer_type} and {@code infer_uri}, the data-plane URL of
   * the model or pipeline it explains (Alibi's runtime sends its black-box requests there).
   */
  private Map<String, String> parametersOf(LoadModel command) {
    if (command.getExplainerType().isEmpty()) {
      return command.getParametersMap();
    }
    Map<String, String> parameters = new HashMap<>(command.getParametersMap());
    parameters.put("explainer_type", command.getExplainerType());
    String base = "http://" + inferenceHost;
    if (!command.getExplainerModelRef().isEmpty()) {
      parameters.put("infer_uri", base + "/v2/models/" + command.getExplainerModelRef() + "/infer");
    } else if (!command.getExplainerPipelineRef().isEmpty()) {
      parameters.put("infer_uri", base + "/v2/pipelines/" + command.getExplainerPipelineRef() + "/infer");
    }
    return parameters;
  }

  /**
   * The Model's {@code parameters} merged into each artifact's parameters (MLServer's
   * {@code parameters.extra}), over what the settings file says, as Seldon's agent does.
   */
  private static ModelFolder withModelParameters(ModelFolder folder, Map<String, String> parameters) {
    if (parameters.isEmpty()) {
      return folder;
    }
    List<ModelArtifact> versions = folder.versions().stream().map(a -> {
      Map<String, Object> merged = new HashMap<>(a.parameters());
      merged.putAll(parameters);
      return new ModelArtifact(a.name(), a.version(), a.directory(), a.uri(), a.implementation(), a.platform(),
          a.maxBatchSize(), a.declaredInputs(), a.declaredOutputs(), merged, a.source());
    }).toList();
    return new ModelFolder(folder.name(), folder.path(), versions, folder.problems());
  }

  /** Unloads and forgets the model version; nothing to do when it is not held. */
  void unload(UnloadModel command) throws InterruptedException {
    ModelKey key = new ModelKey(command.getModelName(), command.getVersion());
    String served = key.servedName();
    ReentrantLock lock = locks.computeIfAbsent(served, n -> new ReentrantLock());
    lock.lockInterruptibly();
    try {
      if (!residency.holds(served)) {
        LOG.debug("Model {} is not held; nothing to unload", served);
        return;
      }
      residency.remove(served);
      models.remove(served);
      held.remove(served);
      LOG.info("Model {} unloaded", served);
    } finally {
      lock.unlock();
    }
  }

  /** The model versions held (resident or evicted), for a (re-)registration. */
  List<ModelKey> held() {
    return List.copyOf(held.values());
  }

  /** The key of a held served name, or null. */
  ModelKey keyOf(String servedName) {
    return held.get(servedName);
  }
}
