package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.trantor.dsl.Kind;
import io.trantor.dsl.Resource;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.seldon.scheduler.ControlPlaneResponse;
import io.trantor.protocol.seldon.scheduler.ControlPlaneSubscriptionRequest;
import io.trantor.protocol.seldon.scheduler.ExperimentStatusRequest;
import io.trantor.protocol.seldon.scheduler.ExperimentStatusResponse;
import io.trantor.protocol.seldon.scheduler.ExperimentSubscriptionRequest;
import io.trantor.protocol.seldon.scheduler.LoadModelRequest;
import io.trantor.protocol.seldon.scheduler.LoadModelResponse;
import io.trantor.protocol.seldon.scheduler.LoadPipelineRequest;
import io.trantor.protocol.seldon.scheduler.LoadPipelineResponse;
import io.trantor.protocol.seldon.scheduler.ModelStatusRequest;
import io.trantor.protocol.seldon.scheduler.ModelStatusResponse;
import io.trantor.protocol.seldon.scheduler.ModelSubscriptionRequest;
import io.trantor.protocol.seldon.scheduler.ModelUpdateStatusMessage;
import io.trantor.protocol.seldon.scheduler.ModelUpdateStatusResponse;
import io.trantor.protocol.seldon.scheduler.PipelineStatusRequest;
import io.trantor.protocol.seldon.scheduler.PipelineStatusResponse;
import io.trantor.protocol.seldon.scheduler.PipelineSubscriptionRequest;
import io.trantor.protocol.seldon.scheduler.SchedulerGrpc;
import io.trantor.protocol.seldon.scheduler.SchedulerStatusRequest;
import io.trantor.protocol.seldon.scheduler.SchedulerStatusResponse;
import io.trantor.protocol.seldon.scheduler.ServerNotifyRequest;
import io.trantor.protocol.seldon.scheduler.ServerNotifyResponse;
import io.trantor.protocol.seldon.scheduler.ServerStatusRequest;
import io.trantor.protocol.seldon.scheduler.ServerStatusResponse;
import io.trantor.protocol.seldon.scheduler.ServerSubscriptionRequest;
import io.trantor.protocol.seldon.scheduler.StartExperimentRequest;
import io.trantor.protocol.seldon.scheduler.StartExperimentResponse;
import io.trantor.protocol.seldon.scheduler.StopExperimentRequest;
import io.trantor.protocol.seldon.scheduler.StopExperimentResponse;
import io.trantor.protocol.seldon.scheduler.UnloadModelRequest;
import io.trantor.protocol.seldon.scheduler.UnloadModelResponse;
import io.trantor.protocol.seldon.scheduler.UnloadPipelineRequest;
import io.trantor.protocol.seldon.scheduler.UnloadPipelineResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seldon Core 2's {@code seldon.mlops.scheduler.Scheduler} on Trantor's control port, over the same
 * {@link ControlApi} as Trantor's own service: a {@code LoadModel} is the apply of the Model
 * manifest Seldon's operator would have made of it, so it runs the same validation and workflows.
 *
 * <p>Errors carry Seldon's status code: the scheduler answers every refused call, an unknown
 * resource included, with {@code FAILED_PRECONDITION} and a message. The status RPCs stream the
 * current state of one or all resources and end; the {@code Subscribe*} RPCs then keep streaming
 * one message per change (polled, as {@code WatchStatus} is). {@code ServerNotify} and
 * {@code ModelStatusEvent} are accepted and change nothing: in Trantor servers are {@code Server}
 * resources and gateways report on Trantor's own streams.
 */
public final class SeldonSchedulerService extends SchedulerGrpc.SchedulerImplBase implements AutoCloseable {
  private static final String DEFAULT_NAMESPACE = "default";

