package io.trantor.control.internal;

import io.trantor.dsl.Kind;
import java.util.Arrays;
import java.util.Locale;

/** Reads a kind as users type it: {@code Model}, {@code model}, {@code models} or {@code mlm}. */
final class Kinds {
  private Kinds() {}

  static Kind parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(Kind.values())
        .filter(k -> {
          String v = k.value().toLowerCase(Locale.ROOT);
          return t.equals(v) || t.equals(v + "s") || t.equals(k.shortName());
        })
        .findFirst()
        .orElseThrow(() -> new ControlException.Invalid(
            "unknown kind \"" + text + "\"; expected Model, Server, ServerConfig, Pipeline or Experiment"));
  }
}
