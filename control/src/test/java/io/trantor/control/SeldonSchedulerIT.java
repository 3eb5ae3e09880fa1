package io.trantor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.control.testing.FakeAgent;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.seldon.scheduler.DeploymentSpec;
import io.trantor.protocol.seldon.scheduler.Experiment;
import io.trantor.protocol.seldon.scheduler.ExperimentCandidate;
import io.trantor.protocol.seldon.scheduler.ExperimentStatusRequest;
import io.trantor.protocol.seldon.scheduler.ExperimentStatusResponse;
import io.trantor.protocol.seldon.scheduler.LoadModelRequest;
import io.trantor.protocol.seldon.scheduler.LoadPipelineRequest;
import io.trantor.protocol.seldon.scheduler.MetaData;
import io.trantor.protocol.seldon.scheduler.Model;
import io.trantor.protocol.seldon.scheduler.ModelReference;
import io.trantor.protocol.seldon.scheduler.ModelReplicaStatus;
import io.trantor.protocol.seldon.scheduler.ModelSpec;
import io.trantor.protocol.seldon.scheduler.ModelStatus;
import io.trantor.protocol.seldon.scheduler.ModelStatusRequest;
import io.trantor.protocol.seldon.scheduler.ModelStatusResponse;
import io.trantor.protocol.seldon.scheduler.ModelSubscriptionRequest;
import io.trantor.protocol.seldon.scheduler.Pipeline;
import io.trantor.protocol.seldon.scheduler.PipelineStep;
import io.trantor.protocol.seldon.scheduler.SchedulerGrpc;
import io.trantor.protocol.seldon.scheduler.SchedulerGrpc.SchedulerBlockingStub;
import io.trantor.protocol.seldon.scheduler.SchedulerStatusRequest;
import io.trantor.protocol.seldon.scheduler.ServerStatusRequest;
import io.trantor.protocol.seldon.scheduler.ServerStatusResponse;
import io.trantor.protocol.seldon.scheduler.StartExperimentRequest;
import io.trantor.protocol.seldon.scheduler.StopExperimentRequest;
import io.trantor.protocol.seldon.scheduler.UnloadModelRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seldon's scheduler API on the control port, against the real control plane, workflows and a fake agent. */
class SeldonSchedulerIT {
  private static final Duration DEADLINE = Duration.ofSeconds(20);

  @RegisterExtension final ControlPlaneExtension control = ControlPlaneExtension.withSpecStore();
  private ManagedChannel channel;
  private SchedulerBlockingStub scheduler;

  @BeforeEach
  void connect() {
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", control.port()).usePlaintext().build();
    scheduler = SchedulerGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  /** The request of Seldon's docs: {@code grpcurl ... seldon.mlops.scheduler.Scheduler/LoadModel}. */
  private static LoadModelRequest loadIris(String name) {
    return LoadModelRequest.newBuilder().setModel(Model.newBuilder()
        .setMeta(MetaData.newBuilder().setName(name))
        .setModelSpec(ModelSpec.newBuilder().setUri("gs://seldon-models/mlserver/iris").addRequirements("sklearn")
            .setMemoryBytes(500))
        .setDeploymentSpec(DeploymentSpec.newBuilder().setReplicas(1)))
        .build();
  }

  private List<ModelStatusResponse> modelStatus(String name) {
    List<ModelStatusResponse> all = new ArrayList<>();
    scheduler.modelStatus(ModelStatusRequest.newBuilder().setSubscriberName("test")
        .setModel(ModelReference.newBuilder().setName(name)).build()).forEachRemaining(all::add);
    return all;
  }

  private static StatusRuntimeException failure(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e;
    }
    throw new AssertionError("the call succeeded");
  }

  @Test
  void loadModelRunsTheModelWorkflowAndModelStatusShowsItAvailable() throws Exception {
    try (FakeAgent agent = FakeAgent.connect(control.port(), "mlserver", 0)) {
      await().atMost(DEADLINE).until(() -> control.controlPlane().cluster().view("default").servers().size() == 1);

      scheduler.loadModel(loadIris("iris"));

      ModelStatusResponse status = await().atMost(DEADLINE).until(() -> modelStatus("iris").getFirst(),
          s -> s.getVersions(0).getState().getState() == ModelStatus.ModelState.ModelAvailable);
      var version = status.getVersions(0);
      assertThat(status.getModelName()).isEqualTo("iris");
      assertThat(version.getVersion()).isEqualTo(1);
      assertThat(version.getServerName()).isEqualTo("mlserver");
      assertThat(version.getState().getAvailableReplicas()).isEqualTo(1);
      assertThat(version.getModelReplicaStateMap().get(0).getState()).isEqualTo(ModelReplicaStatus.ModelReplicaState.Available);
      assertThat(version.getModelDefn().getModelSpec().getUri()).isEqualTo("gs://seldon-models/mlserver/iris");
      assertThat(agent.loaded()).containsExactly("iris_1");
      // The same resource as `trantor apply` makes: Trantor's own API sees it too.
      assertThat(control.client().getStatus(ResourceRef.newBuilder().setKind("Model").setName("iris").build()).getState())
          .isEqualTo("ModelAvailable");

      ServerStatusResponse server = scheduler.serverStatus(ServerStatusRequest.newBuilder().setSubscriberName("test")
          .setName("mlserver").build()).next();
      assertThat(server.getServerName()).isEqualTo("mlserver");
      assertThat(server.getAvailableReplicas()).isEqualTo(1);
      assertThat(server.getResources(0).getReplicaIdx()).isZero();
      assertThat(server.getNumLoadedModelReplicas()).isEqualTo(1);

      scheduler.unloadModel(UnloadModelRequest.newBuilder().setModel(ModelReference.newBuilder().setName("iris")).build());
      await().atMost(DEADLINE).until(() -> agent.loaded().isEmpty());
    }
  }

