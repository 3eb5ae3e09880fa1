package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.stub.StreamObserver;
import io.trantor.kafka.KafkaSettings;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ApplyResponse;
import io.trantor.protocol.control.ClusterInfo;
import io.trantor.protocol.control.ClusterInfoRequest;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.DeleteResponse;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.ListResponse;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/** The {@code ControlPlane} gRPC service over {@link ControlApi}; WatchStatus polls the status. */
public final class ControlGrpcService extends ControlPlaneGrpc.ControlPlaneImplBase implements AutoCloseable {

  private final ControlApi api;
  private final Duration pollInterval;
  private final ClusterInfo clusterInfo;
  private final ScheduledExecutorService watches =
      Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("trantor-watch-", 0).daemon().factory());

  /** @param kafka the cluster pipelines run on, or null when there is none */
  public ControlGrpcService(ControlApi api, Duration pollInterval, KafkaSettings kafka) {
    this.api = requireNonNull(api, "api");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval");
    this.clusterInfo = kafka == null
        ? ClusterInfo.getDefaultInstance()
        : ClusterInfo.newBuilder()
            .setKafkaBootstrapServers(kafka.bootstrapServers())
            .setKafkaTopicPrefix(kafka.topicPrefix())
            .setKafkaConsumerGroupPrefix(kafka.consumerGroupPrefix())
            .setKafkaSecurityProtocol(String.valueOf(kafka.security().clientProperties().get("security.protocol")))
            .build();
  }

  @Override
  public void getClusterInfo(ClusterInfoRequest request, StreamObserver<ClusterInfo> observer) {
    observer.onNext(clusterInfo);
    observer.onCompleted();
  }

  @Override
  public void apply(ApplyRequest request, StreamObserver<ApplyResponse> observer) {
    GrpcErrors.unary(observer, () -> api.apply(request));
  }

  @Override
  public void drainReplica(io.trantor.protocol.control.DrainReplicaRequest request,
      StreamObserver<io.trantor.protocol.control.DrainReplicaResponse> observer) {
    GrpcErrors.unary(observer, () -> api.drainReplica(request));
  }

  @Override
  public void delete(DeleteRequest request, StreamObserver<DeleteResponse> observer) {
    GrpcErrors.unary(observer, () -> api.delete(request));
  }

  @Override
  public void getStatus(ResourceRef request, StreamObserver<ResourceStatus> observer) {
    GrpcErrors.unary(observer, () -> api.status(request));
  }

  @Override
  public void list(ListRequest request, StreamObserver<ListResponse> observer) {
    GrpcErrors.unary(observer, () -> api.list(request));
  }

  /** The current status, then each change (polled), until the client cancels or the resource is gone. */
  @Override
  public void watchStatus(ResourceRef request, StreamObserver<ResourceStatus> observer) {
    ResourceStatus first;
    try {
      first = api.status(request);
    } catch (RuntimeException e) {
      observer.onError(GrpcErrors.toStatus(e));
      return;
    }
    AtomicReference<ResourceStatus> last = new AtomicReference<>(first);
    PolledStream.start(watches, pollInterval, observer, () -> observer.onNext(first), () -> {
      try {
        ResourceStatus now = api.status(request);
        if (!now.equals(last.get())) {
          last.set(now);
          observer.onNext(now);
        }
        return true;
      } catch (ControlException.NotFound gone) {
        observer.onCompleted();
        return false;
      } catch (RuntimeException e) {
        observer.onError(GrpcErrors.toStatus(e));
        return false;
      }
    });
  }

  @Override
  public void close() {
    watches.shutdownNow();
  }
}
