package io.trantor.compiler.pipeline;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Seldon's Kafka topic names for one namespace (reference seldon-behaviour.md §4.1), so existing
 * consumers of Seldon topics keep working: {@code <prefix>.<ns>.model.<m>.inputs|outputs},
 * {@code <prefix>.<ns>.pipeline.<p>.inputs|outputs} and {@code <prefix>.<ns>.errors.errors}.
 *
 * @param prefix    topic prefix, {@code seldon} by default
 * @param namespace the resource namespace, {@code default} when none
 */
public record TopicNames(String prefix, String namespace) {
  public static final String DEFAULT_PREFIX = "seldon";
  private static final Pattern VALID_PREFIX = Pattern.compile("^[A-Za-z0-9._-]+$");

  public TopicNames {
    Objects.requireNonNull(prefix, "prefix");
    if (!VALID_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException("topic prefix must match " + VALID_PREFIX + ", got '" + prefix + "'");
    }
    namespace = namespace == null || namespace.isBlank() ? "default" : namespace;
  }

  public static TopicNames of(String namespace) {
    return new TopicNames(DEFAULT_PREFIX, namespace);
  }

  public String modelInputs(String model) {
    return base() + "model." + model + ".inputs";
  }

  public String modelOutputs(String model) {
    return base() + "model." + model + ".outputs";
  }

  public String pipelineInputs(String pipeline) {
    return base() + "pipeline." + pipeline + ".inputs";
  }

  public String pipelineOutputs(String pipeline) {
    return base() + "pipeline." + pipeline + ".outputs";
  }

  /** The namespace's shared error topic; records carry a {@code seldon-pipeline-errors} header. */
  public String errors() {
    return base() + "errors.errors";
  }

  private String base() {
    return prefix + "." + namespace + ".";
  }
}
