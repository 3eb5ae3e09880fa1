package io.trantor.control.internal;

import io.trantor.dsl.JoinType;
import io.trantor.dsl.Metadata;
import io.trantor.dsl.ModelSpec;
import io.trantor.protocol.control.ModelStatusDetail;
import io.trantor.protocol.control.PipelineGatewayStatus;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.ServerReplicaStatus;
import io.trantor.protocol.seldon.scheduler.Batch;
import io.trantor.protocol.seldon.scheduler.DataflowSpec;
import io.trantor.protocol.seldon.scheduler.DeploymentSpec;
import io.trantor.protocol.seldon.scheduler.ExperimentStatusResponse;
import io.trantor.protocol.seldon.scheduler.ExplainerSpec;
import io.trantor.protocol.seldon.scheduler.KubernetesMeta;
import io.trantor.protocol.seldon.scheduler.LlmSpec;
import io.trantor.protocol.seldon.scheduler.MetaData;
import io.trantor.protocol.seldon.scheduler.Model;
import io.trantor.protocol.seldon.scheduler.ModelReplicaStatus;
import io.trantor.protocol.seldon.scheduler.ModelStatus;
import io.trantor.protocol.seldon.scheduler.ModelStatusResponse;
import io.trantor.protocol.seldon.scheduler.ModelVersionStatus;
import io.trantor.protocol.seldon.scheduler.ParameterSpec;
import io.trantor.protocol.seldon.scheduler.Pipeline;
import io.trantor.protocol.seldon.scheduler.PipelineInput;
import io.trantor.protocol.seldon.scheduler.PipelineOutput;
import io.trantor.protocol.seldon.scheduler.PipelineStatusResponse;
import io.trantor.protocol.seldon.scheduler.PipelineStep;
import io.trantor.protocol.seldon.scheduler.PipelineVersionState;
import io.trantor.protocol.seldon.scheduler.PipelineWithState;
import io.trantor.protocol.seldon.scheduler.ServerReplicaResources;
import io.trantor.protocol.seldon.scheduler.ServerStatusResponse;
import io.trantor.protocol.seldon.scheduler.StorageConfig;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trantor's statuses in the shapes of Seldon's scheduler API: the state names are Seldon's already
 * ({@code ModelAvailable}, {@code PipelineReady}, ...), so this maps fields, not meanings. A state
 * Seldon's enums do not have reads as the enum's {@code ...Unknown} value, with the name in the reason.
 */
final class SeldonStatuses {
  private static final Set<String> MODEL_STATES = names(ModelStatus.ModelState.values());
  private static final Set<String> REPLICA_STATES = names(ModelReplicaStatus.ModelReplicaState.values());
  private static final Set<String> PIPELINE_STATES = names(PipelineVersionState.PipelineStatus.values());

  private SeldonStatuses() {}

  static ModelStatusResponse model(ResourceStatus status, io.trantor.dsl.Model definition) {
    ModelStatusDetail detail = status.getModel();
    int unavailable = Math.max(0, detail.getDesiredReplicas() - detail.getAvailableReplicas());
    ModelVersionStatus.Builder version = ModelVersionStatus.newBuilder()
        .setVersion((int) detail.getVersion())
        .setServerName(detail.getServer())
        .setKubernetesMeta(kubernetesMeta(status))
        .setState(ModelStatus.newBuilder()
            .setState(MODEL_STATES.contains(status.getState())
                ? ModelStatus.ModelState.valueOf(status.getState()) : ModelStatus.ModelState.ModelStateUnknown)
            .setReason(reason(status.getState(), status.getReason(), MODEL_STATES))
            .setAvailableReplicas(detail.getAvailableReplicas())
            .setUnavailableReplicas(unavailable)
            .setModelGwState(ModelStatus.ModelState.ModelStateUnknown));
    for (var replica : detail.getReplicasList()) {
      if (replica.getVersion() == 0 || replica.getVersion() == detail.getVersion()) {
        version.putModelReplicaState(replica.getReplicaIndex(), ModelReplicaStatus.newBuilder()
            .setState(REPLICA_STATES.contains(replica.getState())
                ? ModelReplicaStatus.ModelReplicaState.valueOf(replica.getState())
                : ModelReplicaStatus.ModelReplicaState.ModelReplicaStateUnknown)
            .setReason(reason(replica.getState(), replica.getReason(), REPLICA_STATES))
            .build());
      }
    }
    if (definition != null) {
      version.setModelDefn(model(definition));
    }
    // A model being unloaded is a deleted model to Seldon's clients until it is gone.
    boolean deleted = status.getState().startsWith("ModelTerminat");
    return ModelStatusResponse.newBuilder()
        .setModelName(status.getRef().getName())
        .addVersions(version)
        .setDeleted(deleted)
        .setOperation(deleted ? ModelStatusResponse.ModelOperation.ModelDelete : ModelStatusResponse.ModelOperation.ModelCreate)
        .build();
  }

