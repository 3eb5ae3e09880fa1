package io.trantor.runtime.mlserver;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.ModelSignature;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves models with one real MLServer, as Seldon's agent drives the MLServer next to it
 * (seldon-behaviour §2.3-2.4): MLServer runs with model loading at start-up off; a load writes
 * the model's folder and {@code model-settings.json} into MLServer's repository
 * ({@link ModelSettingsWriter}) and calls {@code POST /v2/repository/models/<name>/load}; an
 * unload calls {@code .../unload} and removes the folder; requests are forwarded
 * ({@link MlServerModel}).
 *
 * <p>One instance per agent replica, owning its MLServer: {@link #start} runs it as a child
 * process, {@link #sidecar} talks to one that runs beside the agent. It is not registered with
 * {@link java.util.ServiceLoader}: the replicas of an MLServer server are given it explicitly.
 */
public final class MlServerRuntime implements ModelRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(MlServerRuntime.class);
  private static final long POLL_MS = 100;

  /** Seldon's {@code mlserver} ServerConfig capabilities. */
  public static final Set<String> CAPABILITIES = Set.of(
      "mlserver", "alibi-detect", "alibi-explain", "huggingface", "lightgbm", "mlflow", "python", "sklearn",
      "spark-mlib", "xgboost");

  private final MlServerBackend backend;
  private final int copiesPerModel;
  private final MlServerClient client;
  private final ModelSettingsWriter writer;
  private final ConcurrentMap<String, MlServerModel> loaded = new ConcurrentHashMap<>();

  private MlServerRuntime(MlServerBackend backend, int copiesPerModel) {
    this.backend = backend;
    this.copiesPerModel = Math.max(1, copiesPerModel);
    this.client = new MlServerClient(backend::httpBase);
    this.writer = new ModelSettingsWriter(backend.repository());
  }

  /**
   * Starts MLServer as a child process. It becomes ready in the background (several seconds); the
   * first load waits for it.
   *
   * @throws MlServerUnavailableException when it cannot be started at all
   */
  public static MlServerRuntime start(MlServerOptions options) {
    return new MlServerRuntime(MlServerProcess.start(options), options.parallelWorkers());
  }

  /**
   * Uses an MLServer started by someone else (a sidecar, with
   * {@code MLSERVER_LOAD_MODELS_AT_STARTUP=false}) at {@code httpBase}, whose model repository is
   * the folder {@code repository} shared with this process.
   */
  public static MlServerRuntime sidecar(String httpBase, Path repository, int parallelWorkers) {
    return new MlServerRuntime(
        new MlServerSidecar(httpBase, repository, MlServerOptions.DEFAULT_START_TIMEOUT), parallelWorkers);
  }

  @Override
  public String name() {
    return "mlserver";
  }

  @Override
  public Set<String> capabilities() {
    return CAPABILITIES;
  }

  /** Each parallel worker holds its own copy of every model (none: the main process holds one). */
  @Override
  public int copiesPerModel() {
    return copiesPerModel;
  }

  @Override
  public ArtifactMatch match(ModelArtifact artifact) {
    if (artifact.implementation() != null && !artifact.implementation().isBlank()) {
      return MlServerImplementation.declared(artifact.implementation()).isPresent()
          ? ArtifactMatch.DECLARED
          : ArtifactMatch.NONE;
    }
    return MlServerImplementation.fromFiles(artifact.directory()).isPresent()
        ? ArtifactMatch.ARTIFACT_FILE
        : ArtifactMatch.NONE;
  }

  @Override
  public LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    String name = artifact.name();
    writer.write(artifact);
    try {
      awaitReady();
      MlServerClient.Reply reply;
      try {
        reply = client.load(name);
      } catch (IOException unreachable) {
        if (!backend.restartIfExited()) {
          throw unreachable;
        }
        awaitReady();
        reply = client.load(name);
      }
      if (!reply.ok()) {
        throw new ModelLoadException("MLServer could not load model " + name + ": " + reply.error()
            + backend.exited().map(reason -> " (" + reason + ")").orElse(""));
      }
    } catch (IOException | MlServerUnavailableException e) {
      removeQuietly(name);
      throw new ModelLoadException("MLServer could not load model " + name + ": " + e.getMessage(), e);
    } catch (ModelLoadException e) {
      removeQuietly(name);
      throw e;
    }
    MlServerModel model = new MlServerModel(
        name, new ModelSignature("mlserver", artifact.declaredInputs(), artifact.declaredOutputs()), this);
    loaded.put(name, model);
    LOG.info("MLServer loaded model {}", name);
    return model;
  }

  MlServerClient client() {
    return client;
  }

  /**
   * After MLServer answered 404 for a model it should hold or could not be reached: restarts a
   * crashed MLServer, then loads the model again from its repository folder (still on disk).
   */
  synchronized void recover(String name) throws IOException {
    boolean restarted = backend.restartIfExited();
    awaitReady();
    if (!restarted && client.modelReady(name)) {
      return; // another request recovered it meanwhile
    }
    LOG.info("Reloading model {} into MLServer{}", name, restarted ? " after its restart" : "");
    MlServerClient.Reply reply = client.load(name);
    if (!reply.ok()) {
      throw new IOException("reloading model " + name + " failed: " + reply.error());
    }
  }

  /** Unloads the model unless a newer load of the same name replaced it. */
  void release(MlServerModel model) {
    String name = model.name();
    if (!loaded.remove(name, model)) {
      return;
    }
    try {
      if (backend.exited().isEmpty()) {
        MlServerClient.Reply reply = client.unload(name);
        if (!reply.ok() && reply.status() != 404) {
          LOG.warn("MLServer could not unload model {}: {}", name, reply.error());
        }
      }
    } catch (IOException e) {
      LOG.warn("MLServer could not unload model {}: {}", name, e.getMessage());
    }
    removeQuietly(name);
    LOG.info("MLServer unloaded model {}", name);
  }

  /**
   * Waits until MLServer answers ready.
   *
   * @throws MlServerUnavailableException when it exits or its start timeout passes first
   */
  void awaitReady() {
    Duration timeout = backend.startTimeout();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!client.ready()) {
      Optional<String> exited = backend.exited();
      if (exited.isPresent()) {
        throw new MlServerUnavailableException(exited.get());
      }
      if (System.nanoTime() > deadline) {
        throw new MlServerUnavailableException("MLServer at " + backend.httpBase() + " is not ready after "
            + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(POLL_MS); // polling a condition with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MlServerUnavailableException("interrupted while waiting for MLServer");
      }
    }
  }

  /** Stops MLServer (when this runtime started it). */
  @Override
  public void close() {
    try {
      client.close();
    } finally {
      backend.close();
    }
  }

  private void removeQuietly(String name) {
    try {
      writer.remove(name);
    } catch (IOException e) {
      LOG.warn("Cannot remove MLServer's folder of model {}: {}", name, e.getMessage());
    }
  }
}
