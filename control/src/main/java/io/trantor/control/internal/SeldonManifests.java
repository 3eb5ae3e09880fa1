package io.trantor.control.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trantor.protocol.seldon.scheduler.Experiment;
import io.trantor.protocol.seldon.scheduler.KubernetesMeta;
import io.trantor.protocol.seldon.scheduler.Model;
import io.trantor.protocol.seldon.scheduler.ModelSpec;
import io.trantor.protocol.seldon.scheduler.Pipeline;
import io.trantor.protocol.seldon.scheduler.PipelineInput;
import io.trantor.protocol.seldon.scheduler.PipelineOutput;
import io.trantor.protocol.seldon.scheduler.PipelineStep;
import io.trantor.protocol.seldon.scheduler.ResourceType;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seldon scheduler messages as the manifests Seldon's operator would have made of the same
 * resources (reference §2 notes which CRD field each proto field comes from), so that a call on
 * Seldon's scheduler API goes through the same validation, with the same field paths, as
 * {@code trantor apply}.
 */
final class SeldonManifests {
  /** Seldon's operator sends MaxUint32 for an unset {@code maxReplicas}. */
  private static final int UNSET_MAX_REPLICAS = -1;

  private SeldonManifests() {}

  static String model(Model model) {
    ObjectNode resource = resource("Model", model.getMeta().getName(),
        model.getMeta().hasKubernetesMeta() ? model.getMeta().getKubernetesMeta() : null);
    ObjectNode spec = resource.putObject("spec");
    ModelSpec m = model.getModelSpec();
    if (!m.getUri().isEmpty()) {
      spec.put("storageUri", m.getUri());
    }
    if (m.hasArtifactVersion()) {
      spec.put("artifactVersion", m.getArtifactVersion());
    }
    if (m.hasStorageConfig()) {
      if (m.getStorageConfig().hasStorageRcloneConfig()) {
        throw new ControlException.Invalid(
            "modelSpec.storageConfig.storageRcloneConfig: inline rclone configs are not supported; name a secret (storageSecretName)");
      }
      spec.put("secretName", m.getStorageConfig().getStorageSecretName());
    }
    strings(spec, "requirements", m.getRequirementsList());
    if (m.hasMemoryBytes()) {
      spec.put("memory", Long.toUnsignedString(m.getMemoryBytes()));
    }
    if (m.hasServer() && !m.getServer().isEmpty()) {
      spec.put("server", m.getServer());
    }
    if (m.hasExplainer()) {
      ObjectNode explainer = spec.putObject("explainer").put("type", m.getExplainer().getType());
      if (m.getExplainer().hasModelRef()) {
        explainer.put("modelRef", m.getExplainer().getModelRef());
      }
      if (m.getExplainer().hasPipelineRef()) {
        explainer.put("pipelineRef", m.getExplainer().getPipelineRef());
      }
    }
    if (m.hasLlm()) {
      ObjectNode llm = spec.putObject("llm");
      if (m.getLlm().hasModelRef()) {
        llm.put("modelRef", m.getLlm().getModelRef());
      }
      if (m.getLlm().hasPipelineRef()) {
        llm.put("pipelineRef", m.getLlm().getPipelineRef());
      }
    }
    if (m.getParametersCount() > 0) {
      ArrayNode parameters = spec.putArray("parameters");
      m.getParametersList().forEach(p -> parameters.addObject().put("name", p.getName()).put("value", p.getValue()));
    }
    if (model.hasDeploymentSpec()) {
      var deployment = model.getDeploymentSpec();
      spec.put("replicas", deployment.getReplicas());
      if (deployment.getMinReplicas() != 0) {
        spec.put("minReplicas", deployment.getMinReplicas());
      }
      if (deployment.getMaxReplicas() != 0 && deployment.getMaxReplicas() != UNSET_MAX_REPLICAS) {
        spec.put("maxReplicas", Integer.toUnsignedLong(deployment.getMaxReplicas()));
      }
      if (deployment.getLogPayloads()) {
        spec.putObject("logger");
      }
    }
    if (model.hasDataflowSpec()) {
      spec.putObject("dataflow").put("cleanTopicsOnDelete", model.getDataflowSpec().getCleanTopicsOnDelete());
    }
    return write(resource);
  }

