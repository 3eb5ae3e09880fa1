package io.trantor.gateway.pipelinehost.dataflow;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.gateway.pipelinehost.plan.Payload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Joins a flow's sources by record key (the request): keeps what arrived in a key-value store, forwards
 * the inputs' tensors concatenated in source order as soon as the {@link JoinRule} is met, and at the end
 * of the window fires outer joins with what arrived and forgets the rest.
 *
 * <p>Why not Kafka Streams' windowed stream-stream joins: chained pairwise joins need two window stores
 * per pair, and their outer joins emit only when stream time moves, i.e. when a later record arrives,
 * which leaves a quiet pipeline's caller waiting. Here the window is wall-clock time from the first
 * arrival, checked by a punctuator, and one store serves any number of sources and triggers.
 */
final class JoinProcessor implements Processor<String, JoinPart, String, byte[]> {
  private final String storeName;
  private final JoinRule rule;
  private final Payload payload;
  private final boolean oncePerWindow;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> store;

  /**
   * @param oncePerWindow after firing, drop further parts of the key until the window ends (so {@code any}
   *                      calls a step once per request); false in cyclic pipelines, where the request comes
   *                      back and each visit joins anew
   */
  JoinProcessor(String storeName, JoinRule rule, Payload payload, boolean oncePerWindow) {
    this.storeName = storeName;
    this.rule = rule;
    this.payload = payload;
    this.oncePerWindow = oncePerWindow;
  }

  /** How often windows are checked: a tenth of the window, within 10 ms to 1 s. */
  static Duration tick(long windowMs) {
    return Duration.ofMillis(Math.max(10, Math.min(1000, windowMs / 10)));
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    context.schedule(tick(rule.windowMs()), PunctuationType.WALL_CLOCK_TIME, this::closeWindows);
  }

  @Override
  public void process(Record<String, JoinPart> record) {
    long now = context.currentSystemTimeMs();
    byte[] stored = store.get(record.key());
    PendingJoin pending = stored == null ? null : PendingJoin.decode(stored);
    if (pending == null || now - pending.since() >= rule.windowMs()) {
      pending = PendingJoin.open(now, record.headers());
    }
    if (pending.fired()) {
      return;
    }
    pending = pending.with(record.value().slot(), record.value().value());
    if (rule.ready(pending.parts().keySet(), false)) {
      context.forward(new Record<>(record.key(), merge(pending), record.timestamp(), record.headers()));
      if (!oncePerWindow) {
        store.delete(record.key());
        return;
      }
      pending = pending.fire();
    }
    store.put(record.key(), pending.encode());
  }

  private void closeWindows(long now) {
    List<KeyValue<String, PendingJoin>> closed = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> all = store.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        PendingJoin pending = PendingJoin.decode(entry.value);
        if (now - pending.since() >= rule.windowMs()) {
          closed.add(KeyValue.pair(entry.key, pending));
        }
      }
    }
    for (KeyValue<String, PendingJoin> entry : closed) {
      PendingJoin pending = entry.value;
      if (!pending.fired() && rule.ready(pending.parts().keySet(), true)) {
        context.forward(new Record<>(entry.key, merge(pending), now, pending.headers()));
      }
      store.delete(entry.key);
    }
  }

  /** The inputs' values in slot order, as one message; triggers are only awaited, never passed on. */
  private byte[] merge(PendingJoin pending) {
    List<OipMessage> parts = new ArrayList<>();
    for (var part : pending.parts().entrySet()) {
      if (part.getKey() < rule.inputs()) {
        try {
          parts.add(OipMessage.decode(part.getValue(), payload));
        } catch (InvalidProtocolBufferException e) {
          // Values were encoded by SourceSelect for this payload; failing here is a bug, not bad input.
          throw new IllegalStateException("join state holds an undecodable " + payload, e);
        }
      }
    }
    return OipMessage.concat(parts).encode(payload);
  }
}
