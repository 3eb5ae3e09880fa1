package io.trantor.cli;

import io.trantor.agent.replica.Agent;
import io.trantor.agent.replica.AgentConfig;
import io.trantor.agent.replica.AgentSecurity;
import io.trantor.runtime.api.RuntimeRegistry;
import io.trantor.runtime.mlserver.MlServerExecutable;
import io.trantor.runtime.mlserver.MlServerOptions;
import io.trantor.runtime.mlserver.MlServerRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code trantor agent}: one server replica (agent + built-in runtime) as its own process. */
@Command(name = "agent", mixinStandardHelpOptions = true, description = "Run one server replica: an agent with the built-in runtimes.")
public final class AgentCommand implements Callable<Integer> {
  @Mixin TracingMixin tracing;
  @Spec CommandSpec spec;
  @Mixin ServerTlsMixin tls;
  @Mixin ClientTlsMixin controlTls;

  @Option(names = "--server", required = true, paramLabel = "NAME", description = "The Server this is a replica of.")
  String server;

  @Option(names = "--replica", defaultValue = "0", paramLabel = "INDEX", description = "Replica index. Default: ${DEFAULT-VALUE}.")
  int replica;

  @Option(names = {"-n", "--namespace"}, defaultValue = "default", paramLabel = "NS", description = "Namespace. Default: ${DEFAULT-VALUE}.")
  String namespace;

  @Option(names = "--control", paramLabel = "HOST:PORT", description = "Control plane. Default: $TRANTOR_CONTROL, else localhost:9004.")
  String control;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS", description = "Address of the OIP endpoint. Default: ${DEFAULT-VALUE}.")
  String host;

  @Option(names = "--port", defaultValue = "0", paramLabel = "PORT", description = "OIP endpoint port (0 = any free). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Artifact cache. Default: a temporary directory.")
  Path cacheDir;

  @Option(names = "--memory", defaultValue = "1Gi", paramLabel = "QUANTITY", description = "Memory offered to models. Default: ${DEFAULT-VALUE}.")
  String memory;

  @Option(names = "--overcommit", defaultValue = "10", paramLabel = "PERCENT", description = "Memory overcommit in percent. Default: ${DEFAULT-VALUE}.")
  int overcommit;

  @Option(names = "--capabilities", split = ",", paramLabel = "TAG", description = "Capabilities (replaces the runtimes' own).")
  List<String> capabilities = new ArrayList<>();

  @Option(names = "--extra-capabilities", split = ",", paramLabel = "TAG", description = "Capabilities added to the runtimes' own.")
  List<String> extraCapabilities = new ArrayList<>();

  @Option(names = "--storage-rewrite", paramLabel = "PREFIX=REPLACEMENT", description = "Rewrite storage URIs before fetching (repeatable).")
  List<String> storageRewrites = new ArrayList<>();

  @Option(
      names = "--mlserver",
      paramLabel = "local|URL",
      description = "Serve with MLServer instead of the built-in runtimes: 'local' starts one as a child process (the"
          + " mlserver on PATH); http://HOST:PORT uses a sidecar started with MLSERVER_LOAD_MODELS_AT_STARTUP=false"
          + " that reads --mlserver-repository. Its parallel workers: $MLSERVER_PARALLEL_WORKERS (default 1).")
  String mlserver;

  @Option(
      names = "--inference-host",
      paramLabel = "HOST:PORT",
      description = "The gateway explainer models send their requests to (MLServer infer_uri). Default: $TRANTOR_INFER, else "
          + InferenceTarget.DEFAULT_GATEWAY + ".")
  String inferenceHost;

  @Option(names = "--mlserver-repository", paramLabel = "DIR", description = "Model repository folder shared with a sidecar MLServer.")
  Path mlserverRepository;

  private final ShutdownSignal shutdown;

  AgentCommand(ShutdownSignal shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public Integer call() throws Exception {
    String target = control != null ? control : System.getenv().getOrDefault("TRANTOR_CONTROL", ControlEndpointMixin.DEFAULT);
    ReplicaOptions options = ReplicaOptions.parse("--memory", memory, storageRewrites);
    Path cache = cacheDir != null ? cacheDir : Files.createTempDirectory("trantor-agent-");
    AgentConfig config =
        new AgentConfig(namespace, server, replica, target, host, port, cache, options.storageRewrites(), options.memoryBytes(), overcommit,
            Set.copyOf(capabilities), Set.copyOf(extraCapabilities), inferenceHost());
    try (TracingMixin.Tracing traces = tracing.start("trantor-agent", System.getenv());
        RuntimeRegistry runtimes = mlserver == null ? RuntimeRegistry.discover() : mlServerRuntimes();
        Agent agent = Agent.start(config, runtimes, System.getenv(), new AgentSecurity(tls.listener(), controlTls.files()),
            traces.openTelemetry())) {
      spec.commandLine().getOut().printf("trantor agent: %s-%d serving on %s, control plane %s%n", server, replica, agent.endpoint(), target);
      spec.commandLine().getOut().flush();
      shutdown.awaitRequest();
    } finally {
      shutdown.stopped();
    }
    return ExitCode.OK.code();
  }

  private String inferenceHost() {
    String value = inferenceHost != null ? inferenceHost : System.getenv().getOrDefault("TRANTOR_INFER", InferenceTarget.DEFAULT_GATEWAY);
    if (!value.matches("[^/\\s:]+:\\d{1,5}")) {
      throw new UserInputException("--inference-host: must be HOST:PORT, got '" + value + "'");
    }
    return value;
  }

  /** One MLServer runtime, as {@code --mlserver} says (Seldon's agent next to its MLServer). */
  private RuntimeRegistry mlServerRuntimes() throws java.io.IOException {
    String workers = System.getenv().getOrDefault("MLSERVER_PARALLEL_WORKERS", "1");
    if (!workers.matches("\\d{1,3}")) {
      throw new UserInputException("MLSERVER_PARALLEL_WORKERS: must be a number of workers, got '" + workers + "'");
    }
    if (mlserver.equals("local")) {
      Path executable = MlServerExecutable.find(System.getenv())
          .orElseThrow(() -> new UserInputException("--mlserver: " + MlServerExecutable.missingMessage()));
      MlServerOptions options = new MlServerOptions(executable, host, Files.createTempDirectory("trantor-mlserver-"),
          Integer.parseInt(workers), MlServerOptions.DEFAULT_START_TIMEOUT);
      return new RuntimeRegistry(List.of(MlServerRuntime.start(options)));
    }
    if (!mlserver.startsWith("http://") && !mlserver.startsWith("https://")) {
      throw new UserInputException("--mlserver: must be 'local' or an http://HOST:PORT address, got '" + mlserver + "'");
    }
    if (mlserverRepository == null) {
      throw new UserInputException("--mlserver " + mlserver + ": name the model repository it reads with --mlserver-repository DIR");
    }
    return new RuntimeRegistry(List.of(MlServerRuntime.sidecar(mlserver, mlserverRepository, Integer.parseInt(workers))));
  }
}
