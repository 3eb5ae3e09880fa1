package io.trantor.cli;

/** {@code -o} formats. */
public enum OutputFormat {
  table,
  json,
  yaml
}
