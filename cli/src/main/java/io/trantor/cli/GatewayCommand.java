package io.trantor.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trantor.gateway.Gateway;
import io.trantor.gateway.GatewayConfig;
import io.trantor.gateway.GatewaySecurity;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trantor gateway}: the data plane's ingress alone — OIP REST and gRPC for models,
 * experiments and pipelines, the pipeline and model gateways and the pipelines' Kafka Streams
 * topologies. It follows the control plane's routes and pipelines; with {@code --kafka} it runs
 * pipelines, without it only models and experiments.
 */
@Command(name = "gateway", mixinStandardHelpOptions = true, description = "Run the gateway alone (models, experiments, pipelines).")
public final class GatewayCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin control;
  @Mixin KafkaMixin kafka;
  @Mixin TracingMixin tracing;
  @Mixin ServerTlsMixin tls;
  @Mixin JwtMixin jwt;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", defaultValue = "9000", paramLabel = "PORT", description = "OIP REST and gRPC port. Default: ${DEFAULT-VALUE}.")
  int port;

  private final ShutdownSignal shutdown;

  GatewayCommand(ShutdownSignal shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public Integer call() throws Exception {
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // The control plane's CA (and client certificate) serve the replica hop too: one CA per cluster.
    GatewaySecurity security = new GatewaySecurity(tls.listener(), jwt.verifier(), control.tls(), control.tls());
    try (AutoCloseable closesMetrics = metrics::close;
        TracingMixin.Tracing traces = tracing.start("trantor-gateway", System.getenv());
        Gateway gateway = Gateway.start(
            new GatewayConfig(host, port, control.target()).withKafka(kafka.external() ? kafka.settings() : null),
            security, metrics, traces.openTelemetry())) {
      spec.commandLine().getOut().printf("trantor gateway: listening on %s://%s:%d%s (control %s%s)%n",
          security.listener().scheme(), host, gateway.port(), security.auth().isPresent() ? ", JWT required" : "",
          control.target(), kafka.external() ? ", kafka " + kafka.bootstrapOrDefault() : ", no Kafka: pipelines off");
      spec.commandLine().getOut().flush();
      shutdown.awaitRequest();
    } finally {
      shutdown.stopped();
    }
    return ExitCode.OK.code();
  }
}
