package io.trantor.dsl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trantor.dsl.Dataflow;
import io.trantor.dsl.Experiment;
import io.trantor.dsl.ExperimentSpec;
import io.trantor.dsl.JoinType;
import io.trantor.dsl.Kind;
import io.trantor.dsl.Metadata;
import io.trantor.dsl.Model;
import io.trantor.dsl.ModelSpec;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.PipelineInput;
import io.trantor.dsl.PipelineOutput;
import io.trantor.dsl.PipelineSpec;
import io.trantor.dsl.PipelineStep;
import io.trantor.dsl.Quantity;
import io.trantor.dsl.Resource;
import io.trantor.dsl.ResourceType;
import io.trantor.dsl.Server;
import io.trantor.dsl.ServerConfig;
import io.trantor.dsl.ServerConfigSpec;
import io.trantor.dsl.ServerSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns one parsed document into a resource record, field by field, applying Seldon's defaults and
 * reporting every type error and unknown field into the {@link ReadContext}. Semantic rules (names,
 * ranges, references) are the validators' job, so a document that reads cleanly may still be invalid.
 */
public final class ResourceReader {

    private static final Map<String, JoinType> JOIN_TYPES = Arrays.stream(JoinType.values())
            .collect(Collectors.toMap(JoinType::value, t -> t, (a, b) -> a, LinkedHashMap::new));
    private static final Map<String, ResourceType> RESOURCE_TYPES = Arrays.stream(ResourceType.values())
            .collect(Collectors.toMap(ResourceType::value, t -> t, (a, b) -> a, LinkedHashMap::new));

    // ObjectMeta fields that the cluster owns: accepted (e.g. from `kubectl get -o yaml`) and dropped.
    private static final String[] CLUSTER_OWNED_METADATA = {"uid", "resourceVersion", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "finalizers", "ownerReferences", "managedFields",
        "generateName", "selfLink"};

    private final ReadContext context;

    public ResourceReader(ReadContext context) {
        this.context = context;
    }

    /** The resource of {@code document} at {@code path}, or empty when it is not one Trantor can read. */
    public Optional<Resource> read(JsonNode document, FieldPath path) {
        if (!document.isObject()) {
            context.errors().add(path, "expected a mapping with apiVersion, kind, metadata and spec, got "
                    + NodeReader.describe(document));
            return Optional.empty();
        }
        NodeReader root = new NodeReader((ObjectNode) document, path, context);
        root.ignore("status");
        String apiVersion = root.string("apiVersion");
        String kindText = root.string("kind");
        boolean readable = true;
        if (apiVersion == null) {
            root.error(path.field("apiVersion"), "required: expected " + Resource.API_VERSION);
            readable = false;
        } else if (!apiVersion.equals(Resource.API_VERSION)) {
            root.error(path.field("apiVersion"), "\"" + apiVersion + "\" must be " + Resource.API_VERSION);
            readable = false;
        }
        Optional<Kind> kind = Optional.ofNullable(kindText).flatMap(Kind::of);
        if (kind.isEmpty()) {
            String kinds = Arrays.stream(Kind.values()).map(Kind::value).collect(Collectors.joining(", "));
            root.error(path.field("kind"), kindText == null ? "required: expected one of " + kinds
                    : "\"" + kindText + "\" must be one of " + kinds);
            readable = false;
        }
        Metadata metadata = root.object("metadata", this::metadata);
        if (metadata == null && !hasProblemAt(path.field("metadata"))) {
            root.error(path.field("metadata"), "required: expected a mapping with at least a name");
        }
        if (!readable) {
            root.ignore("metadata", "spec");
            return Optional.empty();
        }
        Object spec = root.object("spec", specReader(kind.get()));
        root.finish();
        if (spec == null) {
            if (!hasProblemAt(path.field("spec"))) {
                root.error(path.field("spec"), "required: expected a mapping");
            }
            return Optional.empty();
        }
        Metadata meta = metadata == null ? Metadata.named(null) : metadata;
        return Optional.of(switch (kind.get()) {
            case MODEL -> new Model(meta, (ModelSpec) spec);
            case SERVER -> new Server(meta, (ServerSpec) spec);
            case SERVER_CONFIG -> new ServerConfig(meta, (ServerConfigSpec) spec);
            case PIPELINE -> new Pipeline(meta, (PipelineSpec) spec);
            case EXPERIMENT -> new Experiment(meta, (ExperimentSpec) spec);
        });
    }