  static ModelStatusResponse modelDeleted(String name) {
    return ModelStatusResponse.newBuilder().setModelName(name).setDeleted(true)
        .setOperation(ModelStatusResponse.ModelOperation.ModelDelete).build();
  }

  static ServerStatusResponse server(ResourceStatus status) {
    var detail = status.getServer();
    ServerStatusResponse.Builder server = ServerStatusResponse.newBuilder()
        .setType(ServerStatusResponse.Type.StatusUpdate)
        .setServerName(status.getRef().getName())
        .setExpectedReplicas(detail.getDesiredReplicas())
        .setAvailableReplicas(detail.getReadyReplicas())
        .setKubernetesMeta(kubernetesMeta(status));
    int loaded = 0;
    for (ServerReplicaStatus replica : detail.getReplicasList()) {
      server.addResources(ServerReplicaResources.newBuilder()
          .setReplicaIdx(replica.getReplicaIndex())
          .setTotalMemoryBytes(replica.getMemoryBytes())
          .setAvailableMemoryBytes(replica.getAvailableMemoryBytes())
          .setNumLoadedModels(replica.getLoadedModelsCount())
          .setOverCommitPercentage(replica.getOvercommitPercent()));
      loaded += replica.getLoadedModelsCount();
    }
    return server.setNumLoadedModelReplicas(loaded).build();
  }

  static ExperimentStatusResponse experiment(ResourceStatus status) {
    boolean active = "ExperimentReady".equals(status.getState());
    return ExperimentStatusResponse.newBuilder()
        .setExperimentName(status.getRef().getName())
        .setActive(active)
        .setCandidatesReady(active)
        .setMirrorReady(active)
        .setStatusDescription(active ? "experiment active" : status.getReason().isEmpty() ? status.getState() : status.getReason())
        .setKubernetesMeta(kubernetesMeta(status))
        .build();
  }

  static ExperimentStatusResponse experimentDeleted(String name) {
    return ExperimentStatusResponse.newBuilder().setExperimentName(name).setStatusDescription("experiment removed").build();
  }

  static PipelineStatusResponse pipeline(ResourceStatus status, io.trantor.dsl.Pipeline definition) {
    var detail = status.getPipeline();
    PipelineVersionState.Builder state = PipelineVersionState.newBuilder()
        .setPipelineVersion((int) detail.getVersion())
        .setStatus(pipelineStatus(status.getState()))
        .setReason(reason(status.getState(), status.getReason(), PIPELINE_STATES))
        .setModelsReady(detail.getModelsReady());
    // The gateway side as Seldon's pipeline gateway reports it: ready once a gateway runs this version.
    detail.getGatewaysList().stream()
        .filter(g -> g.getVersion() == detail.getVersion())
        .map(PipelineGatewayStatus::getState)
        .reduce((a, b) -> "Ready".equals(a) ? a : b)
        .ifPresent(gateway -> state.setPipelineGwStatus(pipelineStatus("Pipeline" + gateway)));
    Pipeline.Builder pipeline = definition == null
        ? Pipeline.newBuilder().setName(status.getRef().getName())
        : pipeline(definition).toBuilder();
    pipeline.setUid(detail.getUid()).setVersion((int) detail.getVersion()).setKubernetesMeta(kubernetesMeta(status));
    return PipelineStatusResponse.newBuilder()
        .setPipelineName(status.getRef().getName())
        .addVersions(PipelineWithState.newBuilder().setPipeline(pipeline).setState(state))
        .setOperation(PipelineStatusResponse.PipelineOperation.PipelineCreate)
        .build();
  }

