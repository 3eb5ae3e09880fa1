package io.trantor.control;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporal's Java test server in this process, bound to one loopback port (shared reference,
 * temporal-spike.md): real time, no persistence, no visibility APIs (so no Web UI and no
 * {@code temporal workflow list}; use {@code --temporal dev} for those).
 */
public final class EmbeddedTemporal implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedTemporal.class);

  private final TestServicesStarter services;
  private final Server server;
  private final String target;

  private EmbeddedTemporal(TestServicesStarter services, Server server, String target) {
    this.services = services;
    this.server = server;
    this.target = target;
  }

  /** Starts it on {@code host:port}; port 0 picks a free port. */
  public static EmbeddedTemporal start(String host, int port) {
    // lockTimeSkipping = true: real time, as a service for real workers must be.
    TestServicesStarter services = new TestServicesStarter(true, 0);
    try {
      NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, port));
      GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
      Server server = builder.build().start();
      String target = host + ":" + server.getPort();
      log.info("Embedded Temporal (test server, not durable) listening on {}", target);
      return new EmbeddedTemporal(services, server, target);
    } catch (IOException e) {
      services.close();
      throw new UncheckedIOException("cannot start embedded Temporal on " + host + ":" + port, e);
    } catch (RuntimeException e) {
      services.close();
      throw e;
    }
  }

  /** host:port for Temporal clients. */
  public String target() {
    return target;
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    services.close();
    log.info("Embedded Temporal on {} stopped", target);
  }
}
