package io.trantor.samples.tritonnative;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the subset of Python's pickle protocol 2 that TorchScript's unpickler reads for a
 * module's state (torch/csrc/jit/serialization/unpickler.cpp): globals, tuples, dicts, strings,
 * small ints, booleans, persistent ids (tensor storages), NEWOBJ/BUILD/REDUCE. No memo: every value
 * is written once, so there is nothing to refer back to.
 */
final class PickleWriter {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  PickleWriter() {
    out.write(0x80); // PROTO
    out.write(2);
  }

  PickleWriter global(String module, String name) {
    out.write('c');
    ascii(module + "\n" + name + "\n");
    return this;
  }

  PickleWriter mark() {
    out.write('(');
    return this;
  }

  /** TUPLE: the values since the last mark. */
  PickleWriter tuple() {
    out.write('t');
    return this;
  }

  PickleWriter emptyTuple() {
    out.write(')');
    return this;
  }

  PickleWriter emptyDict() {
    out.write('}');
    return this;
  }

  /** SETITEMS: key/value pairs since the last mark go into the dict below the mark. */
  PickleWriter setItems() {
    out.write('u');
    return this;
  }

  PickleWriter newObj() {
    out.write(0x81);
    return this;
  }

  PickleWriter build() {
    out.write('b');
    return this;
  }

  PickleWriter reduce() {
    out.write('R');
    return this;
  }

  /** BINPERSID: the tuple on the stack names an external object (a tensor storage record). */
  PickleWriter persistentId() {
    out.write('Q');
    return this;
  }

  PickleWriter string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    out.write('X'); // BINUNICODE
    int32(utf8.length);
    out.writeBytes(utf8);
    return this;
  }

  PickleWriter integer(long value) {
    if (value >= 0 && value < 0x100) {
      out.write('K'); // BININT1
      out.write((int) value);
    } else if (value >= 0 && value < 0x10000) {
      out.write('M'); // BININT2
      out.write((int) value & 0xff);
      out.write((int) (value >>> 8) & 0xff);
    } else {
      out.write('J'); // BININT
      int32(Math.toIntExact(value));
    }
    return this;
  }

  PickleWriter bool(boolean value) {
    out.write(value ? 0x88 : 0x89); // NEWTRUE / NEWFALSE
    return this;
  }

  /** STOP, and the finished pickle. */
  byte[] finish() {
    out.write('.');
    return out.toByteArray();
  }

  private void int32(int value) {
    out.write(value & 0xff);
    out.write((value >>> 8) & 0xff);
    out.write((value >>> 16) & 0xff);
    out.write((value >>> 24) & 0xff);
  }

  private void ascii(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
  }
}
