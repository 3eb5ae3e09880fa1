package io.trantor.agent;

/**
 * Lets the owner of a {@link ModelRegistry} act before a request reads a model: the agent uses it
 * to reload a model it evicted (the request waits for the reload) and to keep a model in use from
 * being evicted. The registry calls {@link #acquire} before it reads the model's state and closes
 * the lease when the request is done.
 */
@FunctionalInterface
public interface ModelAccess {

  /** No residency management: every model stays loaded until it is unloaded. */
  ModelAccess ALWAYS_LOADED = name -> Lease.NONE;

  /**
   * Called on the request thread before a request for {@code name} reads it; may block while the
   * model is reloaded. A name the owner does not manage gets {@link Lease#NONE}.
   *
   * @throws io.trantor.protocol.OipException when the model cannot be made ready (the request
   *     fails with it)
   */
  Lease acquire(String name);

  /** Held while one request uses the model. */
  @FunctionalInterface
  interface Lease extends AutoCloseable {
    Lease NONE = () -> {};

    @Override
    void close();
  }
}
