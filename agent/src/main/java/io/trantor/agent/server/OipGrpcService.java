package io.trantor.agent.server;

import io.grpc.stub.StreamObserver;
import io.trantor.agent.ModelRegistry;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.ServerMetadata;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelMetadataRequest;
import io.trantor.protocol.grpc.ModelMetadataResponse;
import io.trantor.protocol.grpc.ModelReadyRequest;
import io.trantor.protocol.grpc.ModelReadyResponse;
import io.trantor.protocol.grpc.ProtoCodec;
import io.trantor.protocol.grpc.RepositoryIndexRequest;
import io.trantor.protocol.grpc.RepositoryIndexResponse;
import io.trantor.protocol.grpc.RepositoryModelLoadRequest;
import io.trantor.protocol.grpc.RepositoryModelLoadResponse;
import io.trantor.protocol.grpc.RepositoryModelUnloadRequest;
import io.trantor.protocol.grpc.RepositoryModelUnloadResponse;
import io.trantor.protocol.grpc.ServerLiveRequest;
import io.trantor.protocol.grpc.ServerLiveResponse;
import io.trantor.protocol.grpc.ServerMetadataRequest;
import io.trantor.protocol.grpc.ServerMetadataResponse;
import io.trantor.protocol.grpc.ServerReadyRequest;
import io.trantor.protocol.grpc.ServerReadyResponse;
import java.util.function.Supplier;

/**
 * {@code inference.GRPCInferenceService} over a {@link ModelRegistry}. A response uses raw
 * contents when the request did (as tritonclient sends and expects) and typed contents otherwise
 * (readable in grpcurl), so every client gets the form it spoke.
 */
final class OipGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

  private final ModelRegistry registry;
  private final ServerMetadataResponse serverMetadata;

  OipGrpcService(ModelRegistry registry, ServerMetadata serverMetadata) {
    this.registry = registry;
    this.serverMetadata = ProtoCodec.toProto(serverMetadata);
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
    reply(out, () -> ServerLiveResponse.newBuilder().setLive(true).build());
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
    reply(out, () -> ServerReadyResponse.newBuilder().setReady(true).build());
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
    reply(
        out,
        () ->
            ModelReadyResponse.newBuilder()
                .setReady(registry.isReady(request.getName(), emptyToNull(request.getVersion())))
                .build());
  }

  @Override
  public void serverMetadata(
      ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> out) {
    reply(out, () -> serverMetadata);
  }

  @Override
  public void modelMetadata(
      ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
    reply(
        out,
        () ->
            ProtoCodec.toProto(
                registry.metadata(request.getName(), emptyToNull(request.getVersion()))));
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
    reply(out, () -> infer(request));
  }

  @Override
  public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelInferResponse> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(ModelInferRequest request) {
        try {
          out.onNext(infer(request));
        } catch (RuntimeException e) {
          fail(out, e);
        }
      }

      @Override
      public void onError(Throwable t) {
        // The client went away; nothing to answer.
      }

      @Override
      public void onCompleted() {
        out.onCompleted();
      }
    };
  }

  @Override
  public void repositoryIndex(
      RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> out) {
    reply(out, () -> ProtoCodec.toProto(registry.index(request.getReady())));
  }

  @Override
  public void repositoryModelLoad(
      RepositoryModelLoadRequest request, StreamObserver<RepositoryModelLoadResponse> out) {
    reply(
        out,
        () -> {
          registry.load(request.getModelName());
          return RepositoryModelLoadResponse.getDefaultInstance();
        });
  }

  @Override
  public void repositoryModelUnload(
      RepositoryModelUnloadRequest request, StreamObserver<RepositoryModelUnloadResponse> out) {
    reply(
        out,
        () -> {
          registry.unload(request.getModelName());
          return RepositoryModelUnloadResponse.getDefaultInstance();
        });
  }

  private ModelInferResponse infer(ModelInferRequest request) {
    InferenceRequest decoded = ProtoCodec.fromProto(request);
    String name = InternalModelName.or(decoded.modelName());
    if (!name.equals(decoded.modelName())) {
      decoded = new InferenceRequest(name, decoded.modelVersion(), decoded.id(), decoded.parameters(),
          decoded.inputs(), decoded.outputs());
    }
    // Triton-format models answer as Triton does (raw contents); others mirror the request's form.
    boolean raw = request.getRawInputContentsCount() > 0 || registry.answersLikeTriton(name);
    return ProtoCodec.toProto(registry.infer(decoded), raw);
  }

  private static <T> void reply(StreamObserver<T> out, Supplier<T> call) {
    T response;
    try {
      response = call.get();
    } catch (RuntimeException e) {
      fail(out, e);
      return;
    }
    out.onNext(response);
    out.onCompleted();
  }

  private static void fail(StreamObserver<?> out, RuntimeException e) {
    out.onError(OipErrorHandler.grpcStatus(e).asRuntimeException());
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
