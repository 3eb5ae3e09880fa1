package io.trantor.dsl.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.trantor.dsl.Quantity;
import io.trantor.dsl.ResourceType;
import io.trantor.dsl.Server;
import io.trantor.dsl.ServerConfig;
import io.trantor.dsl.ServerConfigSpec;
import io.trantor.dsl.ServerSpec;
import io.trantor.dsl.internal.ScalingRules;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Builders of valid resources for tests, with Seldon's defaults, so a test states only what it is about:
 * {@code Specs.model("iris").requirements("sklearn").replicas(2).build()},
 * {@code Specs.pipeline("p").step("a").step("b", s -> s.inputs("a")).output("b").build()}.
 */
public final class Specs {

    private Specs() {
    }

    public static ModelBuilder model(String name) {
        return new ModelBuilder(name);
    }

    public static ServerBuilder server(String name) {
        return new ServerBuilder(name);
    }

    public static PipelineBuilder pipeline(String name) {
        return new PipelineBuilder(name);
    }

    public static ExperimentBuilder experiment(String name) {
        return new ExperimentBuilder(name);
    }

    /** A ServerConfig whose pod has one container per name, each with image {@code <name>:test}. */
    public static ServerConfig serverConfig(String name, String... containers) {
        ObjectNode podSpec = JsonNodeFactory.instance.objectNode();
        var list = podSpec.putArray("containers");
        for (String container : containers.length == 0 ? new String[]{name} : containers) {
            list.addObject().put("name", container).put("image", container + ":test");
        }
        return new ServerConfig(Metadata.named(name), new ServerConfigSpec(podSpec, List.of()));
    }

    public static final class ModelBuilder {
        private Metadata metadata;
        private String storageUri;
        private final List<String> requirements = new ArrayList<>();
        private Quantity memory;
        private Integer replicas;
        private int minReplicas;
        private int maxReplicas;
        private String server;
        private ModelSpec.Explainer explainer;
        private ModelSpec.Llm llm;
        private final List<ModelSpec.Parameter> parameters = new ArrayList<>();
        private Integer artifactVersion;

        private ModelBuilder(String name) {
            this.metadata = Metadata.named(name);
            this.storageUri = "gs://trantor-test/" + name;
        }

        public ModelBuilder namespace(String namespace) {
            metadata = metadata.withNamespace(namespace);
            return this;
        }

        public ModelBuilder storageUri(String storageUri) {
            this.storageUri = storageUri;
            return this;
        }

        public ModelBuilder requirements(String... requirements) {
            this.requirements.addAll(List.of(requirements));
            return this;
        }

        /** A Kubernetes quantity such as {@code 100Ki}. */
        public ModelBuilder memory(String memory) {
            this.memory = Quantity.parse(memory);
            return this;
        }

        public ModelBuilder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public ModelBuilder minReplicas(int minReplicas) {
            this.minReplicas = minReplicas;
            return this;
        }

        public ModelBuilder maxReplicas(int maxReplicas) {
            this.maxReplicas = maxReplicas;
            return this;
        }

        public ModelBuilder server(String server) {
            this.server = server;
            return this;
        }

        public ModelBuilder artifactVersion(int artifactVersion) {
            this.artifactVersion = artifactVersion;
            return this;
        }

        public ModelBuilder explainer(String type, String modelRef, String pipelineRef) {
            this.explainer = new ModelSpec.Explainer(type, modelRef, pipelineRef);
            return this;
        }

        public ModelBuilder llm(String modelRef, String pipelineRef) {
            this.llm = new ModelSpec.Llm(modelRef, pipelineRef);
            return this;
        }

        public ModelBuilder parameter(String name, String value) {
            parameters.add(new ModelSpec.Parameter(name, value));
            return this;
        }

        public Model build() {
            return new Model(metadata, new ModelSpec(storageUri, null, artifactVersion, null, null, requirements, memory,
                    ScalingRules.defaultReplicas(replicas, minReplicas), minReplicas, maxReplicas, server, false, false,
                    null, explainer, parameters, llm, null));
        }
    }

    public static final class ServerBuilder {
        private Metadata metadata;
        private String serverConfig = "mlserver";
        private final List<String> capabilities = new ArrayList<>();
        private final List<String> extraCapabilities = new ArrayList<>();
        private JsonNode podSpec;
        private Integer replicas;
        private int minReplicas;
        private int maxReplicas;

        private ServerBuilder(String name) {
            this.metadata = Metadata.named(name);
        }

        public ServerBuilder namespace(String namespace) {
            metadata = metadata.withNamespace(namespace);
            return this;
        }

        public ServerBuilder serverConfig(String serverConfig) {
            this.serverConfig = serverConfig;
            return this;
        }

        public ServerBuilder capabilities(String... capabilities) {
            this.capabilities.addAll(List.of(capabilities));
            return this;
        }

        public ServerBuilder extraCapabilities(String... extraCapabilities) {
            this.extraCapabilities.addAll(List.of(extraCapabilities));
            return this;
        }

