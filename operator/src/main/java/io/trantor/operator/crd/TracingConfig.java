package io.trantor.operator.crd;

/** {@code config.tracingConfig}: OpenTelemetry export ({@code ratio} is a string, as Seldon's). */
public record TracingConfig(Boolean disable, String otelExporterEndpoint, String otelExporterProtocol,
        String ratio) {
}
