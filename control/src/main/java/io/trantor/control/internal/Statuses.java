package io.trantor.control.internal;

import io.trantor.activities.PipelineGatewayState;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.PipelineStep;
import io.trantor.protocol.control.PipelineGatewayStatus;
import io.trantor.protocol.control.PipelineStatusDetail;
import io.trantor.protocol.control.PipelineStepStatus;
import io.trantor.workflows.pipeline.PipelineStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import io.trantor.control.live.ClusterState;
import io.trantor.activities.ModelHolding;
import io.trantor.activities.ReplicaSnapshot;
import io.trantor.dsl.Experiment;
import io.trantor.dsl.ExperimentSpec;
import io.trantor.dsl.Kind;
import io.trantor.protocol.control.ExperimentCandidate;
import io.trantor.protocol.control.ExperimentMirror;
import io.trantor.protocol.control.ExperimentStatusDetail;
import io.trantor.workflows.experiment.ExperimentStatus;
import io.trantor.dsl.Server;
import io.trantor.protocol.control.ModelReplicaStatus;
import io.trantor.protocol.control.ModelStatusDetail;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.ServerReplicaStatus;
import io.trantor.protocol.control.ServerStatusDetail;
import io.trantor.workflows.model.ModelStatus;
import io.trantor.workflows.model.ReplicaStatus;
import java.util.List;

/** Builds the API's {@link ResourceStatus} from workflow queries and the cluster state. */
final class Statuses {
  private Statuses() {}

  static ResourceRef ref(Kind kind, String namespace, String name) {
    return ResourceRef.newBuilder().setKind(kind.value()).setNamespace(namespace).setName(name).build();
  }

  static ResourceStatus ofModel(ModelStatus status) {
    ModelStatusDetail.Builder detail =
        ModelStatusDetail.newBuilder()
            .setVersion(status.version())
            .setDesiredReplicas(status.desiredReplicas())
            .setAvailableReplicas(status.availableReplicas())
            .setServer(nullToEmpty(status.server()));
    for (ReplicaStatus r : status.replicas()) {
      detail.addReplicas(
          ModelReplicaStatus.newBuilder()
              .setServer(nullToEmpty(r.server()))
              .setReplicaIndex(r.replicaIndex())
              .setVersion(r.version())
              .setState(nullToEmpty(r.state()))
              .setReason(nullToEmpty(r.reason()))
              .setEndpoint(nullToEmpty(r.endpoint())));
    }
    return ResourceStatus.newBuilder()
        .setRef(ref(Kind.MODEL, status.namespace(), status.name()))
        .setState(nullToEmpty(status.state()))
        .setReason(nullToEmpty(status.reason()))
        .setGeneration(status.generation())
        .setModel(detail)
        .build();
  }

  /**
   * A server from its applied spec (when there is one) and its replicas' agents: ServerReady when
   * every desired replica is connected and not draining. Without a spec, the desired count is the
   * number of replicas that ever registered.
   */
  static ResourceStatus ofServer(String namespace, String name, Applied applied, ClusterState cluster) {
    List<ReplicaSnapshot> replicas = cluster.replicas(namespace, name);
    int desired = applied == null ? replicas.size() : ((Server) applied.resource()).spec().replicas();
    ServerStatusDetail.Builder detail = ServerStatusDetail.newBuilder().setDesiredReplicas(desired);
    int ready = 0;
    for (ReplicaSnapshot r : replicas) {
      String state = !r.connected() ? "Disconnected" : r.draining() ? "Draining" : "Ready";
      if (state.equals("Ready")) {
        ready++;
      }
      detail.addReplicas(
          ServerReplicaStatus.newBuilder()
              .setReplicaIndex(r.key().index())
              .setState(state)
              .setEndpoint(r.info().endpoint())
              .addAllCapabilities(r.info().capabilities().stream().sorted().toList())
              .setMemoryBytes(r.info().memoryBytes())
              .setAvailableMemoryBytes(r.availableMemoryBytes())
              .setOvercommitPercent(r.info().overcommitPercent())
              .addAllLoadedModels(r.models().values().stream().map(ModelHolding::servedName).sorted().toList())
              .setDrainStep(cluster.drainStep(r.key()).get(0))
              .setDrainReason(cluster.drainStep(r.key()).get(1)));
    }
    detail.setReadyReplicas(ready);
    boolean isReady = ready >= desired;
    String reason =
        isReady
            ? ready + " of " + desired + " replicas ready"
            : "waiting for replicas: " + ready + " of " + desired + " ready";
    return ResourceStatus.newBuilder()
        .setRef(ref(Kind.SERVER, namespace, name))
        .setState(isReady ? "ServerReady" : "ServerNotReady")
        .setReason(reason)
        .setGeneration(applied == null ? 0 : applied.generation())
        .setServer(detail)
        .build();
  }

