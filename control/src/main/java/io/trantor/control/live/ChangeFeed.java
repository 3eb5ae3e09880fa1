package io.trantor.control.live;

import static java.util.Objects.requireNonNull;

import io.trantor.protocol.control.watch.StreamPosition;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The one snapshot-plus-delta stream of a live table to its watchers (gateways' routes and
 * pipelines): each update replaces (or removes) one row; a new watcher gets the whole table as one
 * full batch and then every change; a watcher that reconnects with the {@link StreamPosition} of
 * the last batch it applied gets only what it missed, when the feed still holds it.
 *
 * <p>Versions count the table's changes within one epoch; the epoch is new for every feed, so a
 * watcher of a restarted control plane always starts over from a full batch. The feed keeps its own
 * copy of the rows (the latest update per key) so the full batch is exactly the state the deltas
 * after it continue from.
 *
 * @param <U> one row's update as it goes on the wire (e.g. {@code RouteUpdate})
 */
public final class ChangeFeed<U> {

  /** How the feed tells rows apart. */
  public interface Rows<U> {
    /** The row an update is about; rows of a full batch go in this key's order. */
    String key(U update);

    /** Whether the update removes its row. */
    boolean removes(U update);

    static <U> Rows<U> of(Function<U, String> key, Predicate<U> removes) {
      return new Rows<>() {
        @Override
        public String key(U update) {
          return key.apply(update);
        }

        @Override
        public boolean removes(U update) {
          return removes.test(update);
        }
      };
    }
  }

  /** One batch for one watcher. */
  public record Batch<U>(boolean full, List<U> updates, String epoch, long version) {}

  /** A watcher's end of the feed; a sink that throws is unsubscribed. */
  @FunctionalInterface
  public interface Sink<U> {
    void send(Batch<U> batch);
  }

  /** Ends a subscription (idempotent). */
  public interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  /** How many changes a feed keeps for watchers that resume (beyond that they get a full batch). */
  public static final int DEFAULT_RETAINED = 10_000;

  private record Change<U>(long version, U update) {}

  private record Watcher<U>(Predicate<U> wants, Sink<U> sink) {}

  private final Rows<U> rows;
  private final int retained;
  private final String epoch = UUID.randomUUID().toString();
  private final Map<String, U> table = new TreeMap<>();
  private final Deque<Change<U>> recent = new ArrayDeque<>();
  private final Set<Watcher<U>> watchers = new CopyOnWriteArraySet<>();
  private long version;

  public ChangeFeed(Rows<U> rows) {
    this(rows, DEFAULT_RETAINED);
  }

  public ChangeFeed(Rows<U> rows, int retained) {
    this.rows = requireNonNull(rows, "rows");
    if (retained < 0) {
      throw new IllegalArgumentException("retained must be >= 0: " + retained);
    }
    this.retained = retained;
  }

  public String epoch() {
    return epoch;
  }

  public synchronized long version() {
    return version;
  }

  /** A change of the table: kept, and sent to every watcher that wants it. */
  public synchronized void publish(U update) {
    requireNonNull(update, "update");
    String key = rows.key(update);
    if (rows.removes(update)) {
      if (table.remove(key) == null) {
        return; // nothing to remove: not a change
      }
    } else if (update.equals(table.put(key, update))) {
      return; // the same row again: not a change
    }
    version++;
    recent.addLast(new Change<>(version, update));
    while (recent.size() > retained) {
      recent.removeFirst();
    }
    for (Watcher<U> watcher : watchers) {
      if (watcher.wants().test(update)) {
        deliver(watcher, new Batch<>(false, List.of(update), epoch, version));
      }
    }
  }

  /**
   * Starts a watcher: the changes after {@code from} when the feed holds them all (same epoch),
   * else the whole table as a full batch; then every change it {@code wants}.
   */
  public synchronized Subscription subscribe(StreamPosition from, Predicate<U> wants, Sink<U> sink) {
    Watcher<U> watcher = new Watcher<>(requireNonNull(wants, "wants"), requireNonNull(sink, "sink"));
    watchers.add(watcher);
    deliver(watcher, resumes(from) ? missed(from.version(), wants) : full(wants));
    return () -> watchers.remove(watcher);
  }

  /** The rows the watcher wants, in key order. */
  public synchronized List<U> rows(Predicate<U> wants) {
    return table.values().stream().filter(wants).toList();
  }

  private boolean resumes(StreamPosition from) {
    if (from == null || !epoch.equals(from.epoch()) || from.version() > version) {
      return false;
    }
    long oldestKept = recent.isEmpty() ? version + 1 : recent.getFirst().version();
    return from.version() >= oldestKept - 1;
  }

  private Batch<U> missed(long after, Predicate<U> wants) {
    List<U> updates = new ArrayList<>();
    for (Change<U> change : recent) {
      if (change.version() > after && wants.test(change.update())) {
        updates.add(change.update());
      }
    }
    return new Batch<>(false, updates, epoch, version);
  }

  private Batch<U> full(Predicate<U> wants) {
    return new Batch<>(true, rows(wants), epoch, version);
  }

  private void deliver(Watcher<U> watcher, Batch<U> batch) {
    try {
      watcher.sink().send(batch);
    } catch (RuntimeException e) {
      watchers.remove(watcher); // the watcher went away between the change and the send
    }
  }
}
