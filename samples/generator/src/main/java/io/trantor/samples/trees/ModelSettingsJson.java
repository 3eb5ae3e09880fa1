package io.trantor.samples.trees;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The text of an MLServer {@code model-settings.json} for a tabular model whose inputs are one
 * INT64 column each. Written by hand rather than through a JSON library so that the bytes (key
 * order, spacing, line ends) are fixed on every platform.
 */
final class ModelSettingsJson {
  private ModelSettingsJson() {}

  /**
   * @param columns input names; they must not need JSON escaping (checked)
   */
  static String of(String name, String implementation, String uri, List<String> columns) {
    String inputs =
        columns.stream()
            .map(column -> "    {\"name\": " + quoted(column) + ", \"datatype\": \"INT64\", \"shape\": [-1, 1]}")
            .collect(Collectors.joining(",\n"));
    return "{\n"
        + "  \"name\": " + quoted(name) + ",\n"
        + "  \"implementation\": " + quoted(implementation) + ",\n"
        + "  \"parameters\": {\n"
        + "    \"uri\": " + quoted(uri) + ",\n"
        + "    \"version\": \"1\"\n"
        + "  },\n"
        + "  \"inputs\": [\n"
        + inputs + "\n"
        + "  ]\n"
        + "}\n";
  }

  private static String quoted(String text) {
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20) {
        throw new IllegalArgumentException("'" + text + "' would need JSON escaping");
      }
    }
    return "\"" + text + "\"";
  }
}