  static PipelineStatusResponse pipelineDeleted(String name) {
    return PipelineStatusResponse.newBuilder().setPipelineName(name)
        .setOperation(PipelineStatusResponse.PipelineOperation.PipelineDelete).build();
  }

  /** A model as Seldon's operator would have sent it ({@code modelDefn}). */
  static Model model(io.trantor.dsl.Model model) {
    ModelSpec spec = model.spec();
    var modelSpec = io.trantor.protocol.seldon.scheduler.ModelSpec.newBuilder()
        .setUri(Statuses.nullToEmpty(spec.storageUri()))
        .addAllRequirements(spec.requirements());
    if (spec.modelType() != null && !spec.requirements().contains(spec.modelType())) {
      modelSpec.addRequirements(spec.modelType());   // the operator appends modelType to the requirements
    }
    if (spec.artifactVersion() != null) {
      modelSpec.setArtifactVersion(spec.artifactVersion());
    }
    if (spec.secretName() != null) {
      modelSpec.setStorageConfig(StorageConfig.newBuilder().setStorageSecretName(spec.secretName()));
    }
    if (spec.memory() != null) {
      modelSpec.setMemoryBytes(spec.memory().value());
    }
    if (spec.server() != null) {
      modelSpec.setServer(spec.server());
    }
    if (spec.explainer() != null) {
      ExplainerSpec.Builder explainer = ExplainerSpec.newBuilder().setType(Statuses.nullToEmpty(spec.explainer().type()));
      if (spec.explainer().modelRef() != null) {
        explainer.setModelRef(spec.explainer().modelRef());
      }
      if (spec.explainer().pipelineRef() != null) {
        explainer.setPipelineRef(spec.explainer().pipelineRef());
      }
      modelSpec.setExplainer(explainer);
    } else if (spec.llm() != null) {
      LlmSpec.Builder llm = LlmSpec.newBuilder();
      if (spec.llm().modelRef() != null) {
        llm.setModelRef(spec.llm().modelRef());
      }
      if (spec.llm().pipelineRef() != null) {
        llm.setPipelineRef(spec.llm().pipelineRef());
      }
      modelSpec.setLlm(llm);
    }
    spec.parameters().forEach(p -> modelSpec.addParameters(ParameterSpec.newBuilder().setName(p.name()).setValue(p.value())));
    Model.Builder out = Model.newBuilder()
        .setMeta(MetaData.newBuilder().setName(model.name()).setKubernetesMeta(kubernetesMeta(model.metadata())))
        .setModelSpec(modelSpec)
        .setDeploymentSpec(DeploymentSpec.newBuilder()
            .setReplicas(spec.replicas())
            .setMinReplicas(spec.minReplicas())
            .setMaxReplicas(spec.maxReplicas())
            .setLogPayloads(spec.logger() != null));
    if (spec.dataflow() != null) {
      out.setDataflowSpec(DataflowSpec.newBuilder().setCleanTopicsOnDelete(spec.dataflow().cleanTopicsOnDelete()));
    }
    return out.build();
  }

