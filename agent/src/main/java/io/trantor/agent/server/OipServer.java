package io.trantor.agent.server;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.grpc.ServerInterceptors;
import io.opentelemetry.api.OpenTelemetry;
import io.trantor.agent.ModelRegistry;
import io.trantor.protocol.ServerMetadata;
import io.trantor.protocol.tracing.ServerSpans;
import io.trantor.security.ListenerTls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A standalone OIP server: REST (HTTP/1.1 and h2c) and gRPC on one port, over a
 * {@link ModelRegistry}. gRPC requests are told apart by their content type, so the two never
 * collide ({@code /inference.GRPCInferenceService/...} vs {@code /v2/...}).
 *
 * <p>Building the routes ({@link #configure}) is separate from binding a port, so tests and
 * other processes (the agent behind a gateway, later) reuse the same wiring.
 */
public final class OipServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OipServer.class);

  /** What {@code GET /v2} reports. */
  public static final ServerMetadata METADATA =
      new ServerMetadata(
          "trantor", versionOfThisBuild(), List.of("binary_tensor_data", "model_repository", "parameters"));

  private final Server server;

  private OipServer(Server server) {
    this.server = server;
  }

  /** Binds the port and serves until {@link #close()}. The caller keeps owning the registry. */
  public static OipServer start(ModelRegistry registry, ServeConfig config) {
    return start(registry, config, ListenerTls.PLAINTEXT, OpenTelemetry.noop());
  }

  /** As {@link #start(ModelRegistry, ServeConfig)}, with a SERVER span per request when {@code openTelemetry} traces. */
  public static OipServer start(ModelRegistry registry, ServeConfig config, OpenTelemetry openTelemetry) {
    return start(registry, config, ListenerTls.PLAINTEXT, openTelemetry);
  }

  /** As {@link #start(ModelRegistry, ServeConfig)}, with TLS (mTLS with a client CA) when {@code tls} says so. */
  public static OipServer start(ModelRegistry registry, ServeConfig config, ListenerTls tls) {
    return start(registry, config, tls, OpenTelemetry.noop());
  }

  /** With TLS as {@code tls} says and a SERVER span per request when {@code openTelemetry} traces. */
  public static OipServer start(ModelRegistry registry, ServeConfig config, ListenerTls tls, OpenTelemetry openTelemetry) {
    ServerBuilder sb = Server.builder();
    tls.bind(sb, new InetSocketAddress(config.host(), config.port()));
    configure(sb, registry, config, openTelemetry);
    Server server = sb.build();
    server.start().join();
    OipServer started = new OipServer(server);
    log.info("OIP server listening on {}://{}:{} (REST and gRPC)", tls.scheme(), config.host(), started.port());
    return started;
  }

  /** Adds the OIP REST routes and the gRPC service to {@code sb}. */
  public static void configure(ServerBuilder sb, ModelRegistry registry, ServeConfig config) {
    configure(sb, registry, config, OpenTelemetry.noop());
  }

  /** As {@link #configure(ServerBuilder, ModelRegistry, ServeConfig)}, with a SERVER span per request when {@code openTelemetry} traces. */
  public static void configure(ServerBuilder sb, ModelRegistry registry, ServeConfig config, OpenTelemetry openTelemetry) {
    ServerSpans spans = new ServerSpans(openTelemetry, "io.trantor.agent");
    if (spans.enabled()) {
      sb.decorator(delegate -> new RequestSpans(delegate, spans));
    }
    sb.maxRequestLength(config.maxRequestBytes());
    sb.requestTimeout(config.requestTimeout());
    sb.errorHandler(new OipErrorHandler());
    // Let in-flight requests finish on shutdown, but never hang a Ctrl-C for long.
    sb.gracefulShutdownTimeout(Duration.ofMillis(200), Duration.ofSeconds(5));
    boolean onEventLoop = config.inferenceThreads() == ServeConfig.InferenceThreads.EVENT_LOOP;
    new OipRestService(registry, METADATA, onEventLoop).addRoutes(sb);
    sb.service(
        GrpcService.builder()
            .addService(ServerInterceptors.intercept(new OipGrpcService(registry, METADATA), new InternalModelName()))
            .maxRequestMessageLength(Math.toIntExact(Math.min(config.maxRequestBytes(), Integer.MAX_VALUE)))
            .useBlockingTaskExecutor(!onEventLoop)
            .build());
  }

  /** The bound port (useful when the config asked for port 0). */
  public int port() {
    return server.activeLocalPort();
  }

  @Override
  public void close() {
    server.stop().join();
  }

  private static String versionOfThisBuild() {
    String version = OipServer.class.getPackage().getImplementationVersion();
    return version != null ? version : "0.1.0-SNAPSHOT";
  }
}
