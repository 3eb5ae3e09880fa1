package io.trantor.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The control plane's gRPC API as the benchmark uses it: apply a manifest, read a model's status. */
final class ControlClient implements AutoCloseable {
  static final String AVAILABLE = "ModelAvailable";

  private final ManagedChannel channel;
  private final ControlPlaneGrpc.ControlPlaneBlockingStub stub;

  ControlClient(String target) {
    channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
    stub = ControlPlaneGrpc.newBlockingStub(channel);
  }

  void apply(String manifest) {
    stub.apply(ApplyRequest.newBuilder().setManifest(manifest).setSource("bench").build());
  }

  /** The model's status, or null while the control plane does not know it yet. */
  ResourceStatus model(String name) {
    return status("Model", name);
  }

  /** A resource's status, or null while the control plane does not know it yet. */
  ResourceStatus status(String kind, String name) {
    try {
      return stub.getStatus(ResourceRef.newBuilder().setKind(kind).setNamespace("default").setName(name).build());
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return null;
      }
      throw e;
    }
  }

  List<ResourceStatus> models() {
    return stub.list(ListRequest.newBuilder().setKind("Model").setNamespace("default").build()).getItemsList();
  }

  /**
   * Polls GetStatus every {@code poll} until the model is ModelAvailable; returns System.nanoTime()
   * of the first status that showed it.
   */
  long awaitAvailable(String name, Duration poll, Duration timeout) throws TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "unknown";
    while (System.nanoTime() < deadline) {
      ResourceStatus status = model(name);
      long seen = System.nanoTime();
      if (status != null && AVAILABLE.equals(status.getState())) {
        return seen;
      }
      if (status != null) {
        last = status.getState() + " " + status.getReason();
      }
      Polling.pause(poll);
    }
    throw new TimeoutException(name + " not ModelAvailable after " + timeout + ": " + last);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
  }
}
