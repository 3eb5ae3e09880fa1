package io.trantor.gateway.pipelinehost.dataflow;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.gateway.pipelinehost.plan.Payload;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Seldon's step {@code batch}: requests are concatenated along their first dimension until the first
 * tensor holds {@code size} rows; then one request goes to the model, under the key and headers of the
 * last request (as in Seldon, the earlier requests get no answer of their own: batching is for steps
 * whose output nobody waits for, such as drift detectors). Unlike Seldon, {@code windowMs} is honoured:
 * a batch older than it is sent as it is, so rows are not held forever in a quiet pipeline.
 * One batch per task (partition), kept in a change-logged store.
 */
final class BatchProcessor implements Processor<String, byte[], String, byte[]> {
  private static final String BATCH = "batch";

  private final String storeName;
  private final int size;
  private final long windowMs;
  private final Payload payload;
  private ProcessorContext<String, byte[]> context;
  private KeyValueStore<String, byte[]> store;

  /** A batch in progress: first arrival, the last request's key and headers, the rows so far. */
  private record Pending(long since, String key, Headers headers, OipMessage rows) {}

  BatchProcessor(String storeName, int size, long windowMs, Payload payload) {
    this.storeName = storeName;
    this.size = size;
    this.windowMs = windowMs;
    this.payload = payload;
  }

  @Override
  public void init(ProcessorContext<String, byte[]> context) {
    this.context = context;
    this.store = context.getStateStore(storeName);
    if (windowMs > 0) {
      context.schedule(JoinProcessor.tick(windowMs), PunctuationType.WALL_CLOCK_TIME, this::closeWindow);
    }
  }

  @Override
  public void process(Record<String, byte[]> record) {
    OipMessage rows;
    try {
      rows = OipMessage.decode(record.value(), payload);
    } catch (InvalidProtocolBufferException e) {
      // SourceSelect encoded it; a failure is a bug, not bad input.
      throw new IllegalStateException("batch received an undecodable " + payload, e);
    }
    long now = context.currentSystemTimeMs();
    Pending pending = load();
    if (pending != null && !rows.sameTensors(pending.rows())) {
      // Different tensors cannot be stacked: send what is there and start again.
      send(pending, now);
      pending = null;
    }
    Pending next = pending == null
        ? new Pending(now, record.key(), record.headers(), rows)
        : new Pending(pending.since(), record.key(), record.headers(), pending.rows().stack(rows));
    if (next.rows().rows() >= size) {
      send(next, now);
      store.delete(BATCH);
    } else {
      store.put(BATCH, encode(next));
    }
  }

  private void closeWindow(long now) {
    Pending pending = load();
    if (pending != null && now - pending.since() >= windowMs) {
      send(pending, now);
      store.delete(BATCH);
    }
  }

  private void send(Pending pending, long now) {
    context.forward(new Record<>(pending.key(), pending.rows().encode(payload), now, pending.headers()));
  }

  private Pending load() {
    byte[] stored = store.get(BATCH);
    if (stored == null) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      long since = in.readLong();
      String key = in.readUTF();
      var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
      for (int i = in.readInt(); i > 0; i--) {
        String name = in.readUTF();
        int length = in.readInt();
        headers.add(name, length < 0 ? null : in.readNBytes(length));
      }
      return new Pending(since, key, headers, OipMessage.decode(in.readAllBytes(), Payload.RESPONSE));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt batch state", e);
    }
  }

  private static byte[] encode(Pending pending) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeLong(pending.since());
      out.writeUTF(pending.key());
      Header[] headers = pending.headers().toArray();
      out.writeInt(headers.length);
      for (Header header : headers) {
        out.writeUTF(header.key());
        out.writeInt(header.value() == null ? -1 : header.value().length);
        if (header.value() != null) {
          out.write(header.value());
        }
      }
      out.write(pending.rows().encode(Payload.RESPONSE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

}
