package io.trantor.agent.internal;

import io.trantor.runtime.api.LoadedModel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One loaded version of a model, reference-counted so it is closed only after the last request
 * running on it has finished. The registry holds one reference from load until {@link #retire};
 * each request holds one from {@link #tryAcquire} until {@link #release}. Whoever drops the count
 * to zero closes the model, so no request ever runs on a closed model and a retired one is freed
 * as soon as it is idle.
 */
public final class ServedVersion {
  private static final Logger LOG = LoggerFactory.getLogger(ServedVersion.class);

  private final String modelName;
  private final String version;
  private final LoadedModel model;
  private final boolean tritonFormat;
  private final AtomicInteger references = new AtomicInteger(1);
  private final AtomicBoolean retired = new AtomicBoolean();

  /** @param tritonFormat the version was read from a Triton {@code config.pbtxt} folder */
  public ServedVersion(String modelName, String version, LoadedModel model, boolean tritonFormat) {
    this.modelName = modelName;
    this.version = version;
    this.model = model;
    this.tritonFormat = tritonFormat;
  }

  /** Whether clients expect Triton's answers from this version (gRPC tensors in raw_output_contents). */
  public boolean tritonFormat() {
    return tritonFormat;
  }

  public String version() {
    return version;
  }

  public LoadedModel model() {
    return model;
  }

  /**
   * Takes a reference for one request; false when the version has been retired and already
   * closed (the caller then looks up the model again and finds its successor).
   */
  public boolean tryAcquire() {
    while (true) {
      int current = references.get();
      if (current == 0) {
        return false;
      }
      if (references.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  public void release() {
    if (references.decrementAndGet() == 0) {
      close();
    }
  }

  /** Drops the registry's reference: the model closes now if idle, else after its last request. */
  public void retire() {
    if (retired.compareAndSet(false, true)) {
      release();
    }
  }

  private void close() {
    try {
      model.close();
      LOG.info("Closed model {} version {}", modelName, version);
    } catch (RuntimeException e) {
      // Nobody is waiting for this close (the last request or a retire triggered it); the model
      // is gone from the registry either way, so the failure can only be reported here.
      LOG.warn("Model {} version {} failed to close", modelName, version, e);
    }
  }
}
