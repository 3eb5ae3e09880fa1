package io.trantor.agent.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * The registry's place for one model name: its current {@link ModelState}, read without locking
 * by requests, and a lock that serialises that model's loads and unloads (only that model's: a
 * slow load never blocks another model).
 */
public final class ModelSlot {
  private final ReentrantLock lifecycle = new ReentrantLock();
  private volatile ModelState state;

  public ModelSlot(ModelState initial) {
    this.state = initial;
  }

  public ModelState state() {
    return state;
  }

  /** Only while holding {@link #lifecycle()}. */
  public void set(ModelState next) {
    state = next;
  }

  public ReentrantLock lifecycle() {
    return lifecycle;
  }
}