  /** A pipeline as Seldon's scheduler shows it, output steps normalised to {@code <step>.outputs}. */
  static Pipeline pipeline(io.trantor.dsl.Pipeline pipeline) {
    var spec = pipeline.spec();
    Pipeline.Builder out = Pipeline.newBuilder().setName(pipeline.name())
        .setAllowCycles(spec.allowCycles()).setMaxStepRevisits(spec.maxStepRevisits());
    for (io.trantor.dsl.PipelineStep s : spec.steps()) {
      PipelineStep.Builder step = PipelineStep.newBuilder().setName(s.name())
          .addAllInputs(s.inputs().stream().map(SeldonStatuses::qualified).toList())
          .putAllTensorMap(s.tensorMap())
          .setInputsJoin(PipelineStep.JoinOp.valueOf(s.inputsJoinType().name()))
          .addAllTriggers(s.triggers().stream().map(SeldonStatuses::qualified).toList())
          .setTriggersJoin(PipelineStep.JoinOp.valueOf(s.triggersJoinType().name()));
      if (s.joinWindowMs() != null) {
        step.setJoinWindowMs(s.joinWindowMs());
      }
      if (s.batch() != null) {
        Batch.Builder batch = Batch.newBuilder();
        if (s.batch().size() != null) {
          batch.setSize(s.batch().size());
        }
        if (s.batch().windowMs() != null) {
          batch.setWindowMs(s.batch().windowMs());
        }
        step.setBatch(batch);
      }
      out.addSteps(step);
    }
    if (spec.output() != null) {
      out.setOutput(PipelineOutput.newBuilder()
          .addAllSteps(spec.output().steps().stream().map(SeldonStatuses::qualified).toList())
          .setJoinWindowMs(spec.output().joinWindowMs())
          .setStepsJoin(PipelineOutput.JoinOp.valueOf(join(spec.output().stepsJoin())))
          .putAllTensorMap(spec.output().tensorMap()));
    }
    if (spec.input() != null) {
      PipelineInput.Builder input = PipelineInput.newBuilder()
          .addAllExternalInputs(spec.input().externalInputs())
          .addAllExternalTriggers(spec.input().externalTriggers())
          .setJoinType(PipelineInput.JoinOp.valueOf(spec.input().joinType().name()))
          .setTriggersJoin(PipelineInput.JoinOp.valueOf(spec.input().triggersJoinType().name()))
          .putAllTensorMap(spec.input().tensorMap());
      if (spec.input().joinWindowMs() != null) {
        input.setJoinWindowMs(spec.input().joinWindowMs());
      }
      out.setInput(input);
    }
    if (spec.dataflow() != null) {
      out.setDataflowSpec(DataflowSpec.newBuilder().setCleanTopicsOnDelete(spec.dataflow().cleanTopicsOnDelete()));
    }
    return out.build();
  }

  /** Seldon's scheduler writes a bare step name {@code x} as {@code x.outputs}. */
  private static String qualified(String reference) {
    return reference.contains(".") ? reference : reference + ".outputs";
  }

  private static String join(JoinType type) {
    return (type == null ? JoinType.INNER : type).name();
  }

  private static PipelineVersionState.PipelineStatus pipelineStatus(String state) {
    return PIPELINE_STATES.contains(state)
        ? PipelineVersionState.PipelineStatus.valueOf(state) : PipelineVersionState.PipelineStatus.PipelineStatusUnknown;
  }

  private static String reason(String state, String reason, Set<String> known) {
    if (known.contains(state) || state.isEmpty()) {
      return reason;
    }
    return reason.isEmpty() ? state : state + ": " + reason;
  }

  private static KubernetesMeta kubernetesMeta(ResourceStatus status) {
    return KubernetesMeta.newBuilder().setNamespace(status.getRef().getNamespace()).setGeneration(status.getGeneration()).build();
  }

  private static KubernetesMeta kubernetesMeta(Metadata metadata) {
    return KubernetesMeta.newBuilder().setNamespace(metadata.namespace())
        .setGeneration(metadata.generation() == null ? 0 : metadata.generation()).build();
  }

  private static Set<String> names(Enum<?>[] values) {
    return Arrays.stream(values).map(Enum::name).filter(n -> !n.equals("UNRECOGNIZED")).collect(Collectors.toUnmodifiableSet());
  }
}
