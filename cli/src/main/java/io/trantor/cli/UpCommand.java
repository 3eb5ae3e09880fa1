package io.trantor.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trantor.control.ControlConfig;
import io.trantor.control.ControlPlane;
import io.trantor.control.EmbeddedTemporal;
import io.trantor.gateway.Gateway;
import io.trantor.gateway.GatewayConfig;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.broker.EmbeddedKafka;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.security.ControlToken;
import io.trantor.runtime.api.RuntimeRegistry;
import io.trantor.runtime.mlserver.MlServerExecutable;
import io.trantor.runtime.mlserver.MlServerRuntime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trantor up}: everything on one machine in one JVM — a Temporal service, a Kafka broker
 * (unless {@code --kafka} names a cluster), the control plane, the gateway, and two default servers ({@code mlserver} and {@code triton}, as Seldon's local install
 * has) whose replicas run the built-in runtimes. Ctrl-C stops it all.
 */
@Command(
    name = "up",
    mixinStandardHelpOptions = true,
    description = "Run Trantor on this machine: Temporal, the control plane and default servers, in one process.")
public final class UpCommand implements Callable<Integer> {
  static final String[] DEFAULT_SERVERS = {"mlserver", "triton"};
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

  @Spec CommandSpec spec;
  @Mixin TemporalMixin temporal;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address every endpoint binds. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--control-port", defaultValue = "9004", paramLabel = "PORT", description = "Control plane API port. Default: ${DEFAULT-VALUE}.")
  int controlPort;

  @Option(names = "--gateway-port", defaultValue = "9000", paramLabel = "PORT", description = "Gateway port: OIP REST and gRPC for every model (TRANTOR_INFER). Default: ${DEFAULT-VALUE}.")
  int gatewayPort;

  @Option(names = "--no-gateway", description = "Run without the gateway (start `trantor gateway` as its own process, e.g. to restart it alone).")
  boolean noGateway;

  @Option(names = "--kafka-port", defaultValue = "9092", paramLabel = "PORT", description = "Port of the embedded Kafka broker (pipelines), unless --kafka names a cluster. Default: ${DEFAULT-VALUE}.")
  int kafkaPort;

  @Mixin KafkaMixin kafka;

  @Mixin TracingMixin tracing;

  @Option(names = "--replicas", defaultValue = "1", paramLabel = "N", description = "Replicas of each default server. Default: ${DEFAULT-VALUE}.")
  int replicas;

  @Option(names = "--server-memory", defaultValue = "1Gi", paramLabel = "QUANTITY", description = "Memory each server replica offers to models. Default: ${DEFAULT-VALUE}.")
  String serverMemory;

  @Option(names = "--overcommit", defaultValue = "10", paramLabel = "PERCENT", description = "Memory overcommit of each replica, in percent. Default: ${DEFAULT-VALUE}.")
  int overcommitPercent;

  @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep applied specs and the model cache here, so a restart brings every model back.")
  Path dataDir;

  @Option(
      names = "--storage-rewrite",
      paramLabel = "PREFIX=REPLACEMENT",
      description = "Rewrite storage URIs before fetching (repeatable), e.g. gs://seldon-models/=samples/seldon-mirror/")
  List<String> storageRewrites = new ArrayList<>();

  @Option(
      names = "--mlserver",
      arity = "0..1",
      fallbackValue = "on",
      // As the issue asks: MLServer replicas whenever MLServer is installed; `off` keeps the built-in runtimes.
      defaultValue = "auto",
      paramLabel = "on|auto|off",
      description = "Replicas of the mlserver server run a real MLServer (the 'mlserver' on PATH): on (just --mlserver),"
          + " auto (when it is on PATH) or off (built-in runtimes). Default: ${DEFAULT-VALUE}.")
  String mlserver;

  @Mixin ServerTlsMixin tls;
  @Mixin ClientTlsMixin clientTls;
  @Mixin JwtMixin jwt;

  @Option(names = "--tls", defaultValue = "off", paramLabel = "auto|off",
      description = "auto: make a local CA and server certificate in <data-dir>/tls/ on first start and serve the gateway and"
          + " control API over TLS. Default: ${DEFAULT-VALUE}.")
  String tlsMode;