  static ResourceStatus ofServerConfig(Applied applied) {
    return ResourceStatus.newBuilder()
        .setRef(ref(Kind.SERVER_CONFIG, applied.resource().namespace(), applied.resource().name()))
        .setState("Configured")
        .setGeneration(applied.generation())
        .build();
  }

  /** An experiment from its applied spec and (when its workflow runs) the status query. */
  static ResourceStatus ofExperiment(Applied applied, ExperimentStatus status) {
    Experiment experiment = (Experiment) applied.resource();
    ExperimentSpec spec = experiment.spec();
    ExperimentStatusDetail.Builder detail = ExperimentStatusDetail.newBuilder()
        .setDefaultModel(nullToEmpty(spec.defaultResource()))
        .setResourceType(spec.resourceType().value());
    spec.candidates().forEach(c -> detail.addCandidates(
        ExperimentCandidate.newBuilder().setModel(c.name()).setWeight(c.weight())));
    if (spec.mirror() != null) {
      detail.setMirror(ExperimentMirror.newBuilder().setModel(spec.mirror().name()).setPercent(spec.mirror().percent()));
    }
    return ResourceStatus.newBuilder()
        .setRef(ref(Kind.EXPERIMENT, experiment.namespace(), experiment.name()))
        .setState(status == null ? "ExperimentStateUnknown" : nullToEmpty(status.state()))
        .setReason(status == null ? "no workflow runs for this experiment" : nullToEmpty(status.reason()))
        .setGeneration(applied.generation())
        .setExperiment(detail)
        .build();
  }

  /**
   * A pipeline's status: the workflow's state and reason, with Seldon's {@code modelsReady} and the
   * gateways' reports. A ready pipeline whose step model went away keeps PipelineReady (as Seldon)
   * but says so in its reason and {@code models_ready}.
   */
  static ResourceStatus ofPipeline(Applied applied, PipelineStatus status, List<PipelineGatewayState> reports,
      Predicate<String> modelAvailable, Function<String, String> modelState, TopicNames topics) {
    Pipeline pipeline = (Pipeline) applied.resource();
    PipelineStatusDetail.Builder detail = PipelineStatusDetail.newBuilder()
        .setInputTopic(topics.pipelineInputs(pipeline.name()))
        .setOutputTopic(topics.pipelineOutputs(pipeline.name()));
    List<String> missing = new ArrayList<>();
    for (PipelineStep step : pipeline.spec().steps()) {
      boolean available = modelAvailable.test(step.name());
      if (!available) {
        missing.add("step " + step.name() + ": model not available");
      }
      detail.addSteps(PipelineStepStatus.newBuilder()
          .setName(step.name())
          .setModelState(available ? "ModelAvailable" : nullToEmpty(modelState.apply(step.name())))
          .setReason(available ? "" : "model not available")
          .setInputTopic(topics.modelInputs(step.name()))
          .setOutputTopic(topics.modelOutputs(step.name())));
    }
    detail.setModelsReady(missing.isEmpty());
    for (PipelineGatewayState report : reports) {
      detail.addGateways(PipelineGatewayStatus.newBuilder()
          .setGateway(report.gateway()).setVersion(report.version()).setState(nullToEmpty(report.state()))
          .setReason(nullToEmpty(report.reason())));
    }
    String state = "PipelineStateUnknown";
    String reason = "no workflow runs for this pipeline";
    if (status != null) {
      detail.setVersion(status.version()).setUid(nullToEmpty(status.uid())).addAllTopics(status.topics());
      state = nullToEmpty(status.state());
      reason = nullToEmpty(status.reason());
      if (PipelineStatus.READY.equals(state)) {
        // Ready was true when the workflow last looked; models and gateways may have gone since.
        String uid = nullToEmpty(status.uid());
        boolean running = reports.stream().anyMatch(r -> r.uid().equals(uid) && PipelineGatewayState.READY.equals(r.state()));
        if (!running) {
          missing.add("no gateway running the topology");
        }
        reason = String.join("; ", missing);
      }
    }
    return ResourceStatus.newBuilder()
        .setRef(ref(Kind.PIPELINE, pipeline.namespace(), pipeline.name()))
        .setState(state)
        .setReason(reason)
        .setGeneration(applied.generation())
        .setPipeline(detail)
        .build();
  }

  static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
