package io.trantor.cli;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Tracing of a process: OpenTelemetry's SDK with an OTLP exporter, set up here because this is
 * where processes are assembled (the modules use the API only). Off unless an endpoint is given,
 * by {@code --otlp-endpoint} or the standard {@code OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT}; every
 * other standard {@code OTEL_*} variable applies (protocol, headers, service name, sampler), and
 * the flags win over them. Export is batched in the background and bounded, so an unreachable
 * endpoint never slows a request.
 */
final class TracingMixin {
  @Option(names = "--otlp-endpoint", paramLabel = "URL",
      description = "Send traces over OTLP to URL, e.g. http://127.0.0.1:4317 (gRPC; OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf for 4318)."
          + " Default: $OTEL_EXPORTER_OTLP_ENDPOINT; none: tracing off.")
  String endpoint;

  @Option(names = "--trace-ratio", paramLabel = "R",
      description = "Share of new traces recorded, 0 to 1; a caller's traceparent decides for its own trace."
          + " Default: $OTEL_TRACES_SAMPLER_ARG, else 1.")
  Double ratio;

  /** Checks the flags, before the command starts anything. */
  void validate() {
    if (ratio != null && !(ratio >= 0 && ratio <= 1)) {
      throw new UserInputException("--trace-ratio: must be between 0 and 1, got " + ratio);
    }
    if (endpoint != null) {
      URI uri;
      try {
        uri = URI.create(endpoint);
      } catch (IllegalArgumentException e) {
        uri = null;
      }
      if (uri == null || uri.getHost() == null
          || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        throw new UserInputException("--otlp-endpoint: must be an http:// or https:// URL, got '" + endpoint + "'");
      }
    }
  }

  /** Tracing as the flags and {@code env} say, for a process named {@code service} (unless OTEL_SERVICE_NAME says otherwise). */
  Tracing start(String service, Map<String, String> env) {
    validate();
    boolean configured = endpoint != null || present(env, "OTEL_EXPORTER_OTLP_ENDPOINT")
        || present(env, "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT");
    if (!configured || "true".equals(env.getOrDefault("OTEL_SDK_DISABLED", "").toLowerCase(Locale.ROOT))) {
      return Tracing.OFF;
    }
    Map<String, String> defaults = new HashMap<>(Map.of(
        "otel.service.name", service,
        "otel.traces.exporter", "otlp",
        "otel.metrics.exporter", "none", // metrics are Prometheus's (/metrics)
        "otel.logs.exporter", "none",
        "otel.traces.sampler", "parentbased_traceidratio",
        "otel.traces.sampler.arg", "1.0"));
    // The SDK reads the process's environment itself; passing env's OTEL_* on too makes it read the
    // same variables this method decided on (they are one map but in tests).
    env.forEach((name, value) -> {
      if (name.startsWith("OTEL_")) {
        defaults.put(name.toLowerCase(Locale.ROOT).replace('_', '.'), value);
      }
    });
    Map<String, String> flags = new HashMap<>();
    if (endpoint != null) {
      flags.put("otel.exporter.otlp.endpoint", endpoint);
    }
    if (ratio != null) {
      flags.put("otel.traces.sampler", "parentbased_traceidratio");
      flags.put("otel.traces.sampler.arg", Double.toString(ratio));
    }
    try {
      var sdk = AutoConfiguredOpenTelemetrySdk.builder()
          .addPropertiesSupplier(() -> defaults)
          .addPropertiesCustomizer(config -> flags)
          .disableShutdownHook() // closed by the command, after its parts have stopped
          .build()
          .getOpenTelemetrySdk();
      String where = endpoint != null ? endpoint : env.getOrDefault("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
          env.get("OTEL_EXPORTER_OTLP_ENDPOINT"));
      return new Tracing(sdk, "OTLP to " + where + (ratio != null ? ", ratio " + ratio : ""));
    } catch (RuntimeException e) {
      // The SDK's own message names the variable it could not use (ConfigurationException).
      throw new UserInputException("tracing: " + e.getMessage());
    }
  }

  private static boolean present(Map<String, String> env, String name) {
    String value = env.get(name);
    return value != null && !value.isBlank();
  }

  /** The process's tracing: its {@link OpenTelemetry} (noop when off), closed (flushed) when the process stops. */
  record Tracing(OpenTelemetry openTelemetry, String description) implements AutoCloseable {
    static final Tracing OFF = new Tracing(OpenTelemetry.noop(), "off");

    @Override
    public void close() {
      if (openTelemetry instanceof AutoCloseable sdk) {
        try {
          sdk.close();
        } catch (Exception e) {
          // Flushing the last spans failed: nothing a stopping process can do about it.
        }
      }
    }
  }
}
