package io.trantor.agent.internal;

import io.trantor.runtime.api.repository.VersionOrder;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What one model is doing, as the repository index shows it (Triton's words: LOADING, READY,
 * UNAVAILABLE). Immutable: a lifecycle change swaps the whole state, so a request reads one
 * consistent set of versions without a lock.
 */
public sealed interface ModelState {

  String stateName();

  /** First load in progress; nothing to serve yet. */
  record Loading() implements ModelState {
    @Override
    public String stateName() {
      return "LOADING";
    }
  }

  /** Serving these versions. */
  record Ready(NavigableMap<String, ServedVersion> versions) implements ModelState {
    public Ready {
      versions = Collections.unmodifiableNavigableMap(new TreeMap<>(versions));
    }

    public static Ready of(List<ServedVersion> versions) {
      NavigableMap<String, ServedVersion> byVersion = new TreeMap<>(VersionOrder.INSTANCE);
      versions.forEach(v -> byVersion.put(v.version(), v));
      return new Ready(byVersion);
    }

    public ServedVersion newest() {
      return versions.lastEntry().getValue();
    }

    @Override
    public String stateName() {
      return "READY";
    }
  }

  /** Not serving: never loaded, failed to load, or unloaded; {@code reason} says which. */
  record Unavailable(String reason) implements ModelState {
    @Override
    public String stateName() {
      return "UNAVAILABLE";
    }
  }
}