  @Test
  void subscribeModelStatusStreamsEveryChangeAndTheDeletion() throws Exception {
    BlockingQueue<ModelStatusResponse> events = new LinkedBlockingQueue<>();
    Context.CancellableContext subscription = Context.current().withCancellation();
    try (FakeAgent agent = FakeAgent.connect(control.port(), "mlserver", 0)) {
      await().atMost(DEADLINE).until(() -> control.controlPlane().cluster().view("default").servers().size() == 1);
      subscription.run(() -> {
        Iterator<ModelStatusResponse> stream = scheduler.subscribeModelStatus(
            ModelSubscriptionRequest.newBuilder().setSubscriberName("test").build());
        Thread.ofVirtual().start(() -> {
          try {
            stream.forEachRemaining(events::add);
          } catch (StatusRuntimeException cancelled) {
            // the test ends the subscription
          }
        });
      });

      scheduler.loadModel(loadIris("iris"));
      ModelStatusResponse available = poll(events, e -> !e.getDeleted()
          && e.getVersions(0).getState().getState() == ModelStatus.ModelState.ModelAvailable);
      assertThat(available.getModelName()).isEqualTo("iris");
      assertThat(available.getTimestamp()).isPositive();

      scheduler.unloadModel(UnloadModelRequest.newBuilder().setModel(ModelReference.newBuilder().setName("iris")).build());
      ModelStatusResponse deleted = poll(events, ModelStatusResponse::getDeleted);
      assertThat(deleted.getModelName()).isEqualTo("iris");
      assertThat(deleted.getOperation()).isEqualTo(ModelStatusResponse.ModelOperation.ModelDelete);
    } finally {
      subscription.cancel(null);
    }
  }

  private static ModelStatusResponse poll(BlockingQueue<ModelStatusResponse> events,
      java.util.function.Predicate<ModelStatusResponse> wanted) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (System.nanoTime() < end) {
      ModelStatusResponse next = events.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next != null && wanted.test(next)) {
        return next;
      }
    }
    throw new AssertionError("no such event within " + DEADLINE);
  }

  @Test
  void refusalsCarrySeldonsStatusAndSayWhatIsWrong() {
    StatusRuntimeException unknown = failure(() -> scheduler.unloadModel(
        UnloadModelRequest.newBuilder().setModel(ModelReference.newBuilder().setName("nope")).build()));
    assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(unknown.getStatus().getDescription()).isEqualTo("model nope not found");

    StatusRuntimeException badName = failure(() -> scheduler.loadModel(loadIris("Iris.v1")));
    assertThat(badName.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(badName.getStatus().getDescription()).contains("metadata.name");

    StatusRuntimeException noStatus = failure(() -> modelStatus("nope"));
    assertThat(noStatus.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(noStatus.getStatus().getDescription()).isEqualTo("model nope not found");

    // This control plane runs without Kafka: pipelines are refused as Trantor's own API refuses them.
    StatusRuntimeException pipeline = failure(() -> scheduler.loadPipeline(LoadPipelineRequest.newBuilder()
        .setPipeline(Pipeline.newBuilder().setName("chain").addSteps(PipelineStep.newBuilder().setName("iris"))).build()));
    assertThat(pipeline.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(pipeline.getStatus().getDescription()).startsWith("pipelines need Kafka");
  }

  @Test
  void experimentsStartReportActiveAndStop() {
    scheduler.loadModel(loadIris("iris"));
    scheduler.loadModel(loadIris("iris2"));

    scheduler.startExperiment(StartExperimentRequest.newBuilder().setExperiment(Experiment.newBuilder()
        .setName("experiment-sample").setDefault("iris")
        .addCandidates(ExperimentCandidate.newBuilder().setName("iris").setWeight(50))
        .addCandidates(ExperimentCandidate.newBuilder().setName("iris2").setWeight(50))).build());

    ExperimentStatusResponse active = await().atMost(DEADLINE).until(() -> scheduler.experimentStatus(
        ExperimentStatusRequest.newBuilder().setSubscriberName("test").setName("experiment-sample").build()).next(),
        ExperimentStatusResponse::getActive);
    assertThat(active.getStatusDescription()).isEqualTo("experiment active");
    assertThat(active.getCandidatesReady()).isTrue();
    assertThat(control.controlPlane().routes().experiment("default", "experiment-sample")).isPresent();

    scheduler.stopExperiment(StopExperimentRequest.newBuilder().setName("experiment-sample").build());
    assertThat(control.controlPlane().routes().experiments()).isEmpty();
    assertThatThrownBy(() -> scheduler.stopExperiment(StopExperimentRequest.newBuilder().setName("experiment-sample").build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).isEqualTo("experiment experiment-sample not found"));
  }

  @Test
  void schedulerStatusNamesTheVersion() {
    assertThat(scheduler.schedulerStatus(SchedulerStatusRequest.newBuilder().setSubscriberName("test").build())
        .getApplicationVersion()).isNotEmpty();
  }
}
