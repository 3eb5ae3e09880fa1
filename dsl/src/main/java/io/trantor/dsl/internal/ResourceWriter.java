package io.trantor.dsl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trantor.dsl.Dataflow;
import io.trantor.dsl.Experiment;
import io.trantor.dsl.ExperimentSpec;
import io.trantor.dsl.JoinType;
import io.trantor.dsl.Metadata;
import io.trantor.dsl.Model;
import io.trantor.dsl.ModelSpec;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.PipelineInput;
import io.trantor.dsl.PipelineOutput;
import io.trantor.dsl.PipelineSpec;
import io.trantor.dsl.PipelineStep;
import io.trantor.dsl.Resource;
import io.trantor.dsl.Server;
import io.trantor.dsl.ServerConfig;
import io.trantor.dsl.ServerConfigSpec;
import io.trantor.dsl.ServerSpec;
import java.util.List;
import java.util.Map;

/**
 * Turns a resource back into its manifest tree, in the CRD's field order, with defaults written out
 * (as {@code kubectl get -o yaml} shows schema defaults) and absent values, empty lists, false flags and
 * unset (0) bounds left out, so that reading the tree gives the same record again.
 */
public final class ResourceWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ResourceWriter() {
    }

    public static ObjectNode write(Resource resource) {
        ObjectNode root = NODES.objectNode();
        root.put("apiVersion", Resource.API_VERSION);
        root.put("kind", resource.kind().value());
        root.set("metadata", metadata(resource.metadata()));
        root.set("spec", switch (resource) {
            case Model model -> model(model.spec());
            case Server server -> server(server.spec());
            case ServerConfig config -> serverConfig(config.spec());
            case Pipeline pipeline -> pipeline(pipeline.spec());
            case Experiment experiment -> experiment(experiment.spec());
        });
        return root;
    }

    private static ObjectNode metadata(Metadata metadata) {
        ObjectNode node = NODES.objectNode();
        putString(node, "name", metadata.name());
        putString(node, "namespace", metadata.namespace());
        putMap(node, "labels", metadata.labels());
        putMap(node, "annotations", metadata.annotations());
        if (metadata.generation() != null) {
            node.put("generation", metadata.generation());
        }
        return node;
    }

    private static ObjectNode model(ModelSpec spec) {
        ObjectNode node = NODES.objectNode();
        putString(node, "storageUri", spec.storageUri());
        putString(node, "modelType", spec.modelType());
        putInteger(node, "artifactVersion", spec.artifactVersion());
        putString(node, "schemaUri", spec.schemaUri());
        putString(node, "secretName", spec.secretName());
        putStrings(node, "requirements", spec.requirements());
        if (spec.memory() != null) {
            node.put("memory", spec.memory().text());
        }
        node.put("replicas", spec.replicas());
        putBound(node, "minReplicas", spec.minReplicas());
        putBound(node, "maxReplicas", spec.maxReplicas());
        putString(node, "server", spec.server());
        putFlag(node, "preloaded", spec.preloaded());
        putFlag(node, "dedicated", spec.dedicated());
        if (spec.logger() != null) {
            ObjectNode logger = node.putObject("logger");
            putInteger(logger, "percent", spec.logger().percent());
        }
        if (spec.explainer() != null) {
            ObjectNode explainer = node.putObject("explainer");
            putString(explainer, "type", spec.explainer().type());
            putString(explainer, "modelRef", spec.explainer().modelRef());
            putString(explainer, "pipelineRef", spec.explainer().pipelineRef());
        }
        if (!spec.parameters().isEmpty()) {
            ArrayNode parameters = node.putArray("parameters");
            for (ModelSpec.Parameter parameter : spec.parameters()) {
                ObjectNode entry = parameters.addObject();
                putString(entry, "name", parameter.name());
                putString(entry, "value", parameter.value());
            }
        }
        if (spec.llm() != null) {
            ObjectNode llm = node.putObject("llm");
            putString(llm, "modelRef", spec.llm().modelRef());
            putString(llm, "pipelineRef", spec.llm().pipelineRef());
        }
        putDataflow(node, spec.dataflow());
        return node;
    }

    private static ObjectNode server(ServerSpec spec) {
        ObjectNode node = NODES.objectNode();
        putString(node, "serverConfig", spec.serverConfig());
        putStrings(node, "extraCapabilities", spec.extraCapabilities());
        putStrings(node, "capabilities", spec.capabilities());
        putTree(node, "imageOverrides", spec.imageOverrides());
        putTree(node, "podSpec", spec.podSpec());
        putTree(node, "statefulSetPersistentVolumeClaimRetentionPolicy",
                spec.statefulSetPersistentVolumeClaimRetentionPolicy());
        node.put("replicas", spec.replicas());
        putBound(node, "minReplicas", spec.minReplicas());
        putBound(node, "maxReplicas", spec.maxReplicas());
        putTree(node, "deploymentStrategy", spec.deploymentStrategy());
        putFlag(node, "disableAutoUpdate", spec.disableAutoUpdate());
        return node;
    }

    private static ObjectNode serverConfig(ServerConfigSpec spec) {
        ObjectNode node = NODES.objectNode();
        putTree(node, "podSpec", spec.podSpec());
        if (!spec.volumeClaimTemplates().isEmpty()) {
            ArrayNode templates = node.putArray("volumeClaimTemplates");
            for (ServerConfigSpec.VolumeClaimTemplate template : spec.volumeClaimTemplates()) {
                ObjectNode entry = templates.addObject();
                putString(entry, "name", template.name());
                putTree(entry, "spec", template.spec());
            }
        }
        return node;
    }

    private static ObjectNode pipeline(PipelineSpec spec) {
        ObjectNode node = NODES.objectNode();
        ArrayNode steps = node.putArray("steps");
        spec.steps().forEach(step -> steps.add(step(step)));
        if (spec.input() != null) {
            node.set("input", input(spec.input()));
        }
        if (spec.output() != null) {
            node.set("output", output(spec.output()));
        }
        putDataflow(node, spec.dataflow());
        putFlag(node, "allowCycles", spec.allowCycles());
        putBound(node, "maxStepRevisits", spec.maxStepRevisits());
        return node;
    }

    private static ObjectNode step(PipelineStep step) {
        ObjectNode node = NODES.objectNode();
        putString(node, "name", step.name());
        putStrings(node, "inputs", step.inputs());
        putMap(node, "tensorMap", step.tensorMap());
        node.put("inputsJoinType", step.inputsJoinType().value());
        putStrings(node, "triggers", step.triggers());
        // The schema has no default here, so it is written only when it says something.
        if (!step.triggers().isEmpty() || step.triggersJoinType() != JoinType.INNER) {
            node.put("triggersJoinType", step.triggersJoinType().value());
        }
        putInteger(node, "joinWindowMs", step.joinWindowMs());
        if (step.batch() != null) {
            ObjectNode batch = node.putObject("batch");
            putInteger(batch, "size", step.batch().size());
            putInteger(batch, "windowMs", step.batch().windowMs());
            putFlag(batch, "rolling", step.batch().rolling());
        }
        return node;
    }

    private static ObjectNode input(PipelineInput input) {
        ObjectNode node = NODES.objectNode();
        putStrings(node, "externalInputs", input.externalInputs());
        putStrings(node, "externalTriggers", input.externalTriggers());
        putInteger(node, "joinWindowMs", input.joinWindowMs());
        node.put("joinType", input.joinType().value());
        node.put("triggersJoinType", input.triggersJoinType().value());
        putMap(node, "tensorMap", input.tensorMap());
        return node;
    }

    private static ObjectNode output(PipelineOutput output) {
        ObjectNode node = NODES.objectNode();
        putStrings(node, "steps", output.steps());
        putBound(node, "joinWindowMs", output.joinWindowMs());
        node.put("stepsJoin", output.stepsJoin().value());
        putMap(node, "tensorMap", output.tensorMap());
        return node;
    }

    private static ObjectNode experiment(ExperimentSpec spec) {
        ObjectNode node = NODES.objectNode();
        putString(node, "default", spec.defaultResource());
        ArrayNode candidates = node.putArray("candidates");
        for (ExperimentSpec.Candidate candidate : spec.candidates()) {
            ObjectNode entry = candidates.addObject();
            putString(entry, "name", candidate.name());
            entry.put("weight", candidate.weight());
        }
        if (spec.mirror() != null) {
            ObjectNode mirror = node.putObject("mirror");
            putString(mirror, "name", spec.mirror().name());
            mirror.put("percent", spec.mirror().percent());
        }
        node.put("resourceType", spec.resourceType().value());
        return node;
    }

    private static void putDataflow(ObjectNode node, Dataflow dataflow) {
        if (dataflow != null) {
            node.putObject("dataflow").put("cleanTopicsOnDelete", dataflow.cleanTopicsOnDelete());
        }
    }

    private static void putString(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putInteger(ObjectNode node, String field, Integer value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static void putBound(ObjectNode node, String field, int value) {
        if (value != 0) {
            node.put(field, value);
        }
    }

    private static void putFlag(ObjectNode node, String field, boolean value) {
        if (value) {
            node.put(field, true);
        }
    }

    private static void putStrings(ObjectNode node, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = node.putArray(field);
            values.forEach(array::add);
        }
    }

    private static void putMap(ObjectNode node, String field, Map<String, String> values) {
        if (!values.isEmpty()) {
            ObjectNode map = node.putObject(field);
            values.forEach(map::put);
        }
    }

    private static void putTree(ObjectNode node, String field, JsonNode tree) {
        if (tree != null) {
            node.set(field, tree);
        }
    }
}
