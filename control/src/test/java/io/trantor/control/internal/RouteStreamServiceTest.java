package io.trantor.control.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.trantor.control.live.RouteTable;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteServiceGrpc;
import io.trantor.protocol.control.WatchRoutesRequest;
import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.ReplicaTarget;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteStreamServiceTest {
  private final RouteTable table = new RouteTable();
  private final RouteStreamService service = new RouteStreamService(table);
  private final BlockingQueue<RouteBatch> received = new LinkedBlockingQueue<>();
  private final BlockingQueue<Status> ended = new LinkedBlockingQueue<>();
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void setUp() {
    server = Server.builder()
        .http(new InetSocketAddress("127.0.0.1", 0))
        .service(GrpcService.builder().addService(service).build())
        .build();
    server.start().join();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.activeLocalPort()).usePlaintext().build();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.stop();
  }

  private void watch(String namespace) {
    watch(WatchRoutesRequest.newBuilder().setNamespace(namespace).setGateway("test").build());
  }

  private void watch(WatchRoutesRequest request) {
    RouteServiceGrpc.newStub(channel).watchRoutes(request,
        new StreamObserver<>() {
          @Override
          public void onNext(RouteBatch batch) {
            received.add(batch);
          }

          @Override
          public void onError(Throwable t) {
            ended.add(Status.fromThrowable(t));
          }

          @Override
          public void onCompleted() {
            ended.add(Status.OK);
          }
        });
  }

  private RouteBatch next() throws InterruptedException {
    RouteBatch batch = received.poll(10, TimeUnit.SECONDS);
    assertThat(batch).as("a route batch within 10 s").isNotNull();
    return batch;
  }

  @Test
  void sendsTheWholeTableThenEachChange() throws InterruptedException {
    table.publish(new ModelRoute("default", "iris", 1, List.of(new ReplicaTarget("mlserver", 0, "10.0.0.1:9500"))));
    table.publish(new ModelRoute("other", "wine", 3, List.of()));
    watch("default");

    RouteBatch full = next();
    assertThat(full.getFull()).isTrue();
    assertThat(full.getUpdatesList()).singleElement().satisfies(u -> {
      assertThat(u.getModel()).isEqualTo("iris");
      assertThat(u.getVersion()).isEqualTo(1);
      assertThat(u.getEndpoints(0).getEndpoint()).isEqualTo("10.0.0.1:9500");
      assertThat(u.getEndpoints(0).getServer()).isEqualTo("mlserver");
    });

    table.publish(new ModelRoute("default", "iris", 2, List.of(new ReplicaTarget("mlserver", 1, "10.0.0.2:9500"))));
    RouteBatch change = next();
    assertThat(change.getFull()).isFalse();
    assertThat(change.getUpdates(0).getVersion()).isEqualTo(2);

    table.publish(new ModelRoute("other", "wine", 4, List.of()));
    table.remove("default", "iris");
    RouteBatch removal = next();
    assertThat(removal.getUpdates(0).getModel()).isEqualTo("iris");
    assertThat(removal.getUpdates(0).getRemoved()).isTrue();
  }

  @Test
  void endsStreamsOnCloseAndForgetsCancelledWatchers() throws InterruptedException {
    watch("");
    assertThat(next().getFull()).isTrue();
    service.close();
    Status status = ended.poll(10, TimeUnit.SECONDS);
    assertThat(status).isNotNull();
    assertThat(status.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    // The closed watcher no longer listens: a change reaches nobody and breaks nothing.
    table.publish(new ModelRoute("default", "iris", 1, List.of()));
    await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(received::isEmpty);
  }

  @Test
  void carriesExperimentsInTheTableAndAsChanges() throws InterruptedException {
    table.publishExperiment(new ExperimentRoute("default", "ab", "iris",
        List.of(new ExperimentRoute.Candidate("iris", 50), new ExperimentRoute.Candidate("iris2", 50)),
        new ExperimentRoute.Mirror("iris3", 10)));
    watch("default");

    RouteBatch full = next();
    assertThat(full.getFull()).isTrue();
    assertThat(full.getUpdatesList()).singleElement().satisfies(u -> {
      assertThat(u.hasExperiment()).isTrue();
      assertThat(u.getModel()).isEmpty();
      assertThat(u.getExperiment().getName()).isEqualTo("ab");
      assertThat(u.getExperiment().getDefaultModel()).isEqualTo("iris");
      assertThat(u.getExperiment().getCandidatesList()).extracting(c -> c.getModel() + ":" + c.getWeight())
          .containsExactly("iris:50", "iris2:50");
      assertThat(u.getExperiment().getMirror().getModel()).isEqualTo("iris3");
      assertThat(u.getExperiment().getMirror().getPercent()).isEqualTo(10);
    });

    table.removeExperiment("default", "ab");

    assertThat(next().getUpdatesList()).singleElement().satisfies(u -> {
      assertThat(u.getRemoved()).isTrue();
      assertThat(u.getExperiment().getName()).isEqualTo("ab");
    });
  }

  @Test
  void aGatewayThatResumesWithItsEpochAndVersionGetsOnlyWhatItMissed() throws InterruptedException {
    table.publish(new ModelRoute("default", "iris", 1, List.of(new ReplicaTarget("mlserver", 0, "10.0.0.1:9500"))));
    watch("");
    RouteBatch full = next();
    assertThat(full.getFull()).isTrue();
    assertThat(full.getEpoch()).isNotEmpty();

    table.publish(new ModelRoute("default", "wine", 1, List.of()));
    assertThat(next().getVersion()).isEqualTo(full.getVersion() + 1);

    watch(WatchRoutesRequest.newBuilder().setGateway("test").setEpoch(full.getEpoch())
        .setAfterVersion(full.getVersion()).build());
    RouteBatch resumed = next();
    assertThat(resumed.getFull()).isFalse();
    assertThat(resumed.getUpdatesList()).extracting(u -> u.getModel()).containsExactly("wine");
    assertThat(resumed.getVersion()).isEqualTo(full.getVersion() + 1);

    watch(WatchRoutesRequest.newBuilder().setGateway("test").setEpoch("a-control-plane-before-a-restart")
        .setAfterVersion(full.getVersion()).build());
    RouteBatch startedOver = next();
    assertThat(startedOver.getFull()).isTrue();
    assertThat(startedOver.getUpdatesList()).extracting(u -> u.getModel()).containsExactly("iris", "wine");
  }
}
