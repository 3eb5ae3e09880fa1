package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import java.util.concurrent.CompletableFuture;

/**
 * Opens once the control plane's live tables hold everything the workflows announced. Until then
 * gateways that watch the tables get no snapshot (they keep serving what they had: an empty or
 * partial snapshot would make them drop routes), and cluster signals wait.
 */
public final class LiveStateGate {
  private final CompletableFuture<Void> opened = new CompletableFuture<>();

  /** A gate that is open from the start (a control plane with nothing to recover; tests). */
  public static LiveStateGate open() {
    LiveStateGate gate = new LiveStateGate();
    gate.opened.complete(null);
    return gate;
  }

  /** Runs {@code action} now when open, else on the thread that opens the gate. */
  public void whenOpen(Runnable action) {
    requireNonNull(action, "action");
    opened.thenRun(action);
  }

  /** Blocks until open. */
  public void await() throws InterruptedException {
    try {
      opened.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean isOpen() {
    return opened.isDone();
  }

  void openNow() {
    opened.complete(null);
  }
}