  @Option(names = "--control-token-file", paramLabel = "FILE", description = "Require this file's token on the control API.")
  Path controlTokenFile;

  @Option(names = "--allow-unauthenticated", description = "Let the control API listen beyond loopback without a token or mTLS.")
  boolean allowUnauthenticated;

  private final ShutdownSignal shutdown;

  UpCommand(ShutdownSignal shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    temporal.validate();
    tracing.validate();
    if (replicas < 0) {
      throw new UserInputException("--replicas: must be >= 0, got " + replicas);
    }
    ReplicaOptions options = ReplicaOptions.parse("--server-memory", serverMemory, storageRewrites);
    Path workDir = dataDir != null ? dataDir : Files.createTempDirectory("trantor-up-");
    MlServerReplicas mlServers = mlServerReplicas(workDir);
    Files.createDirectories(workDir);
    PrintWriter out = spec.commandLine().getOut();
    UpSecurity security =
        UpSecurity.of(tlsMode, tls, clientTls.files(), jwt, controlTokenFile, allowUnauthenticated, host, workDir);

    AutoCloseable temporalService = null;
    EmbeddedKafka broker = null;
    try {
      KafkaSettings kafkaSettings;
      if (kafka.external()) {
        kafkaSettings = kafka.settings();
      } else {
        broker = EmbeddedKafka.start(host, kafkaPort, workDir.resolve("kafka"));
        kafkaSettings = kafka.settings(broker.bootstrapServers());
      }
      String temporalTarget;
      if (temporal.embedded()) {
        EmbeddedTemporal embedded = EmbeddedTemporal.start(host, temporal.port);
        temporalService = embedded;
        temporalTarget = embedded.target();
      } else if (temporal.dev()) {
        TemporalDevProcess dev =
            TemporalDevProcess.start(temporal.cli, host, temporal.port, temporal.uiPort, dataDir, workDir.resolve("temporal.log"));
        temporalService = dev;
        temporalTarget = dev.target();
      } else {
        temporalTarget = temporal.temporal;
      }
      // One registry for every part, so each /metrics endpoint shows all of them; closed last.
      PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      try (AutoCloseable closesMetrics = metrics::close;
          TracingMixin.Tracing traces = tracing.start("trantor", System.getenv());
          RuntimeRegistry runtimes = RuntimeRegistry.discover();
          LocalServers servers =
              new LocalServers(
                  runtimes,
                  new LocalServers.ReplicaSettings(
                      host + ":" + controlPort, host, workDir.resolve("cache"), options.storageRewrites(),
                      options.memoryBytes(), overcommitPercent,
                      // Explainers' infer_uri: this gateway (or, with --no-gateway, the one started on that port).
                      host + ":" + gatewayPort),
                  mlServers, security.agents(), traces.openTelemetry());
          ControlPlane control =
              ControlPlane.start(
                  new ControlConfig(host, controlPort, temporalTarget, temporal.namespace, dataDir, kafkaSettings), servers,
                  security.control(), metrics);
          Gateway gateway = noGateway ? null
              : Gateway.start(new GatewayConfig(host, gatewayPort, host + ":" + control.port()).withKafka(kafkaSettings),
                  security.gateway(), metrics, traces.openTelemetry());
          ControlClient client = new ControlClient(host + ":" + control.port(), security.internal(),
              security.control().token().map(ControlToken::value))) {
        client.apply(defaultServers(replicas), "trantor up (default servers)");
        awaitServers(client);
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(Locale.ROOT, "trantor up: ready in %.1f s%n", seconds);
        out.printf("  control plane  %s:%d   (TRANTOR_CONTROL; `trantor model load -f ...`)%n", host, control.port());
        if (gateway != null) {
          out.printf("  gateway        %s:%d   (TRANTOR_INFER; OIP REST + gRPC, Seldon-Model header)%n", host, gateway.port());
        } else {
          out.printf("  gateway        none (--no-gateway: run `trantor gateway --control %s:%d --kafka %s`)%n", host,
              control.port(), kafkaSettings.bootstrapServers());
        }
        out.printf("  kafka          %s%s%n", kafkaSettings.bootstrapServers(),
            broker != null ? "   (embedded; pipelines; topics " + kafkaSettings.topicPrefix() + ".<namespace>.*)" : "   (pipelines)");
        out.printf("  temporal       %s%s%n", temporalTarget,
            temporal.dev() ? "   (Web UI http://" + host + ":" + temporal.uiPort + ")" : temporal.embedded() ? "   (embedded; no Web UI)" : "");
        out.printf("  servers        %s, %d replica(s) each; built-in runtimes: %s%n",
            String.join(", ", DEFAULT_SERVERS), replicas, String.join(",", runtimes.capabilities().stream().sorted().toList()));
        for (String server : DEFAULT_SERVERS) {
          boolean real = mlServers != null && server.equals(MlServerReplicas.SERVER_CONFIG);
          out.printf("  %-14s %scapabilities %s%n", server,
              real ? "replicas run MLServer " + mlServers.executable() + "; " : "",
              String.join(",", real ? MlServerRuntime.CAPABILITIES.stream().sorted().toList()
                  : DefaultServerCapabilities.of(server, runtimes.capabilities()).orElseThrow().stream().toList()));
        }
        out.printf("  metrics        %s://%s:%d/metrics   (Prometheus text, all parts; also on the control port)%n",
            gateway != null ? security.gateway().listener().scheme() : security.control().listener().scheme(), host,
            gateway != null ? gateway.port() : control.port());
        out.printf("  tracing        %s%n", traces.description());
        security.print(out);
        out.printf("  data           %s%n", workDir);
        out.flush();
        shutdown.awaitRequest();
        out.println("trantor up: stopping");
        out.flush();
        // The control plane stops first (try-with-resources order), so stopping replicas does not
        // make workflows move their models around on the way down; on the next start, replicas
        // that come back without their models are reported lost and the models placed again.
      }
    } finally {
      if (temporalService != null) {
        temporalService.close();
      }
      if (broker != null) {
        broker.close();
      }
      shutdown.stopped();
    }
    return ExitCode.OK.code();
  }

