package io.trantor.control.testing;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.trantor.control.ControlConfig;
import io.trantor.control.ControlPlane;
import io.trantor.control.EmbeddedTemporal;
import io.trantor.control.ServerReplicas;
import io.trantor.dsl.Server;
import io.trantor.protocol.control.ControlPlaneGrpc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real control plane for each test: the embedded Temporal test server and a {@link ControlPlane}
 * on free loopback ports, plus gRPC clients. Servers are not started; {@link #scaled()} records what
 * the control plane asked for. {@link #withSpecStore()} keeps specs in a temp dir so
 * {@link #restart()} can show them coming back.
 */
public final class ControlPlaneExtension implements BeforeEachCallback, AfterEachCallback {

  private final boolean specStore;
  private java.util.function.Supplier<io.trantor.kafka.KafkaSettings> kafka = () -> null;
  private final List<Server> scaled = new CopyOnWriteArrayList<>();
  private final ServerReplicas servers = scaled::add;
  private Path dataDir;
  private Duration agentRejoinGrace = ControlConfig.DEFAULT_AGENT_REJOIN_GRACE;
  private Duration orphanSweepInterval = ControlConfig.DEFAULT_ORPHAN_SWEEP_INTERVAL;
  private EmbeddedTemporal temporal;
  private ControlPlane control;
  private ManagedChannel channel;
  private WorkflowServiceStubs temporalStubs;

  private ControlPlaneExtension(boolean specStore) {
    this.specStore = specStore;
  }

  public static ControlPlaneExtension create() {
    return new ControlPlaneExtension(false);
  }

  public static ControlPlaneExtension withSpecStore() {
    return new ControlPlaneExtension(true);
  }

  /** Pipelines enabled, on the Kafka cluster the supplier names when each test starts. */
  public ControlPlaneExtension withKafka(java.util.function.Supplier<io.trantor.kafka.KafkaSettings> kafka) {
    this.kafka = kafka;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    if (specStore) {
      dataDir = Files.createTempDirectory("trantor-control-test");
    }
    start();
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    stop();
    if (dataDir != null) {
      try (Stream<Path> files = Files.walk(dataDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private void start() {
    temporal = EmbeddedTemporal.start("127.0.0.1", 0);
    startControlPlane();
  }

  private void startControlPlane() {
    control = ControlPlane.start(
        new ControlConfig("127.0.0.1", 0, temporal.target(), "default", dataDir, kafka.get())
            .withAgentRejoinGrace(agentRejoinGrace)
            .withOrphanSweepInterval(orphanSweepInterval), servers);
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", control.port()).usePlaintext().build();
  }

  /** After a restart, how long the control plane waits for expected replicas (default 15 s). */
  public ControlPlaneExtension withAgentRejoinGrace(Duration grace) {
    this.agentRejoinGrace = grace;
    return this;
  }

  /** How often the control plane asks agents what they hold (default 10 s). */
  public ControlPlaneExtension withOrphanSweepInterval(Duration interval) {
    this.orphanSweepInterval = interval;
    return this;
  }

  /**
   * Stops the control plane only and starts a new one on the same Temporal service (whose
   * workflows go on), as after a crash of the control-plane process.
   */
  public void restartControlPlane() {
    channel.shutdownNow();
    control.close();
    startControlPlane();
  }

  private void stop() {
    if (temporalStubs != null) {
      temporalStubs.shutdownNow();
      temporalStubs = null;
    }
    if (channel != null) {
      channel.shutdownNow();
      try {
        channel.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (control != null) {
      control.close();
    }
    if (temporal != null) {
      temporal.close();
    }
  }

  /** Stops the control plane and its Temporal (which forgets everything), then starts new ones. */
  public void restart() {
    stop();
    start();
  }

  public ControlPlaneGrpc.ControlPlaneBlockingStub client() {
    return ControlPlaneGrpc.newBlockingStub(channel);
  }

  public ControlPlaneGrpc.ControlPlaneStub asyncClient() {
    return ControlPlaneGrpc.newStub(channel);
  }

  public ControlPlane controlPlane() {
    return control;
  }

  public int port() {
    return control.port();
  }

  public URI httpUri(String path) {
    return URI.create("http://127.0.0.1:" + control.port() + path);
  }

  /** A Temporal client on the embedded server (to read workflow histories). */
  public WorkflowClient workflowClient() {
    if (temporalStubs == null) {
      temporalStubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    }
    return WorkflowClient.newInstance(temporalStubs, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  /** Every Server the control plane asked to scale, in order. */
  public List<Server> scaled() {
    return List.copyOf(scaled);
  }

  public Path dataDir() {
    if (dataDir == null) {
      throw new UncheckedIOException(new IOException("this extension keeps no specs; use withSpecStore()"));
    }
    return dataDir;
  }
}
