package io.trantor.gateway.pipelinehost.dataflow;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * What a join holds for one record key, stored (and change-logged) as bytes so a restarted gateway resumes
 * half-complete joins.
 *
 * @param fired   the join already forwarded this key; later parts within the window are dropped so a
 *                step fires once per request
 * @param since   wall-clock time of the first part; the window is counted from it
 * @param headers the first part's headers, used when the join fires from the window timer
 * @param parts   values by slot
 */
record PendingJoin(boolean fired, long since, Headers headers, SortedMap<Integer, byte[]> parts) {

  static PendingJoin open(long now, Headers headers) {
    return new PendingJoin(false, now, headers, new TreeMap<>());
  }

  PendingJoin with(int slot, byte[] value) {
    TreeMap<Integer, byte[]> next = new TreeMap<>(parts);
    next.putIfAbsent(slot, value);
    return new PendingJoin(fired, since, headers, next);
  }

  /** After firing only the marker is kept: the values are no longer needed. */
  PendingJoin fire() {
    return new PendingJoin(true, since, new RecordHeaders(), Collections.emptySortedMap());
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeBoolean(fired);
      out.writeLong(since);
      Header[] all = headers.toArray();
      out.writeInt(all.length);
      for (Header header : all) {
        out.writeUTF(header.key());
        writeBytes(out, header.value());
      }
      out.writeInt(parts.size());
      for (var part : parts.entrySet()) {
        out.writeInt(part.getKey());
        writeBytes(out, part.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static PendingJoin decode(byte[] stored) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
      boolean fired = in.readBoolean();
      long since = in.readLong();
      RecordHeaders headers = new RecordHeaders();
      for (int i = in.readInt(); i > 0; i--) {
        headers.add(in.readUTF(), readBytes(in));
      }
      TreeMap<Integer, byte[]> parts = new TreeMap<>();
      for (int i = in.readInt(); i > 0; i--) {
        parts.put(in.readInt(), readBytes(in));
      }
      return new PendingJoin(fired, since, headers, parts);
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt join state", e);
    }
  }

  private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
    if (value == null) {
      out.writeInt(-1);
      return;
    }
    out.writeInt(value.length);
    out.write(value);
  }

  private static byte[] readBytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    return length < 0 ? null : in.readNBytes(length);
  }
}