  /** The MLServer backing of {@code mlserver} servers, or null for the built-in runtimes. */
  private MlServerReplicas mlServerReplicas(Path workDir) {
    if (!List.of("on", "auto", "off").contains(mlserver)) {
      throw new UserInputException("--mlserver: must be on, auto or off, got '" + mlserver + "'");
    }
    if (mlserver.equals("off")) {
      return null;
    }
    Optional<Path> executable = MlServerExecutable.find(System.getenv());
    if (executable.isEmpty()) {
      if (mlserver.equals("auto")) {
        return null;
      }
      throw new UserInputException("--mlserver: " + MlServerExecutable.missingMessage());
    }
    return new MlServerReplicas(executable.get(), host, workDir);
  }

  static String defaultServers(int replicas) {
    StringBuilder yaml = new StringBuilder();
    for (String name : DEFAULT_SERVERS) {
      yaml.append("apiVersion: mlops.seldon.io/v1alpha1\nkind: Server\nmetadata:\n  name: ")
          .append(name)
          .append("\nspec:\n  serverConfig: ")
          .append(name)
          .append("\n  replicas: ")
          .append(replicas)
          .append("\n---\n");
    }
    return yaml.toString();
  }

  private void awaitServers(ControlClient client) throws InterruptedException {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    for (String name : DEFAULT_SERVERS) {
      while (true) {
        ResourceStatus status = client.status(ControlClient.ref("Server", "default", name));
        if (status.getServer().getReadyReplicas() >= replicas) {
          break;
        }
        if (System.nanoTime() > deadline) {
          throw new CommandFailure(
              ExitCode.TIMEOUT,
              "server " + name + " has " + status.getServer().getReadyReplicas() + " of " + replicas
                  + " replicas connected after " + READY_TIMEOUT.toSeconds() + "s");
        }
        Thread.sleep(50); // polling a condition with a deadline
      }
    }
  }
}
