package io.trantor.gateway;

import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.trantor.agent.ModelRegistry;
import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.agent.server.OipServer;
import io.trantor.agent.server.ServeConfig;
import io.trantor.agent.testing.FakeRuntime;
import io.trantor.agent.testing.ModelFolders;
import io.trantor.runtime.api.RuntimeRegistry;
import io.trantor.security.ListenerTls;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real upstream OIP server (the agent's {@link OipServer} over a {@link ModelRegistry} with a
 * {@link FakeRuntime} that echoes its inputs) holding the given {@code <model>_<version>} folders,
 * recording the path, headers and body of every request it receives.
 */
final class ReplicaServer implements AutoCloseable {
  private final RuntimeRegistry runtimes;
  private final ModelRegistry registry;
  private final Server server;
  final FakeRuntime fake = new FakeRuntime();
  final List<String> paths = new CopyOnWriteArrayList<>();
  final List<RequestHeaders> headers = new CopyOnWriteArrayList<>();
  /** Every request as it arrived, body byte for byte. */
  final List<Received> received = new CopyOnWriteArrayList<>();

  record Received(RequestHeaders headers, ByteArrayOutputStream body) {
    byte[] bytes() {
      return body.toByteArray();
    }
  }

  private ReplicaServer(Path root, ListenerTls tls, OpenTelemetry openTelemetry, String... models) {
    ModelFolders folders = new ModelFolders(root);
    for (String model : models) {
      folders.bare(model, fake.modelFileName(), "ok");
    }
    runtimes = new RuntimeRegistry(List.of(fake));
    registry = new ModelRegistry(new FileSystemModelRepository(root), runtimes);
    registry.loadAll();
    ServerBuilder sb = Server.builder();
    tls.bind(sb, new InetSocketAddress("127.0.0.1", 0));
    // Models run on a pool, so a test's slow model never holds the event loops the gateway shares.
    OipServer.configure(sb, registry, ServeConfig.forTests().withInferenceThreads(ServeConfig.InferenceThreads.POOL),
        openTelemetry);
    // Tests stop servers with clients still connected; no need to wait for them to leave.
    sb.connectionDrainDuration(Duration.ZERO);
    sb.decorator((delegate, ctx, req) -> {
      paths.add(ctx.path());
      headers.add(req.headers());
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      received.add(new Received(req.headers(), body));
      HttpRequest recorded = req.peekData(data -> body.writeBytes(data.array()));
      ctx.updateRequest(recorded);
      return delegate.serve(ctx, recorded);
    });
    server = sb.build();
    server.start().join();
  }

  static ReplicaServer start(Path root, String... models) {
    return new ReplicaServer(root, ListenerTls.PLAINTEXT, OpenTelemetry.noop(), models);
  }

  /** With the agent's SERVER spans, recorded by {@code openTelemetry}. */
  static ReplicaServer start(Path root, OpenTelemetry openTelemetry, String... models) {
    return new ReplicaServer(root, ListenerTls.PLAINTEXT, openTelemetry, models);
  }

  /** A replica serving TLS (mTLS with a client CA) as {@code tls} says. */
  static ReplicaServer startTls(Path root, ListenerTls tls, String... models) {
    return new ReplicaServer(root, tls, OpenTelemetry.noop(), models);
  }

  String endpoint() {
    return "127.0.0.1:" + server.activeLocalPort();
  }

  long inferCount() {
    return paths.stream().filter(p -> p.endsWith("/infer") || p.endsWith("ModelInfer")).count();
  }

  @Override
  public void close() throws Exception {
    // The port closes at once; Armeria's event loop then idles ~2 s before ending, which the test
    // need not wait for.
    server.stop();
    registry.close();
    runtimes.close();
  }
}
