package io.trantor.protocol.json;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** A byte sink that can hand out its content with room left for the binary part behind it. */
final class BodyOutputStream extends ByteArrayOutputStream {
  BodyOutputStream(int initialSize) {
    super(initialSize);
  }

  /** The written bytes followed by {@code extra} zero bytes, in one copy. */
  synchronized byte[] toByteArray(int extra) {
    return Arrays.copyOf(buf, count + extra);
  }
}
