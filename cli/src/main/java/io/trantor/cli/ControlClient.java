package io.trantor.cli;

import io.grpc.ManagedChannel;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.trantor.security.ClientTlsFiles;
import java.util.Optional;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ApplyResponse;
import io.trantor.protocol.control.ClusterInfo;
import io.trantor.protocol.control.ClusterInfoRequest;
import io.trantor.protocol.control.ControlPlaneGrpc;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.DeleteResponse;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The CLI's connection to the control plane. Turns gRPC failures into one-line
 * {@link CommandFailure}s with the matching exit code.
 */
final class ControlClient implements AutoCloseable {
  private final String target;
  private final ManagedChannel channel;
  private final ControlPlaneGrpc.ControlPlaneBlockingStub stub;

  private final boolean tokenSent;

  ControlClient(String target) {
    this(target, ClientTlsFiles.NONE, Optional.empty());
  }

  /**
   * @param tls how to reach the control plane (its CA, a client certificate)
   * @param token sent as {@code authorization: Bearer} on every call when present
   */
  ControlClient(String target, ClientTlsFiles tls, Optional<String> token) {
    this.target = target;
    this.tokenSent = token.isPresent();
    this.channel = Grpc.newChannelBuilder(target, tls.channelCredentials()).build();
    ControlPlaneGrpc.ControlPlaneBlockingStub plain = ControlPlaneGrpc.newBlockingStub(channel);
    this.stub = token.map(t -> {
      Metadata headers = new Metadata();
      headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + t);
      return plain.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }).orElse(plain);
  }

  ApplyResponse apply(String manifest, String source) {
    return call(
        () -> stub.apply(ApplyRequest.newBuilder().setManifest(manifest).setSource(source).build()));
  }

  DeleteResponse delete(String manifest) {
    return call(() -> stub.delete(DeleteRequest.newBuilder().setManifest(manifest).build()));
  }

  DeleteResponse delete(ResourceRef ref) {
    return call(() -> stub.delete(DeleteRequest.newBuilder().addRefs(ref).build()));
  }

  ResourceStatus status(ResourceRef ref) {
    return call(() -> stub.getStatus(ref));
  }

  /** Where the control plane's pipelines run (Kafka address and prefixes). */
  ClusterInfo clusterInfo() {
    return call(() -> stub.getClusterInfo(ClusterInfoRequest.getDefaultInstance()));
  }

  List<ResourceStatus> list(String kind) {
    return call(() -> stub.list(ListRequest.newBuilder().setKind(kind).build()).getItemsList());
  }

  /** Status changes until the deadline; the iterator throws {@link CommandFailure} on errors. */
  Iterator<ResourceStatus> watch(ResourceRef ref, long timeoutMillis) {
    Iterator<ResourceStatus> it =
        call(() -> stub.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS).watchStatus(ref));
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return call(it::hasNext);
      }

      @Override
      public ResourceStatus next() {
        return call(it::next);
      }
    };
  }

  /** Drains one replica of a Server; answers once it is released (or the grace period ended). */
  io.trantor.protocol.control.DrainReplicaResponse drain(String namespace, String server, int replicaIndex) {
    return call(() -> stub.drainReplica(io.trantor.protocol.control.DrainReplicaRequest.newBuilder()
        .setNamespace(namespace).setServer(server).setReplicaIndex(replicaIndex).build()));
  }

  static ResourceRef ref(String kind, String namespace, String name) {
    return ResourceRef.newBuilder().setKind(kind).setNamespace(namespace).setName(name).build();
  }

  private <T> T call(Supplier<T> rpc) {
    try {
      return rpc.get();
    } catch (StatusRuntimeException e) {
      throw failure(e.getStatus());
    }
  }

  private CommandFailure failure(Status status) {
    String description = status.getDescription() == null ? status.getCode().toString() : status.getDescription();
    return switch (status.getCode()) {
      case INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS ->
          new CommandFailure(ExitCode.INVALID_INPUT, description);
      case NOT_FOUND -> new CommandFailure(ExitCode.NOT_FOUND, description);
      case UNAUTHENTICATED ->
          new CommandFailure(
              ExitCode.UNAUTHENTICATED,
              "the control plane at " + target + " refused the call: " + description
                  + (tokenSent ? " (check --token-file / TRANTOR_CONTROL_TOKEN)"
                      // a Trantor control plane names the flag itself; another one may not
                      : description.contains("--token-file") ? ""
                      : " (it needs a token: pass --token-file FILE or set TRANTOR_CONTROL_TOKEN)"));
      case DEADLINE_EXCEEDED -> new CommandFailure(ExitCode.TIMEOUT, "timed out: " + description);
      case UNAVAILABLE ->
          new CommandFailure(
              ExitCode.UNAVAILABLE,
              "cannot reach the control plane at " + target
                  + " (is `trantor up` running? set --control or TRANTOR_CONTROL; with TLS, --tls-ca or TRANTOR_TLS_CA)");
      default -> new CommandFailure(ExitCode.FAILURE, status.getCode() + ": " + description);
    };
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
