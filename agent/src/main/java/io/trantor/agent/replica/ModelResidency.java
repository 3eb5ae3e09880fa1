package io.trantor.agent.replica;

import io.trantor.agent.ModelAccess;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.OipException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Memory accounting of one replica (seldon-behaviour §2.5). Models are <em>registered</em> up to
 * {@code memory × (1 + overcommit/100)} bytes, but only {@code memory} bytes of them are
 * <em>resident</em> (loaded) at once: making room for a load evicts the least recently used
 * resident models (unloaded, still registered, files kept), and a request for an evicted model
 * reloads it before it is answered. A model a request is using is never evicted.
 *
 * <p>Each model moves EVICTED → LOADING → RESIDENT → EVICTING → EVICTED. The transitions are
 * decided under this object's monitor; the loads and unloads themselves run outside it, so a slow
 * load never blocks another model's requests. Concurrent requests for the same evicted model
 * share one reload.
 */
final class ModelResidency implements ModelAccess {
  private static final Logger LOG = LoggerFactory.getLogger(ModelResidency.class);
  private static final Duration ROOM_WAIT = Duration.ofSeconds(60);
  private static final long WAIT_SLICE_MS = 100;

  /** What loads and unloads models for real (the registry). */
  interface Loader {
    void load(String name);

    void unload(String name);
  }

  private enum State { LOADING, RESIDENT, EVICTING, EVICTED }

  private static final class Entry {
    final String name;
    final long bytes;
    final AtomicInteger inUse = new AtomicInteger();
    volatile State state = State.EVICTED;
    volatile long lastUse = System.nanoTime();
    boolean holdsMemory;
    CompletableFuture<Void> change;

    Entry(String name, long bytes) {
      this.name = name;
      this.bytes = bytes;
    }
  }

  private final long memoryBytes;
  private final long registrableBytes;
  private final Loader loader;
  private final Consumer<String> onEvicted;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicInteger roomWaiters = new AtomicInteger();
  private long residentBytes;
  private long registeredBytes;

  /** @param onEvicted told the served name of every evicted model, outside any lock */
  ModelResidency(long memoryBytes, int overcommitPercent, Loader loader, Consumer<String> onEvicted) {
    this.memoryBytes = memoryBytes;
    this.registrableBytes = memoryBytes + memoryBytes * overcommitPercent / 100;
    this.loader = loader;
    this.onEvicted = onEvicted;
  }

  /** True when the model is registered (resident or evicted). */
  boolean holds(String name) {
    return entries.containsKey(name);
  }

  /** Registered models, resident or evicted. */
  List<String> registered() {
    return List.copyOf(entries.keySet());
  }

  /**
   * Refuses a model that cannot fit, before its artifact is fetched; {@link #admit} checks again.
   *
   * @throws LoadRefusedException saying how much memory is missing
   */
  synchronized void checkFits(String name, long bytes) {
    if (bytes > memoryBytes) {
      throw new LoadRefusedException("model " + name + " needs " + bytes + " bytes of memory, more than the "
          + memoryBytes + " bytes this replica has");
    }
    if (registeredBytes + bytes > registrableBytes) {
      throw new LoadRefusedException("model " + name + " needs " + bytes + " bytes of memory but this replica has "
          + (registrableBytes - registeredBytes) + " of its " + registrableBytes
          + " bytes (memory with overcommit) left for new models");
    }
  }

  /**
   * Registers the model and loads it, evicting least recently used models to make room. A model
   * already registered is left as it is.
   *
   * @throws LoadRefusedException when it does not fit
   * @throws RuntimeException the load's failure; the model is then not registered
   */
  void admit(String name, long bytes) {
    Entry entry;
    synchronized (this) {
      if (entries.containsKey(name)) {
        return;
      }
      checkFits(name, bytes);
      entry = new Entry(name, bytes);
      entries.put(name, entry);
      registeredBytes += bytes;
    }
    try {
      makeResident(entry);
    } catch (RuntimeException e) {
      forget(entry);
      throw e;
    }
  }

  /** Forgets the model (waiting for a load or eviction of it in progress), then unloads it. */
  void remove(String name) {
    while (true) {
      CompletableFuture<Void> change;
      synchronized (this) {
        Entry entry = entries.get(name);
        if (entry == null) {
          break;
        }
        if (entry.change == null) {
          forget(entry);
          break;
        }
        change = entry.change;
      }
      awaitQuietly(change);
    }
    loader.unload(name);
  }

  @Override
  public Lease acquire(String name) {
    Entry entry = name == null ? null : entries.get(name);
    if (entry == null) {
      return Lease.NONE;
    }
    while (true) {
      // Pin first, then read the state: an evictor sets EVICTING first, then reads the pins, so
      // one of the two always sees the other and a pinned model is never unloaded.
      entry.inUse.incrementAndGet();
      if (entry.state == State.RESIDENT) {
        entry.lastUse = System.nanoTime();
        return () -> unpin(entry);
      }
      unpin(entry);
      try {
        makeResident(entry);
      } catch (OipException e) {
        throw e;
      } catch (RuntimeException e) {
        throw new ModelNotReadyException("model '" + name + "' was evicted and could not be reloaded: " + e.getMessage());
      }
      if (entries.get(name) != entry) {
        return Lease.NONE;
      }
    }
  }