  private final ControlApi api;
  private final Duration pollInterval;
  private final String version;
  private final ScheduledExecutorService subscriptions =
      Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("trantor-seldon-subscriptions-", 0).daemon().factory());

  /** @param version what {@code SchedulerStatus} answers as {@code applicationVersion} */
  public SeldonSchedulerService(ControlApi api, Duration pollInterval, String version) {
    this.api = requireNonNull(api, "api");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval");
    this.version = requireNonNull(version, "version");
  }

  // ------------------------------------------------------------------ changes

  @Override
  public void loadModel(LoadModelRequest request, StreamObserver<LoadModelResponse> out) {
    unary(out, () -> {
      apply(SeldonManifests.model(request.getModel()), "LoadModel");
      return LoadModelResponse.getDefaultInstance();
    });
  }

  @Override
  public void unloadModel(UnloadModelRequest request, StreamObserver<UnloadModelResponse> out) {
    unary(out, () -> {
      String namespace = request.hasKubernetesMeta() ? request.getKubernetesMeta().getNamespace() : "";
      delete(Kind.MODEL, namespace, request.getModel().getName());
      return UnloadModelResponse.getDefaultInstance();
    });
  }

  @Override
  public void loadPipeline(LoadPipelineRequest request, StreamObserver<LoadPipelineResponse> out) {
    unary(out, () -> {
      apply(SeldonManifests.pipeline(request.getPipeline()), "LoadPipeline");
      return LoadPipelineResponse.getDefaultInstance();
    });
  }

  @Override
  public void unloadPipeline(UnloadPipelineRequest request, StreamObserver<UnloadPipelineResponse> out) {
    unary(out, () -> {
      delete(Kind.PIPELINE, "", request.getName());
      return UnloadPipelineResponse.getDefaultInstance();
    });
  }

  @Override
  public void startExperiment(StartExperimentRequest request, StreamObserver<StartExperimentResponse> out) {
    unary(out, () -> {
      apply(SeldonManifests.experiment(request.getExperiment()), "StartExperiment");
      return StartExperimentResponse.getDefaultInstance();
    });
  }

  @Override
  public void stopExperiment(StopExperimentRequest request, StreamObserver<StopExperimentResponse> out) {
    unary(out, () -> {
      delete(Kind.EXPERIMENT, "", request.getName());
      return StopExperimentResponse.getDefaultInstance();
    });
  }

  @Override
  public void serverNotify(ServerNotifyRequest request, StreamObserver<ServerNotifyResponse> out) {
    unary(out, ServerNotifyResponse::getDefaultInstance);
  }

  @Override
  public void modelStatusEvent(ModelUpdateStatusMessage request, StreamObserver<ModelUpdateStatusResponse> out) {
    unary(out, ModelUpdateStatusResponse::getDefaultInstance);
  }

  private void apply(String manifest, String call) {
    api.apply(ApplyRequest.newBuilder().setManifest(manifest).setSource(call).build());
  }

  private void delete(Kind kind, String namespace, String name) {
    if (name.isEmpty()) {
      throw new ControlException.Invalid("a " + kind.value().toLowerCase(java.util.Locale.ROOT) + " name is needed");
    }
    boolean deleted = api.delete(DeleteRequest.newBuilder().addRefs(ref(kind, namespace, name)).build()).getDeletedCount() > 0;
    if (!deleted) {
      throw new ControlException.NotFound(kind.value().toLowerCase(java.util.Locale.ROOT) + " " + name + " not found");
    }
  }

  // ------------------------------------------------------------------ status, once

  @Override
  public void modelStatus(ModelStatusRequest request, StreamObserver<ModelStatusResponse> out) {
    String name = request.hasModel() ? request.getModel().getName() : "";
    snapshot(out, () -> name.isEmpty() ? models() : Map.of(name, model(status(Kind.MODEL, name))));
  }

  @Override
  public void serverStatus(ServerStatusRequest request, StreamObserver<ServerStatusResponse> out) {
    snapshot(out, () -> request.hasName() && !request.getName().isEmpty()
        ? Map.of(request.getName(), SeldonStatuses.server(status(Kind.SERVER, request.getName())))
        : servers());
  }

  @Override
  public void pipelineStatus(PipelineStatusRequest request, StreamObserver<PipelineStatusResponse> out) {
    snapshot(out, () -> request.hasName() && !request.getName().isEmpty()
        ? Map.of(request.getName(), pipeline(status(Kind.PIPELINE, request.getName())))
        : pipelines());
  }

  @Override
  public void experimentStatus(ExperimentStatusRequest request, StreamObserver<ExperimentStatusResponse> out) {
    snapshot(out, () -> request.hasName() && !request.getName().isEmpty()
        ? Map.of(request.getName(), SeldonStatuses.experiment(status(Kind.EXPERIMENT, request.getName())))
        : experiments());
  }

  @Override
  public void schedulerStatus(SchedulerStatusRequest request, StreamObserver<SchedulerStatusResponse> out) {
    unary(out, () -> SchedulerStatusResponse.newBuilder().setApplicationVersion(version).build());
  }

  /** Streams the messages {@code current} makes and ends the call. */
  private <T> void snapshot(StreamObserver<T> out, Supplier<Map<String, T>> current) {
    Map<String, T> messages;
    try {
      messages = current.get();
    } catch (RuntimeException e) {
      out.onError(toStatus(e));
      return;
    }
    messages.values().forEach(m -> out.onNext(stamped(m)));
    out.onCompleted();
  }

  /**
   * The message with the time it is sent. Messages are kept and compared without it, so that a
   * subscription sends a resource again only when it changed.
   */
  @SuppressWarnings("unchecked")
  private static <T> T stamped(T message) {
    long now = System.currentTimeMillis();
    return switch (message) {
      case ModelStatusResponse m -> (T) m.toBuilder().setTimestamp(now).build();
      case PipelineStatusResponse p -> (T) p.toBuilder().setTimestamp(now).build();
      default -> message;
    };
  }

  // ------------------------------------------------------------------ subscriptions

  @Override
  public void subscribeModelStatus(ModelSubscriptionRequest request, StreamObserver<ModelStatusResponse> out) {
    subscribe(out, this::models, SeldonStatuses::modelDeleted);
  }

  @Override
  public void subscribeServerStatus(ServerSubscriptionRequest request, StreamObserver<ServerStatusResponse> out) {
    subscribe(out, this::servers, name -> ServerStatusResponse.newBuilder().setServerName(name)
        .setType(ServerStatusResponse.Type.StatusUpdate).build());
  }

  @Override
  public void subscribePipelineStatus(PipelineSubscriptionRequest request, StreamObserver<PipelineStatusResponse> out) {
    subscribe(out, this::pipelines, SeldonStatuses::pipelineDeleted);
  }

  @Override
  public void subscribeExperimentStatus(ExperimentSubscriptionRequest request, StreamObserver<ExperimentStatusResponse> out) {
    subscribe(out, this::experiments, SeldonStatuses::experimentDeleted);
  }

  /** Held open until the client goes: Trantor never asks a controller to resend its resources. */
  @Override
  public void subscribeControlPlane(ControlPlaneSubscriptionRequest request, StreamObserver<ControlPlaneResponse> out) {
    ((ServerCallStreamObserver<ControlPlaneResponse>) out).setOnCancelHandler(() -> {});
  }

  /**
   * Every current message, then one per change until the client cancels: a resource whose message
   * changed is sent again; one that went away is sent as {@code deleted}.
   */
  private <T> void subscribe(StreamObserver<T> out, Supplier<Map<String, T>> current, Function<String, T> deleted) {
    Map<String, T> first;
    try {
      first = current.get();
    } catch (RuntimeException e) {
      out.onError(toStatus(e));
      return;
    }
    AtomicReference<Map<String, T>> last = new AtomicReference<>(first);
    PolledStream.start(subscriptions, pollInterval, out, () -> first.values().forEach(m -> out.onNext(stamped(m))), () -> {
      try {
        Map<String, T> now = current.get();
        Map<String, T> before = last.getAndSet(now);
        now.forEach((name, message) -> {
          if (!message.equals(before.get(name))) {
            out.onNext(stamped(message));
          }
        });
        before.keySet().stream().filter(name -> !now.containsKey(name)).forEach(name -> out.onNext(stamped(deleted.apply(name))));
        return true;
      } catch (RuntimeException e) {
        out.onError(toStatus(e));
        return false;
      }
    });
  }

  // ------------------------------------------------------------------ reading state

  private Map<String, ModelStatusResponse> models() {
    return each(Kind.MODEL, this::model);
  }

  private Map<String, ServerStatusResponse> servers() {
    return each(Kind.SERVER, SeldonStatuses::server);
  }

  private Map<String, PipelineStatusResponse> pipelines() {
    return each(Kind.PIPELINE, this::pipeline);
  }

  private Map<String, ExperimentStatusResponse> experiments() {
    return each(Kind.EXPERIMENT, SeldonStatuses::experiment);
  }

  private ModelStatusResponse model(ResourceStatus status) {
    Resource definition = api.applied(status.getRef()).orElse(null);
    return SeldonStatuses.model(status, definition instanceof io.trantor.dsl.Model m ? m : null);
  }

  private PipelineStatusResponse pipeline(ResourceStatus status) {
    Resource definition = api.applied(status.getRef()).orElse(null);
    return SeldonStatuses.pipeline(status, definition instanceof io.trantor.dsl.Pipeline p ? p : null);
  }

  private <T> Map<String, T> each(Kind kind, Function<ResourceStatus, T> message) {
    Map<String, T> messages = new LinkedHashMap<>();
    for (ResourceStatus status : api.list(ListRequest.newBuilder().setKind(kind.value()).build()).getItemsList()) {
      String ns = status.getRef().getNamespace();
      String key = ns.isEmpty() || ns.equals(DEFAULT_NAMESPACE) ? status.getRef().getName() : ns + "/" + status.getRef().getName();
      messages.put(key, message.apply(status));
    }
    return messages;
  }

  private ResourceStatus status(Kind kind, String name) {
    return api.status(ref(kind, "", name));
  }

  private static ResourceRef ref(Kind kind, String namespace, String name) {
    return ResourceRef.newBuilder().setKind(kind.value()).setNamespace(namespace).setName(name).build();
  }

  // ------------------------------------------------------------------ errors

  private static <T> void unary(StreamObserver<T> out, GrpcErrors.Call<T> call) {
    GrpcErrors.unary(out, call, SeldonSchedulerService::toStatus);
  }

  /** Seldon's scheduler refuses with FAILED_PRECONDITION whatever the store rejects, an unknown name included. */
  private static StatusRuntimeException toStatus(RuntimeException e) {
    if (e instanceof ControlException) {
      return Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException();
    }
    return GrpcErrors.toStatus(e);
  }

  @Override
  public void close() {
    subscriptions.shutdownNow();
  }
}
