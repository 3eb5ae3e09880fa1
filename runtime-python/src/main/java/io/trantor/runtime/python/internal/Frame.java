package io.trantor.runtime.python.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * One message between the JVM and a Python worker: a JSON header and a body holding the raw bytes
 * of the tensors the header lists. On the wire: 4-byte little-endian header length, 8-byte
 * little-endian body length, header (UTF-8 JSON), body. The worker script documents the messages.
 */
record Frame(ObjectNode header, List<byte[]> body) {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_HEADER = 64 << 20;

  static Frame of(ObjectNode header) {
    return new Frame(header, List.of());
  }

  String type() {
    return header.path("type").asText();
  }

  void writeTo(OutputStream out) throws IOException {
    byte[] head = JSON.writeValueAsBytes(header);
    long bodyLength = 0;
    for (byte[] chunk : body) {
      bodyLength += chunk.length;
    }
    ByteBuffer lengths = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    lengths.putInt(head.length).putLong(bodyLength);
    out.write(lengths.array());
    out.write(head);
    for (byte[] chunk : body) {
      out.write(chunk);
    }
    out.flush();
  }

  /** The next frame, its body as one array; EOFException when the worker has closed its end. */
  static Frame readFrom(DataInputStream in) throws IOException {
    byte[] lengths = new byte[12];
    in.readFully(lengths);
    ByteBuffer b = ByteBuffer.wrap(lengths).order(ByteOrder.LITTLE_ENDIAN);
    int headLength = b.getInt();
    long bodyLength = b.getLong();
    if (headLength < 0 || headLength > MAX_HEADER || bodyLength < 0 || bodyLength > Integer.MAX_VALUE - 8) {
      throw new IOException("the python worker sent a corrupt frame (header " + headLength + " bytes, body "
          + bodyLength + " bytes); something in the model wrote to the worker's protocol stream");
    }
    byte[] head = new byte[headLength];
    in.readFully(head);
    byte[] bodyBytes = new byte[(int) bodyLength];
    in.readFully(bodyBytes);
    if (!(JSON.readTree(head) instanceof ObjectNode header)) {
      throw new IOException("the python worker sent a frame whose header is not a JSON object");
    }
    return new Frame(header, List.of(bodyBytes));
  }
}