    private boolean hasProblemAt(FieldPath path) {
        return context.errors().toList().stream().anyMatch(p -> path.contains(new FieldPath(p.path())));
    }

    private java.util.function.Function<NodeReader, Object> specReader(Kind kind) {
        return switch (kind) {
            case MODEL -> this::modelSpec;
            case SERVER -> this::serverSpec;
            case SERVER_CONFIG -> this::serverConfigSpec;
            case PIPELINE -> this::pipelineSpec;
            case EXPERIMENT -> this::experimentSpec;
        };
    }

    private Metadata metadata(NodeReader r) {
        r.ignore(CLUSTER_OWNED_METADATA);
        return new Metadata(r.string("name"), r.string("namespace"), r.stringMap("labels"),
                r.stringMap("annotations"), r.longInteger("generation"));
    }

    private ModelSpec modelSpec(NodeReader r) {
        String storageUri = r.string("storageUri");
        String modelType = r.string("modelType");
        Integer artifactVersion = r.integer("artifactVersion");
        String schemaUri = r.string("schemaUri");
        String secretName = r.string("secretName");
        var requirements = r.strings("requirements");
        Quantity memory = quantity(r, "memory");
        Integer replicas = r.integer("replicas");
        int minReplicas = r.integer("minReplicas", 0);
        int maxReplicas = r.integer("maxReplicas", 0);
        String server = r.string("server");
        boolean preloaded = r.bool("preloaded");
        boolean dedicated = r.bool("dedicated");
        ModelSpec.Logger logger = r.object("logger", l -> new ModelSpec.Logger(l.integer("percent")));
        ModelSpec.Explainer explainer = r.object("explainer", e -> new ModelSpec.Explainer(
                e.string("type"), e.string("modelRef"), e.string("pipelineRef")));
        var parameters = r.objects("parameters", p -> new ModelSpec.Parameter(p.string("name"), p.string("value")));
        ModelSpec.Llm llm = r.object("llm", l -> new ModelSpec.Llm(l.string("modelRef"), l.string("pipelineRef")));
        Dataflow dataflow = r.object("dataflow", this::dataflow);
        return new ModelSpec(storageUri, modelType, artifactVersion, schemaUri, secretName, requirements, memory,
                ScalingRules.defaultReplicas(replicas, minReplicas), minReplicas, maxReplicas, server, preloaded, dedicated, logger,
                explainer, parameters, llm, dataflow);
    }

    private Quantity quantity(NodeReader r, String field) {
        String text = r.intOrString(field);
        if (text == null) {
            return null;
        }
        try {
            return Quantity.parse(text);
        } catch (IllegalArgumentException e) {
            r.error(r.path().field(field), e.getMessage());
            return null;
        }
    }

    private Dataflow dataflow(NodeReader r) {
        return new Dataflow(r.bool("cleanTopicsOnDelete"));
    }

    private ServerSpec serverSpec(NodeReader r) {
        String serverConfig = r.string("serverConfig");
        var extraCapabilities = r.strings("extraCapabilities");
        var capabilities = r.strings("capabilities");
        JsonNode imageOverrides = r.tree("imageOverrides");
        JsonNode podSpec = r.tree("podSpec");
        JsonNode retention = r.tree("statefulSetPersistentVolumeClaimRetentionPolicy");
        Integer replicas = r.integer("replicas");
        int minReplicas = r.integer("minReplicas", 0);
        int maxReplicas = r.integer("maxReplicas", 0);
        JsonNode deploymentStrategy = r.tree("deploymentStrategy");
        boolean disableAutoUpdate = r.bool("disableAutoUpdate");
        return new ServerSpec(serverConfig, extraCapabilities, capabilities, imageOverrides, podSpec, retention,
                ScalingRules.defaultReplicas(replicas, minReplicas), minReplicas, maxReplicas, deploymentStrategy, disableAutoUpdate);
    }