        public ServerBuilder podSpec(JsonNode podSpec) {
            this.podSpec = podSpec;
            return this;
        }

        public ServerBuilder replicas(int replicas) {
            this.replicas = replicas;
            return this;
        }

        public ServerBuilder minReplicas(int minReplicas) {
            this.minReplicas = minReplicas;
            return this;
        }

        public ServerBuilder maxReplicas(int maxReplicas) {
            this.maxReplicas = maxReplicas;
            return this;
        }

        public Server build() {
            return new Server(metadata, new ServerSpec(serverConfig, extraCapabilities, capabilities, null, podSpec, null,
                    ScalingRules.defaultReplicas(replicas, minReplicas), minReplicas, maxReplicas, null, false));
        }
    }

    public static final class StepBuilder {
        private final String name;
        private final List<String> inputs = new ArrayList<>();
        private final List<String> triggers = new ArrayList<>();
        private final Map<String, String> tensorMap = new LinkedHashMap<>();
        private JoinType inputsJoinType;
        private JoinType triggersJoinType;
        private Integer joinWindowMs;
        private PipelineStep.Batch batch;

        private StepBuilder(String name) {
            this.name = name;
        }

        public StepBuilder inputs(String... inputs) {
            this.inputs.addAll(List.of(inputs));
            return this;
        }

        public StepBuilder triggers(String... triggers) {
            this.triggers.addAll(List.of(triggers));
            return this;
        }

        public StepBuilder tensorMap(String source, String target) {
            tensorMap.put(source, target);
            return this;
        }

        public StepBuilder inputsJoinType(JoinType joinType) {
            this.inputsJoinType = joinType;
            return this;
        }

        public StepBuilder triggersJoinType(JoinType joinType) {
            this.triggersJoinType = joinType;
            return this;
        }

        public StepBuilder joinWindowMs(int joinWindowMs) {
            this.joinWindowMs = joinWindowMs;
            return this;
        }

        public StepBuilder batchSize(int size) {
            this.batch = new PipelineStep.Batch(size, null, false);
            return this;
        }

        PipelineStep build() {
            return new PipelineStep(name, inputs, tensorMap, inputsJoinType, triggers, triggersJoinType, joinWindowMs,
                    batch);
        }
    }

    public static final class PipelineBuilder {
        private Metadata metadata;
        private final List<PipelineStep> steps = new ArrayList<>();
        private PipelineInput input;
        private PipelineOutput output;
        private boolean allowCycles;
        private int maxStepRevisits;

        private PipelineBuilder(String name) {
            this.metadata = Metadata.named(name);
        }

        public PipelineBuilder namespace(String namespace) {
            metadata = metadata.withNamespace(namespace);
            return this;
        }

        /** A step that reads the pipeline's inputs. */
        public PipelineBuilder step(String name) {
            return step(name, s -> s);
        }

        public PipelineBuilder step(String name, UnaryOperator<StepBuilder> step) {
            steps.add(step.apply(new StepBuilder(name)).build());
            return this;
        }

        public PipelineBuilder externalInputs(String... references) {
            this.input = new PipelineInput(List.of(references), List.of(), null, null, null, Map.of());
            return this;
        }

        public PipelineBuilder output(String... references) {
            return output(JoinType.INNER, references);
        }

        public PipelineBuilder output(JoinType stepsJoin, String... references) {
            this.output = new PipelineOutput(List.of(references), 0, stepsJoin, Map.of());
            return this;
        }

        public PipelineBuilder allowCycles(int maxStepRevisits) {
            this.allowCycles = true;
            this.maxStepRevisits = maxStepRevisits;
            return this;
        }

        public Pipeline build() {
            return new Pipeline(metadata, new PipelineSpec(steps, input, output, null, allowCycles, maxStepRevisits));
        }
    }

    public static final class ExperimentBuilder {
        private Metadata metadata;
        private String defaultResource;
        private final List<ExperimentSpec.Candidate> candidates = new ArrayList<>();
        private ExperimentSpec.Mirror mirror;
        private ResourceType resourceType = ResourceType.MODEL;

        private ExperimentBuilder(String name) {
            this.metadata = Metadata.named(name);
        }

        public ExperimentBuilder namespace(String namespace) {
            metadata = metadata.withNamespace(namespace);
            return this;
        }

        public ExperimentBuilder candidate(String name, int weight) {
            candidates.add(new ExperimentSpec.Candidate(name, weight));
            return this;
        }

        /** The CRD field {@code default}. */
        public ExperimentBuilder defaultResource(String name) {
            this.defaultResource = name;
            return this;
        }

        public ExperimentBuilder mirror(String name, int percent) {
            this.mirror = new ExperimentSpec.Mirror(name, percent);
            return this;
        }

        public ExperimentBuilder pipelines() {
            this.resourceType = ResourceType.PIPELINE;
            return this;
        }

        public Experiment build() {
            return new Experiment(metadata, new ExperimentSpec(defaultResource, candidates, mirror, resourceType));
        }
    }
}
