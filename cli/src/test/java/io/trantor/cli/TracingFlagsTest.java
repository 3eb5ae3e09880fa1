package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.trantor.cli.testing.CliRunner;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** --otlp-endpoint / --trace-ratio and the OTEL_* variables: off without an endpoint, one line for wrong use. */
class TracingFlagsTest {

  @Test
  void upRejectsARatioOutsideZeroToOneBeforeStartingAnything() {
    CliRunner.Result result = CliRunner.run("up", "--trace-ratio", "1.5");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).startsWith("trantor: --trace-ratio: must be between 0 and 1, got 1.5");
  }

  @Test
  void gatewayRejectsAnEndpointThatIsNotAUrl() {
    CliRunner.Result result = CliRunner.run("gateway", "--otlp-endpoint", "localhost:4317");

    assertThat(result.exitCode()).isEqualTo(ExitCode.INVALID_INPUT.code());
    assertThat(result.err()).startsWith("trantor: --otlp-endpoint: must be an http:// or https:// URL, got 'localhost:4317'");
  }

  @Test
  void everyRoleTakesBothFlags() {
    for (String role : new String[] {"up", "gateway", "control", "agent"}) {
      assertThat(CliRunner.run(role, "--help").out()).as(role).contains("--otlp-endpoint=URL").contains("--trace-ratio=R");
    }
  }

  @Test
  void tracingIsOffWithoutAnEndpoint() {
    TracingMixin flags = new TracingMixin();
    flags.ratio = 0.5;

    try (TracingMixin.Tracing tracing = flags.start("trantor", Map.of("OTEL_SERVICE_NAME", "x"))) {
      assertThat(tracing.openTelemetry()).isSameAs(OpenTelemetry.noop());
      assertThat(tracing.description()).isEqualTo("off");
    }
  }

  @Test
  void theStandardEndpointVariableTurnsItOnAndSdkDisabledTurnsItOff() {
    TracingMixin flags = new TracingMixin();
    try (TracingMixin.Tracing on = flags.start("trantor", Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317"))) {
      assertThat(on.openTelemetry()).isNotSameAs(OpenTelemetry.noop());
      assertThat(on.openTelemetry().getPropagators().getTextMapPropagator().fields()).contains("traceparent");
    }
    try (TracingMixin.Tracing off = flags.start("trantor",
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317", "OTEL_SDK_DISABLED", "true"))) {
      assertThat(off.openTelemetry()).isSameAs(OpenTelemetry.noop());
    }
  }

  @Test
  void anUnreachableEndpointNeverFailsAndStopsPromptly() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    TracingMixin flags = new TracingMixin();
    flags.endpoint = "http://127.0.0.1:" + closedPort;
    flags.ratio = 1.0;
    long start = System.nanoTime();
    try (TracingMixin.Tracing tracing = flags.start("trantor", Map.of())) {
      assertThat(tracing.description()).isEqualTo("OTLP to http://127.0.0.1:" + closedPort + ", ratio 1.0");
      for (int i = 0; i < 100; i++) {
        Span span = tracing.openTelemetry().getTracer("test").spanBuilder("request").startSpan();
        assertThat(span.getSpanContext().isSampled()).isTrue();
        span.end();
      }
    }
    // Export is in the background; closing flushes against a refused connection, bounded by the exporter's timeout.
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(15_000);
  }

  @Test
  void aBadStandardVariableIsOneLineNamingIt() {
    assertThatThrownBy(() -> new TracingMixin().start("trantor",
        Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4317", "OTEL_EXPORTER_OTLP_PROTOCOL", "carrier-pigeon")))
        .isInstanceOf(UserInputException.class)
        .hasMessageStartingWith("tracing: ");
  }
}
