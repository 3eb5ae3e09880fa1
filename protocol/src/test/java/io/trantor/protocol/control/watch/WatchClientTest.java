package io.trantor.protocol.control.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.trantor.protocol.control.RouteBatch;
import io.trantor.protocol.control.RouteServiceGrpc;
import io.trantor.protocol.control.RouteUpdate;
import io.trantor.protocol.control.WatchRoutesRequest;
import io.trantor.protocol.control.WatchPipelinesRequest;
import io.trantor.protocol.control.PipelineBatch;
import io.trantor.protocol.control.PipelineServiceGrpc;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WatchClientTest {
  private final BlockingQueue<WatchRoutesRequest> requests = new LinkedBlockingQueue<>();
  private Server server;

  @AfterEach
  void stop() throws InterruptedException {
    if (server != null) {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Each call gets one numbered full batch, then the stream breaks, so the client reconnects. */
  private String serveRoutes() throws Exception {
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).directExecutor().addService(new RouteServiceGrpc.RouteServiceImplBase() {
      private long version;

      @Override
      public void watchRoutes(WatchRoutesRequest request, StreamObserver<RouteBatch> observer) {
        requests.add(request);
        version += 10;
        observer.onNext(RouteBatch.newBuilder().setFull(true).setEpoch("e1").setVersion(version)
            .addUpdates(RouteUpdate.newBuilder().setModel("m" + version)).build());
        observer.onError(Status.UNAVAILABLE.withDescription("control plane restarting").asRuntimeException());
      }
    }).build().start();
    return name;
  }

  @Test
  void reconnectsWithItsIdAndTheLastPositionItApplied() throws Exception {
    String name = serveRoutes();
    List<RouteBatch> batches = new CopyOnWriteArrayList<>();
    try (WatchClient<WatchRoutesRequest, RouteBatch> client = new WatchClient<WatchRoutesRequest, RouteBatch>(
        "route", name, "gateway-7", InProcessChannelBuilder.forName(name).directExecutor().build(),
        (channel, id, from, observer) -> RouteServiceGrpc.newStub(channel).watchRoutes(WatchRoutesRequest.newBuilder()
            .setGateway(id).setEpoch(from.epoch()).setAfterVersion(from.version()).build(), observer),
        batch -> new StreamPosition(batch.getEpoch(), batch.getVersion()), batches::add,
        new Backoff(Duration.ofMillis(1), Duration.ofMillis(5))).start()) {
      WatchRoutesRequest first = requests.poll(5, TimeUnit.SECONDS);
      WatchRoutesRequest second = requests.poll(5, TimeUnit.SECONDS);
      assertThat(first.getGateway()).isEqualTo("gateway-7");
      assertThat(first.getEpoch()).isEmpty();
      assertThat(first.getAfterVersion()).isZero();
      assertThat(second.getGateway()).isEqualTo("gateway-7");
      assertThat(second.getEpoch()).isEqualTo("e1");
      assertThat(second.getAfterVersion()).isEqualTo(10);
      assertThat(batches.getFirst().getUpdates(0).getModel()).isEqualTo("m10");
    }
  }

  @Test
  void anUnnumberedBatchLeavesThePositionAlone() {
    StreamPosition at = new StreamPosition("e1", 4);
    assertThat(at.after("", 0)).isEqualTo(at);
    assertThat(at.after("e2", 1)).isEqualTo(new StreamPosition("e2", 1));
  }

  @Test
  void backoffDoublesUpToItsMaximumAndStartsOverAfterReset() {
    Backoff backoff = new Backoff();
    assertThat(List.of(backoff.nextMillis(), backoff.nextMillis(), backoff.nextMillis(), backoff.nextMillis(),
        backoff.nextMillis(), backoff.nextMillis(), backoff.nextMillis())).containsExactly(100L, 200L, 400L, 800L,
        1600L, 3200L, 5000L);
    backoff.reset();
    assertThat(backoff.nextMillis()).isEqualTo(100L);
  }

  @Test
  void aControlPlaneThatIsNotThereIsRetriedUntilItComes() throws Exception {
    String name = InProcessServerBuilder.generateName();
    BlockingQueue<WatchPipelinesRequest> seen = new LinkedBlockingQueue<>();
    List<PipelineBatch> batches = new CopyOnWriteArrayList<>();
    java.util.concurrent.CountDownLatch attempts = new java.util.concurrent.CountDownLatch(3);
    try (WatchClient<WatchPipelinesRequest, PipelineBatch> client = new WatchClient<WatchPipelinesRequest, PipelineBatch>(
        "pipeline", name, "gateway-8", InProcessChannelBuilder.forName(name).directExecutor().build(),
        (channel, id, from, observer) -> {
          attempts.countDown();
          PipelineServiceGrpc.newStub(channel).watchPipelines(
              WatchPipelinesRequest.newBuilder().setGateway(id).build(), observer);
        },
        batch -> StreamPosition.NONE, batches::add, new Backoff(Duration.ofMillis(1), Duration.ofMillis(5))).start()) {
      assertThat(attempts.await(10, TimeUnit.SECONDS)).as("a few failed attempts: no server yet").isTrue();
      server = InProcessServerBuilder.forName(name).directExecutor().addService(new PipelineServiceGrpc.PipelineServiceImplBase() {
        @Override
        public void watchPipelines(WatchPipelinesRequest request, StreamObserver<PipelineBatch> observer) {
          seen.add(request);
          observer.onNext(PipelineBatch.newBuilder().setFull(true).build());
        }
      }).build().start();
      assertThat(seen.poll(5, TimeUnit.SECONDS).getGateway()).isEqualTo("gateway-8");
      assertThat(client.clientId()).isEqualTo("gateway-8");
    }
  }
}