  /** Loads the model unless it is resident, or joins a load of it already running. */
  private void makeResident(Entry entry) {
    while (true) {
      CompletableFuture<Void> change;
      boolean mine = false;
      synchronized (this) {
        if (entries.get(entry.name) != entry) {
          return;
        }
        switch (entry.state) {
          case RESIDENT -> {
            return;
          }
          case EVICTED -> {
            entry.state = State.LOADING;
            entry.change = new CompletableFuture<>();
            mine = true;
          }
          case LOADING, EVICTING -> { }
        }
        change = entry.change;
      }
      if (mine) {
        load(entry, change);
        return;
      }
      try {
        change.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException failure) {
          throw failure;
        }
        throw e;
      }
    }
  }

  private void load(Entry entry, CompletableFuture<Void> change) {
    long started = System.nanoTime();
    try {
      makeRoomFor(entry);
      loader.load(entry.name);
    } catch (RuntimeException e) {
      synchronized (this) {
        release(entry);
        entry.state = State.EVICTED;
        entry.change = null;
        notifyAll();
      }
      change.completeExceptionally(e);
      throw e;
    }
    synchronized (this) {
      entry.state = State.RESIDENT;
      entry.lastUse = System.nanoTime();
      entry.change = null;
      notifyAll();
    }
    change.complete(null);
    LOG.debug("Model {} resident after {} ms", entry.name, (System.nanoTime() - started) / 1_000_000);
  }

  /** Reserves the entry's memory, evicting least recently used idle models until it fits. */
  private void makeRoomFor(Entry entry) {
    long deadline = System.nanoTime() + ROOM_WAIT.toNanos();
    while (true) {
      Entry victim;
      synchronized (this) {
        if (residentBytes + entry.bytes <= memoryBytes) {
          residentBytes += entry.bytes;
          entry.holdsMemory = true;
          return;
        }
        victim = leastRecentlyUsedIdle(entry);
        if (victim == null) {
          waitForRoom(entry, deadline);
          continue;
        }
        victim.change = new CompletableFuture<>();
      }
      evict(victim);
    }
  }

  /** Marks the least recently used idle resident model EVICTING and returns it; null if none. */
  private Entry leastRecentlyUsedIdle(Entry except) {
    List<Entry> candidates = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (e != except && e.state == State.RESIDENT && e.inUse.get() == 0) {
        candidates.add(e);
      }
    }
    candidates.sort((a, b) -> Long.compare(a.lastUse, b.lastUse));
    for (Entry candidate : candidates) {
      candidate.state = State.EVICTING;
      if (candidate.inUse.get() == 0) {
        return candidate;
      }
      candidate.state = State.RESIDENT; // a request pinned it meanwhile
    }
    return null;
  }

  /** Waits (holding the monitor) until an eviction, load or request ends; gives up at the deadline. */
  private void waitForRoom(Entry entry, long deadline) {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      throw new ModelNotReadyException("not enough memory to load model '" + entry.name + "': it needs "
          + entry.bytes + " bytes, and " + residentBytes + " of the replica's " + memoryBytes
          + " bytes stay in use by models that are busy or loading");
    }
    roomWaiters.incrementAndGet();
    try {
      wait(Math.min(WAIT_SLICE_MS, Math.max(1, left / 1_000_000)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelNotReadyException("interrupted while making room for model '" + entry.name + "'");
    } finally {
      roomWaiters.decrementAndGet();
    }
  }

  private void evict(Entry victim) {
    try {
      loader.unload(victim.name);
    } catch (RuntimeException e) {
      LOG.warn("Evicting model {} failed; counting it as unloaded", victim.name, e);
    }
    CompletableFuture<Void> change;
    synchronized (this) {
      release(victim);
      victim.state = State.EVICTED;
      change = victim.change;
      victim.change = null;
      notifyAll();
    }
    change.complete(null);
    LOG.info("Evicted model {} ({} bytes) to make room", victim.name, victim.bytes);
    if (entries.get(victim.name) == victim) {
      onEvicted.accept(victim.name);
    }
  }

  private void unpin(Entry entry) {
    if (entry.inUse.decrementAndGet() == 0 && roomWaiters.get() > 0) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Only while holding the monitor. */
  private void release(Entry entry) {
    if (entry.holdsMemory) {
      residentBytes -= entry.bytes;
      entry.holdsMemory = false;
    }
  }

  private synchronized void forget(Entry entry) {
    if (entries.remove(entry.name, entry)) {
      registeredBytes -= entry.bytes;
      release(entry);
      notifyAll();
    }
  }

  private static void awaitQuietly(CompletableFuture<Void> change) {
    try {
      change.join();
    } catch (CompletionException e) {
      // The load that was running failed; the model is then evicted and can be removed.
    }
  }
}
