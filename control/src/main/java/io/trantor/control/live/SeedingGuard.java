package io.trantor.control.live;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys of a live table that changed while a restarted control plane seeds it from the
 * workflows: such a change is newer than any workflow's announcement, so it wins over the seed.
 */
final class SeedingGuard<K> {
  private final Set<K> touched = ConcurrentHashMap.newKeySet();
  private volatile boolean seeding;

  void start() {
    touched.clear();
    seeding = true;
  }

  void done() {
    seeding = false;
    touched.clear();
  }

  /** A publish or remove of {@code key}. */
  void touch(K key) {
    if (seeding) {
      touched.add(key);
    }
  }

  /** Whether a seed of {@code key} may go in (nothing changed it since seeding began). */
  boolean maySeed(K key) {
    return !touched.contains(key);
  }
}
