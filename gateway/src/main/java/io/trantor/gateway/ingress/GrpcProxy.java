package io.trantor.gateway.ingress;

import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.trantor.protocol.OipException;
import io.trantor.protocol.ServerMetadata;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelMetadataRequest;
import io.trantor.protocol.grpc.ModelMetadataResponse;
import io.trantor.protocol.grpc.ModelReadyRequest;
import io.trantor.protocol.grpc.ModelReadyResponse;
import io.trantor.protocol.grpc.ProtoCodec;
import io.trantor.protocol.grpc.ServerLiveRequest;
import io.trantor.protocol.grpc.ServerLiveResponse;
import io.trantor.protocol.grpc.ServerMetadataRequest;
import io.trantor.protocol.grpc.ServerMetadataResponse;
import io.trantor.protocol.grpc.ServerReadyRequest;
import io.trantor.protocol.grpc.ServerReadyResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * {@code inference.GRPCInferenceService} at the gateway: server health and metadata answered here;
 * ModelInfer, ModelReady and ModelMetadata sent to a replica of the routed model with the model
 * name set to {@code <model>_<version>}. Other calls are UNIMPLEMENTED (repository calls are
 * the agent's business).
 */
final class GrpcProxy extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
  private final GatewayRoutes routes;
  private final LeastOutstanding balancer;
  private final InferMetrics metrics;
  private final ProxySettings config;
  private final PipelineEndpoint pipelines;
  private final ServerMetadataResponse serverMetadata;

  GrpcProxy(GatewayRoutes routes, LeastOutstanding balancer, InferMetrics metrics, ProxySettings config,
      ServerMetadata serverMetadata, PipelineEndpoint pipelines) {
    this.routes = routes;
    this.pipelines = pipelines;
    this.balancer = balancer;
    this.metrics = metrics;
    this.config = config;
    this.serverMetadata = ProtoCodec.toProto(serverMetadata);
  }

  @Override
  public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> out) {
    out.onNext(ServerLiveResponse.newBuilder().setLive(true).build());
    out.onCompleted();
  }

  @Override
  public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> out) {
    out.onNext(ServerReadyResponse.newBuilder().setReady(true).build());
    out.onCompleted();
  }

  @Override
  public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> out) {
    out.onNext(serverMetadata);
    out.onCompleted();
  }

  @Override
  public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> out) {
    ServiceRequestContext ctx = ServiceRequestContext.current();
    PipelineRouting pipeline = pipelineOf(ctx, request.getModelName());
    if (pipeline != null) {
      pipelines.grpcInfer(ctx, pipeline, request, out);
      return;
    }
    forward(request.getModelName(), true, out, (target, stub) -> UnaryFuture.of(o ->
        stub.modelInfer(request.toBuilder().setModelName(target.internalName()).build(), o)));
  }

  @Override
  public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> out) {
    PipelineRouting pipeline = pipelineOf(ServiceRequestContext.current(), request.getName());
    if (pipeline != null) {
      pipelines.grpcReady(pipeline.pipeline(), out);
      return;
    }
    forward(request.getName(), false, out, (target, stub) -> UnaryFuture.of(o ->
        stub.modelReady(request.toBuilder().setName(target.internalName()).build(), o)));
  }

  @Override
  public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> out) {
    forward(request.getName(), false, out, (target, stub) -> UnaryFuture.of(o ->
        stub.modelMetadata(request.toBuilder().setName(target.internalName()).build(), o)));
  }

  /**
   * Where a call goes when it is for a pipeline ({@code Seldon-Model: <p>.pipeline} or a pipeline
   * experiment's {@code <e>.experiment}, else such a name in the message), or null.
   */
  private PipelineRouting pipelineOf(ServiceRequestContext ctx, String named) {
    String header = ctx.request().headers().get(GatewayRoutes.SELDON_MODEL);
    String requested = header != null && !header.isBlank() ? header.trim() : named;
    return pipelines.routing(requested, ctx.request().headers());
  }

  private <T> ReplicaCall<T> call(ModelTarget target,
      BiFunction<ModelTarget, GRPCInferenceServiceStub, CompletableFuture<T>> send) {
    long timeoutMillis = config.timeoutFor(target.model()).toMillis();
    return new ReplicaCall<>(target, balancer, replica ->
        send.apply(target, replica.upstream().grpc().withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS)));
  }

  private <T> void forward(String named, boolean infer, StreamObserver<T> out,
      BiFunction<ModelTarget, GRPCInferenceServiceStub, CompletableFuture<T>> send) {
    long start = System.nanoTime();
    ServiceRequestContext ctx = ServiceRequestContext.current();
    String header = ctx.request().headers().get(GatewayRoutes.SELDON_MODEL);
    String requested = header != null && !header.isBlank() ? header.trim() : named;
    Routing routing;
    try {
      routing = routes.resolve(header, named, ctx.request().headers().getAll(RestProxy.X_SELDON_ROUTE));
    } catch (OipException e) {
      Status status = OipErrorHandler.grpcStatus(e);
      if (infer) {
        metrics.record(requested, null, null, InferMetrics.GRPC, InferMetrics.GRPC,
            InferMetrics.grpcCode(status.getCode()), System.nanoTime() - start);
      }
      out.onError(status.asRuntimeException());
      return;
    }
    ModelTarget target = routing.target();
    ctx.addAdditionalResponseHeader(RestProxy.X_SELDON_ROUTE, target.seldonRoute());
    ReplicaCall<T> call = call(target, send);
    if (infer && routing.mirror() != null) {
      // Fire-and-forget: the mirror's answer is dropped and never delays or fails the request.
      ModelTarget mirror = routing.mirror();
      ReplicaCall<T> copy = call(mirror, send);
      copy.run().whenComplete((response, error) -> metrics.record(mirror.model(), mirror, copy.replica(),
          InferMetrics.GRPC, InferMetrics.GRPC,
          InferMetrics.grpcCode(error == null ? Status.Code.OK : OipErrorHandler.grpcStatus(error).getCode()),
          System.nanoTime() - start));
    }
    call.run().whenComplete((response, error) -> {
      Status status = error == null ? Status.OK : OipErrorHandler.grpcStatus(error);
      if (infer) {
        metrics.record(requested, target, call.replica(), InferMetrics.GRPC, InferMetrics.GRPC,
            InferMetrics.grpcCode(status.getCode()), System.nanoTime() - start);
      }
      if (error == null) {
        out.onNext(response);
        out.onCompleted();
      } else {
        out.onError(status.asRuntimeException());
      }
    });
  }
}