    private ServerConfigSpec serverConfigSpec(NodeReader r) {
        JsonNode podSpec = r.tree("podSpec");
        var templates = r.objects("volumeClaimTemplates",
                t -> new ServerConfigSpec.VolumeClaimTemplate(t.string("name"), t.tree("spec")));
        return new ServerConfigSpec(podSpec, templates);
    }

    private PipelineSpec pipelineSpec(NodeReader r) {
        var steps = r.objects("steps", this::pipelineStep);
        PipelineInput input = r.object("input", this::pipelineInput);
        PipelineOutput output = r.object("output", this::pipelineOutput);
        Dataflow dataflow = r.object("dataflow", this::dataflow);
        boolean allowCycles = r.bool("allowCycles");
        int maxStepRevisits = r.integer("maxStepRevisits", 0);
        return new PipelineSpec(steps, input, output, dataflow, allowCycles, maxStepRevisits);
    }

    private PipelineStep pipelineStep(NodeReader r) {
        String name = r.string("name");
        var inputs = r.strings("inputs");
        var tensorMap = r.stringMap("tensorMap");
        JoinType inputsJoinType = r.oneOf("inputsJoinType", JOIN_TYPES);
        var triggers = r.strings("triggers");
        JoinType triggersJoinType = r.oneOf("triggersJoinType", JOIN_TYPES);
        Integer joinWindowMs = r.integer("joinWindowMs");
        PipelineStep.Batch batch = r.object("batch", b -> new PipelineStep.Batch(
                b.integer("size"), b.integer("windowMs"), b.bool("rolling")));
        return new PipelineStep(name, inputs, tensorMap, inputsJoinType, triggers, triggersJoinType, joinWindowMs,
                batch);
    }

    private PipelineInput pipelineInput(NodeReader r) {
        var externalInputs = r.strings("externalInputs");
        var externalTriggers = r.strings("externalTriggers");
        Integer joinWindowMs = r.integer("joinWindowMs");
        JoinType joinType = r.oneOf("joinType", JOIN_TYPES);
        JoinType triggersJoinType = r.oneOf("triggersJoinType", JOIN_TYPES);
        var tensorMap = r.stringMap("tensorMap");
        return new PipelineInput(externalInputs, externalTriggers, joinWindowMs, joinType, triggersJoinType, tensorMap);
    }

    private PipelineOutput pipelineOutput(NodeReader r) {
        var steps = r.strings("steps");
        int joinWindowMs = r.integer("joinWindowMs", 0);
        JoinType stepsJoin = r.oneOf("stepsJoin", JOIN_TYPES);
        var tensorMap = r.stringMap("tensorMap");
        return new PipelineOutput(steps, joinWindowMs, stepsJoin, tensorMap);
    }

    private ExperimentSpec experimentSpec(NodeReader r) {
        String defaultResource = r.string("default");
        var candidates = r.objects("candidates",
                c -> new ExperimentSpec.Candidate(c.string("name"), c.requiredInteger("weight")));
        ExperimentSpec.Mirror mirror = r.object("mirror",
                m -> new ExperimentSpec.Mirror(m.string("name"), m.requiredInteger("percent")));
        // Seldon treats any resourceType other than "pipeline" as a model; a typo there silently
        // routes to models, so Trantor insists on one of the two spellings.
        ResourceType resourceType = r.oneOf("resourceType", RESOURCE_TYPES);
        return new ExperimentSpec(defaultResource, candidates, mirror, resourceType);
    }
}
