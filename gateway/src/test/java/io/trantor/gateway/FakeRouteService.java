package io.trantor.gateway;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.trantor.protocol.control.ExperimentCandidate;
import io.trantor.protocol.control.ExperimentMirror;
import io.trantor.protocol.control.ExperimentRouteUpdate;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteEndpoint;
import io.trantor.protocol.control.RouteServiceGrpc;
import io.trantor.protocol.control.RouteUpdate;
import io.trantor.protocol.control.WatchRoutesRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** The control plane's route stream, played by the test: a full table per subscriber, then each change. */
final class FakeRouteService extends RouteServiceGrpc.RouteServiceImplBase implements AutoCloseable {
  private final Map<String, RouteUpdate> table = new LinkedHashMap<>();
  private final List<StreamObserver<RouteBatch>> streams = new ArrayList<>();
  final AtomicInteger subscriptions = new AtomicInteger();
  private Server server;

  static FakeRouteService start() {
    FakeRouteService service = new FakeRouteService();
    service.server = Server.builder()
        .http(new InetSocketAddress("127.0.0.1", 0))
        .service(GrpcService.builder().addService(service).build())
        .gracefulShutdownTimeout(java.time.Duration.ZERO, java.time.Duration.ZERO)
        .connectionDrainDuration(java.time.Duration.ZERO)
        .build();
    service.server.start().join();
    return service;
  }

  String target() {
    return "127.0.0.1:" + server.activeLocalPort();
  }

  @Override
  public synchronized void watchRoutes(WatchRoutesRequest request, StreamObserver<RouteBatch> observer) {
    observer.onNext(RouteBatch.newBuilder().setFull(true).addAllUpdates(table.values()).build());
    streams.add(observer);
    subscriptions.incrementAndGet();
  }

  synchronized void publish(String model, long version, String... endpoints) {
    RouteUpdate.Builder update = RouteUpdate.newBuilder().setNamespace("default").setModel(model).setVersion(version);
    for (int i = 0; i < endpoints.length; i++) {
      update.addEndpoints(RouteEndpoint.newBuilder().setServer("mlserver").setReplicaIndex(i).setEndpoint(endpoints[i]));
    }
    table.put(model, update.build());
    send(update.build());
  }

  synchronized void remove(String model) {
    table.remove(model);
    send(RouteUpdate.newBuilder().setNamespace("default").setModel(model).setRemoved(true).build());
  }

  /**
   * Installs or replaces experiment {@code name}: {@code candidates} alternate model and weight
   * ({@code "iris", 50, "iris2", 50}); {@code defaultModel} and {@code mirror} may be null.
   */
  synchronized void publishExperiment(String name, String defaultModel, String mirror, int mirrorPercent,
      Object... candidates) {
    publish(false, name, defaultModel, mirror, mirrorPercent, candidates);
  }

  /** As {@link #publishExperiment}, between pipelines ({@code resourceType: pipeline}). */
  synchronized void publishPipelineExperiment(String name, String defaultPipeline, String mirror, int mirrorPercent,
      Object... candidates) {
    publish(true, name, defaultPipeline, mirror, mirrorPercent, candidates);
  }

  private void publish(boolean pipelines, String name, String defaultModel, String mirror, int mirrorPercent,
      Object... candidates) {
    ExperimentRouteUpdate.Builder experiment = ExperimentRouteUpdate.newBuilder().setName(name).setPipelines(pipelines);
    if (defaultModel != null) {
      experiment.setDefaultModel(defaultModel);
    }
    for (int i = 0; i < candidates.length; i += 2) {
      experiment.addCandidates(ExperimentCandidate.newBuilder()
          .setModel((String) candidates[i]).setWeight((Integer) candidates[i + 1]));
    }
    if (mirror != null) {
      experiment.setMirror(ExperimentMirror.newBuilder().setModel(mirror).setPercent(mirrorPercent));
    }
    RouteUpdate update = RouteUpdate.newBuilder().setNamespace("default").setExperiment(experiment).build();
    table.put(name + ".experiment", update);
    send(update);
  }

  synchronized void removeExperiment(String name) {
    table.remove(name + ".experiment");
    send(RouteUpdate.newBuilder().setNamespace("default").setRemoved(true)
        .setExperiment(ExperimentRouteUpdate.newBuilder().setName(name)).build());
  }

  /** Breaks every stream, as a control-plane restart would; the table stays. */
  synchronized void dropStreams() {
    streams.forEach(s -> s.onError(Status.UNAVAILABLE.withDescription("test drops the stream").asRuntimeException()));
    streams.clear();
  }

  private void send(RouteUpdate update) {
    RouteBatch batch = RouteBatch.newBuilder().addUpdates(update).build();
    streams.forEach(s -> s.onNext(batch));
  }

  @Override
  public void close() {
    dropStreams();
    // The port closes at once; the server's event loop ends ~2 s later, which tests need not wait for.
    server.stop();
  }
}