  static String pipeline(Pipeline pipeline) {
    ObjectNode resource = resource("Pipeline", pipeline.getName(),
        pipeline.hasKubernetesMeta() ? pipeline.getKubernetesMeta() : null);
    ObjectNode spec = resource.putObject("spec");
    ArrayNode steps = spec.putArray("steps");
    for (PipelineStep s : pipeline.getStepsList()) {
      ObjectNode step = steps.addObject().put("name", s.getName());
      strings(step, "inputs", s.getInputsList());
      if (s.hasJoinWindowMs()) {
        step.put("joinWindowMs", s.getJoinWindowMs());
      }
      tensorMap(step, s.getTensorMapMap());
      step.put("inputsJoinType", lower(s.getInputsJoin().name()));
      strings(step, "triggers", s.getTriggersList());
      step.put("triggersJoinType", lower(s.getTriggersJoin().name()));
      if (s.hasBatch() && (s.getBatch().hasSize() || s.getBatch().hasWindowMs())) {
        ObjectNode batch = step.putObject("batch");
        if (s.getBatch().hasSize()) {
          batch.put("size", s.getBatch().getSize());
        }
        if (s.getBatch().hasWindowMs()) {
          batch.put("windowMs", s.getBatch().getWindowMs());
        }
      }
    }
    if (pipeline.hasOutput()) {
      PipelineOutput o = pipeline.getOutput();
      ObjectNode output = spec.putObject("output");
      strings(output, "steps", o.getStepsList());
      if (o.getJoinWindowMs() != 0) {
        output.put("joinWindowMs", o.getJoinWindowMs());
      }
      output.put("stepsJoin", lower(o.getStepsJoin().name()));
      tensorMap(output, o.getTensorMapMap());
    }
    if (pipeline.hasInput()) {
      PipelineInput i = pipeline.getInput();
      ObjectNode input = spec.putObject("input");
      strings(input, "externalInputs", i.getExternalInputsList());
      strings(input, "externalTriggers", i.getExternalTriggersList());
      if (i.hasJoinWindowMs()) {
        input.put("joinWindowMs", i.getJoinWindowMs());
      }
      input.put("joinType", lower(i.getJoinType().name()));
      input.put("triggersJoinType", lower(i.getTriggersJoin().name()));
      tensorMap(input, i.getTensorMapMap());
    }
    if (pipeline.hasDataflowSpec()) {
      spec.putObject("dataflow").put("cleanTopicsOnDelete", pipeline.getDataflowSpec().getCleanTopicsOnDelete());
    }
    if (pipeline.getAllowCycles()) {
      spec.put("allowCycles", true);
    }
    if (pipeline.getMaxStepRevisits() != 0) {
      spec.put("maxStepRevisits", pipeline.getMaxStepRevisits());
    }
    return write(resource);
  }

  static String experiment(Experiment experiment) {
    ObjectNode resource = resource("Experiment", experiment.getName(),
        experiment.hasKubernetesMeta() ? experiment.getKubernetesMeta() : null);
    ObjectNode spec = resource.putObject("spec");
    if (experiment.hasDefault() && !experiment.getDefault().isEmpty()) {
      spec.put("default", experiment.getDefault());
    }
    ArrayNode candidates = spec.putArray("candidates");
    experiment.getCandidatesList().forEach(c -> candidates.addObject().put("name", c.getName()).put("weight", c.getWeight()));
    if (experiment.hasMirror()) {
      spec.putObject("mirror").put("name", experiment.getMirror().getName()).put("percent", experiment.getMirror().getPercent());
    }
    spec.put("resourceType", experiment.getResourceType() == ResourceType.PIPELINE ? "pipeline" : "model");
    return write(resource);
  }

  private static ObjectNode resource(String kind, String name, KubernetesMeta meta) {
    ObjectNode resource = JsonNodeFactory.instance.objectNode().put("apiVersion", "mlops.seldon.io/v1alpha1").put("kind", kind);
    ObjectNode metadata = resource.putObject("metadata").put("name", name);
    if (meta != null && !meta.getNamespace().isEmpty()) {
      metadata.put("namespace", meta.getNamespace());
    }
    if (meta != null && meta.getGeneration() > 0) {
      metadata.put("generation", meta.getGeneration());
    }
    return resource;
  }

  private static void strings(ObjectNode node, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode array = node.putArray(field);
      values.forEach(array::add);
    }
  }

  private static void tensorMap(ObjectNode node, Map<String, String> map) {
    if (!map.isEmpty()) {
      ObjectNode out = node.putObject("tensorMap");
      new TreeMap<>(map).forEach(out::put);
    }
  }

  private static String lower(String joinOp) {
    return joinOp.toLowerCase(Locale.ROOT);
  }

  private static String write(ObjectNode resource) {
    return resource.toString();
  }
}
