package io.trantor.cli;

import io.trantor.agent.ModelRegistry;
import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.agent.server.OipServer;
import io.trantor.agent.server.ServeConfig;
import io.trantor.protocol.RepositoryModel;
import io.trantor.runtime.api.RuntimeRegistry;
import io.trantor.security.ListenerTls;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trantor serve}: a standalone OIP server over a model repository, like
 * {@code tritonserver --model-repository} or {@code mlserver start}.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve every model folder in a repository over OIP REST and gRPC on one port.",
      "Folders: MLServer-style (model-settings.json) or Triton-style (config.pbtxt + numbered"
          + " version folders), or a folder with a model file."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @picocli.CommandLine.Mixin ServerTlsMixin tls;

  @Option(
      names = "--model-repository",
      required = true,
      paramLabel = "DIR",
      description = "Directory whose sub-folders are models.")
  Path modelRepository;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "9500",
      description = "Port for REST (HTTP/1.1 and h2c) and gRPC. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "Address to bind. Default: ${DEFAULT-VALUE} (every interface).")
  String host;

  @Option(
      names = "--load-on-start",
      arity = "0..1",
      fallbackValue = "true",
      defaultValue = "true",
      paramLabel = "BOOL",
      description =
          "Load every model at start. With --load-on-start=false models load only through"
              + " POST /v2/repository/models/NAME/load. Default: ${DEFAULT-VALUE}.")
  boolean loadOnStart;

  @Option(
      names = "--max-request-bytes",
      paramLabel = "BYTES",
      defaultValue = "67108864",
      description = "Largest request body or gRPC message; larger gets 413. Default: ${DEFAULT-VALUE}.")
  long maxRequestBytes;

  @Option(
      names = "--request-timeout",
      paramLabel = "SECONDS",
      defaultValue = "60",
      description = "Longest time one request may take (0 = no limit). Default: ${DEFAULT-VALUE}.")
  long requestTimeoutSeconds;

  @Option(
      names = "--inference-threads",
      paramLabel = "event-loop|pool",
      defaultValue = "event-loop",
      description =
          "Where requests run: on the network event loops (fastest for models that answer in"
              + " microseconds) or on a thread pool (for slow models). Default: ${DEFAULT-VALUE}.")
  String inferenceThreads;

  private final ShutdownSignal shutdown;

  ServeCommand(ShutdownSignal shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public Integer call() throws Exception {
    if (!Files.isDirectory(modelRepository)) {
      throw new UserInputException(
          "--model-repository: " + modelRepository + " is not a directory");
    }
    if (port < 0 || port > 65535) {
      throw new UserInputException("--port: must be between 0 and 65535, got " + port);
    }
    if (maxRequestBytes <= 0) {
      throw new UserInputException("--max-request-bytes: must be > 0, got " + maxRequestBytes);
    }
    if (requestTimeoutSeconds < 0) {
      throw new UserInputException("--request-timeout: must be >= 0, got " + requestTimeoutSeconds);
    }
    ServeConfig.InferenceThreads threads =
        switch (inferenceThreads) {
          case "event-loop" -> ServeConfig.InferenceThreads.EVENT_LOOP;
          case "pool" -> ServeConfig.InferenceThreads.POOL;
          default ->
              throw new UserInputException(
                  "--inference-threads: must be event-loop or pool, got " + inferenceThreads);
        };
    ServeConfig config =
        new ServeConfig(
            host, port, maxRequestBytes, Duration.ofSeconds(requestTimeoutSeconds), loadOnStart, threads);
    PrintWriter out = spec.commandLine().getOut();
    ListenerTls listener = tls.listener();
    try (RuntimeRegistry runtimes = RuntimeRegistry.discover();
        ModelRegistry registry =
            new ModelRegistry(new FileSystemModelRepository(modelRepository), runtimes)) {
      if (config.loadOnStart()) {
        registry.loadAll();
      }
      try (OipServer server = OipServer.start(registry, config, listener)) {
        report(out, registry, runtimes, server.port(), listener.scheme());
        shutdown.awaitRequest();
        out.println("trantor serve: stopping");
        out.flush();
      }
    } finally {
      shutdown.stopped();
    }
    return ExitCode.OK.code();
  }

  private void report(PrintWriter out, ModelRegistry registry, RuntimeRegistry runtimes, int boundPort, String scheme) {
    out.printf("runtimes: %s%n", String.join(", ", runtimes.capabilities().stream().sorted().toList()));
    for (RepositoryModel model : registry.index(false)) {
      out.printf(
          "model %-24s %-12s %s%n",
          model.name(),
          model.state(),
          model.reason() == null || model.reason().isEmpty() ? "" : model.reason());
    }
    out.printf("trantor serve: listening on %s%s:%d (REST and gRPC)%n", scheme.equals("https") ? "https://" : "", host, boundPort);
    out.flush();
  }
}
