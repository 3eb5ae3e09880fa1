package io.trantor.agent;

import io.trantor.agent.repository.ModelRepository;
import io.trantor.agent.runtime.RuntimeRegistry;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.RepositoryModel;
import java.util.List;
import java.util.Set;

/**
 * The models this server holds: loads them from a {@link ModelRepository} with the runtime that
 * claims them, tracks their state (loading, ready, unavailable with a reason), validates requests
 * against their signatures and runs them. Thread-safe: inference never waits on a load or unload
 * of another model. Closing it unloads everything.
 *
 * <p>Every method that names a model throws {@link io.trantor.protocol.ModelNotFoundException}
 * for a name (or version) it does not know, and
 * {@link io.trantor.protocol.ModelNotReadyException} for one that is known but not ready.
 */
public final class ModelRegistry implements AutoCloseable {

  public ModelRegistry(ModelRepository repository, RuntimeRegistry runtimes) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Loads every servable folder; a failure is recorded (see {@link #index}) and does not stop the rest. */
  public void loadAll() {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Loads (or reloads, new instance first, then the old one is closed) the model's versions.
   *
   * @throws io.trantor.protocol.InvalidInputException when loading fails, with the reason
   */
  public void load(String name) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Unloads every version of the model and frees its memory. */
  public void unload(String name) {
    throw new UnsupportedOperationException("not yet");
  }

  /** True when that model (and version, if not null) is loaded and ready; never throws. */
  public boolean isReady(String name, String version) {
    throw new UnsupportedOperationException("not yet");
  }

  public ModelMetadata metadata(String name, String version) {
    throw new UnsupportedOperationException("not yet");
  }

  /**
   * Checks the request against the model's signature (unknown, missing, mistyped and misshaped
   * inputs are {@link io.trantor.protocol.InvalidInputException}s naming the tensor), runs the
   * model, keeps the requested outputs, and echoes the id.
   */
  public InferenceResponse infer(InferenceRequest request) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Repository index: every folder with its state and, when not ready, the reason. */
  public List<RepositoryModel> index(boolean readyOnly) {
    throw new UnsupportedOperationException("not yet");
  }

  /** Capability tags of the runtimes this registry loads with. */
  public Set<String> capabilities() {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public void close() {
    throw new UnsupportedOperationException("not yet");
  }
}
