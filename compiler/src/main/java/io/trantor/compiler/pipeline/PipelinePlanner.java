package io.trantor.compiler.pipeline;

import io.trantor.dsl.JoinType;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.PipelineInput;
import io.trantor.dsl.PipelineOutput;
import io.trantor.dsl.PipelineReference;
import io.trantor.dsl.PipelineSpec;
import io.trantor.dsl.PipelineStep;
import io.trantor.dsl.StepReference;
import io.trantor.dsl.StepReference.Direction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a validated {@link Pipeline} into a {@link PipelinePlan}. Pure; deterministic.
 *
 * <p>The translation follows Seldon's scheduler (reference §4.5) so that the same topics carry the same
 * records:
 * <ul>
 *   <li>a reference {@code X.inputs|outputs[.t]} reads {@code pipeline.X.*} when X is this pipeline and
 *       {@code model.X.*} otherwise; a bare step name means its outputs; a step without inputs reads the
 *       pipeline's inputs;</li>
 *   <li>the {@code input} section reads other pipelines ({@code A.inputs|outputs[.t]} from
 *       {@code pipeline.A.*}, {@code A.step.s.inputs|outputs[.t]} from {@code model.s.*}) keeping the
 *       records of pipeline A, and writes this pipeline's inputs topic;</li>
 *   <li>the {@code output} section (its steps, or the pipeline inputs when it lists none) writes the
 *       outputs topic; without an {@code output} section the pipeline is asynchronous only;</li>
 *   <li>errors of this pipeline go to its outputs topic, always.</li>
 * </ul>
 * Decisions beyond Seldon: references to the same topic and source pipeline are merged into one
 * {@link FlowSource} (their tensors united; one reference without a tensor keeps them all), a
 * {@code tensorMap} entry is attached to the source it names rather than matched at run time, and an unset
 * or zero join window becomes {@link PipelineSpec#ENGINE_DEFAULT_JOIN_WINDOW_MS} here, once.
 */
public final class PipelinePlanner {
  private PipelinePlanner() {}

  /**
   * @param pipeline a pipeline that passed {@code dsl} validation
   * @param version  the version number the control plane assigned
   * @param uid      unique per version
   * @param topics   topic names of the pipeline's namespace (prefix from the Kafka settings)
   * @throws IllegalArgumentException naming the field when the pipeline did not pass validation
   */
  public static PipelinePlan plan(Pipeline pipeline, long version, String uid, TopicNames topics) {
    return new Planning(pipeline, topics).plan(version, uid);
  }

  /** One planning run; holds the pipeline and its topic names. */
  private static final class Planning {
    private final Pipeline pipeline;
    private final String name;
    private final TopicNames topics;

    Planning(Pipeline pipeline, TopicNames topics) {
      this.pipeline = pipeline;
      this.name = pipeline.metadata().name();
      this.topics = topics;
    }

    PipelinePlan plan(long version, String uid) {
      PipelineSpec spec = pipeline.spec();
      List<Flow> flows = new ArrayList<>();
      List<String> models = new ArrayList<>();
      for (int i = 0; i < spec.steps().size(); i++) {
        PipelineStep step = spec.steps().get(i);
        models.add(step.name());
        flows.add(stepFlow(step, "spec.steps[" + i + "]"));
      }
      if (spec.input() != null) {
        flows.add(inputFlow(spec.input()));
      }
      if (spec.output() != null) {
        flows.add(outputFlow(spec.output()));
      }
      flows.add(new Flow("pipeline-errors", Flow.Role.ERRORS,
          List.of(new FlowSource(topics.errors(), name, Payload.ERROR_TEXT, List.of(), Map.of())), JoinType.INNER,
          List.of(), JoinType.INNER, PipelineSpec.ENGINE_DEFAULT_JOIN_WINDOW_MS, topics.pipelineOutputs(name),
          Payload.ERROR_TEXT, 0, 0));
      Set<String> allTopics = new LinkedHashSet<>();
      for (Flow flow : flows) {
        flow.inputs().forEach(s -> allTopics.add(s.topic()));
        flow.triggers().forEach(s -> allTopics.add(s.topic()));
        allTopics.add(flow.sink());
      }
      // The pipeline's own two topics exist even when no flow touches one (no output section).
      allTopics.add(topics.pipelineInputs(name));
      allTopics.add(topics.pipelineOutputs(name));
      return new PipelinePlan(topics.namespace(), name, version, uid, allTopics, models, topics.pipelineInputs(name),
          topics.pipelineOutputs(name), topics.errors(), flows, spec.allowCycles(), spec.maxStepRevisits());
    }

    private Flow stepFlow(PipelineStep step, String at) {
      Sources inputs = new Sources();
      if (step.inputs().isEmpty()) {
        inputs.add(topics.pipelineInputs(name), name, null);
      }
      for (int k = 0; k < step.inputs().size(); k++) {
        inputs.add(internal(step.inputs().get(k), at + ".inputs[" + k + "]"));
      }
      Sources triggers = new Sources();
      for (int k = 0; k < step.triggers().size(); k++) {
        triggers.add(internal(step.triggers().get(k), at + ".triggers[" + k + "]"));
      }
      Map<Resolved, String> renames = internalRenames(step.tensorMap(), at + ".tensorMap");
      int batch = step.batch() == null || step.batch().size() == null ? 0 : step.batch().size();
      long batchWindow = step.batch() == null || step.batch().windowMs() == null ? 0 : step.batch().windowMs();
      return new Flow("step-" + step.name(), Flow.Role.STEP, inputs.build(renames), step.inputsJoinType(),
          triggers.build(Map.of()), step.triggersJoinType(), window(step.joinWindowMs()),
          topics.modelInputs(step.name()), Payload.REQUEST, batch, batchWindow);
    }

    private Flow inputFlow(PipelineInput input) {
      Sources inputs = new Sources();
      for (int k = 0; k < input.externalInputs().size(); k++) {
        inputs.add(external(input.externalInputs().get(k), "spec.input.externalInputs[" + k + "]"));
      }
      Sources triggers = new Sources();
      for (int k = 0; k < input.externalTriggers().size(); k++) {
        triggers.add(external(input.externalTriggers().get(k), "spec.input.externalTriggers[" + k + "]"));
      }
      Map<Resolved, String> renames = new LinkedHashMap<>();
      input.tensorMap().forEach((key, value) -> {
        Resolved ref = external(key, "spec.input.tensorMap." + key);
        renames.put(ref, value);
      });
      return new Flow("pipeline-input", Flow.Role.INPUT, inputs.build(renames), input.joinType(),
          triggers.build(Map.of()), input.triggersJoinType(), window(input.joinWindowMs()),
          topics.pipelineInputs(name), Payload.REQUEST, 0, 0);
    }

    private Flow outputFlow(PipelineOutput output) {
      Sources inputs = new Sources();
      if (output.steps().isEmpty()) {
        inputs.add(topics.pipelineInputs(name), name, null);
      }
      for (int k = 0; k < output.steps().size(); k++) {
        inputs.add(internal(output.steps().get(k), "spec.output.steps[" + k + "]"));
      }
      return new Flow("pipeline-output", Flow.Role.OUTPUT,
          inputs.build(internalRenames(output.tensorMap(), "spec.output.tensorMap")), output.stepsJoin(), List.of(),
          JoinType.INNER, window(output.joinWindowMs()), topics.pipelineOutputs(name), Payload.RESPONSE, 0, 0);
    }

    /** A step reference of this pipeline: its own name reads the pipeline's topics, any other a model's. */
    private Resolved internal(String text, String at) {
      StepReference ref = StepReference.parse(text).orElseThrow(() ->
          new IllegalArgumentException(at + ": \"" + text + "\" is malformed: " + StepReference.EXPECTED));
      boolean self = ref.name().equals(name);
      String topic = switch (ref.direction()) {
        case INPUTS -> self ? topics.pipelineInputs(name) : topics.modelInputs(ref.name());
        case OUTPUTS -> self ? topics.pipelineOutputs(name) : topics.modelOutputs(ref.name());
      };
      return new Resolved(topic, name, ref.tensor());
    }

    /** A reference to another pipeline's data; its records are those of that pipeline. */
    private Resolved external(String text, String at) {
      PipelineReference ref = PipelineReference.parse(text).orElseThrow(() ->
          new IllegalArgumentException(at + ": \"" + text + "\" is malformed: " + PipelineReference.EXPECTED));
      boolean inputs = ref.direction() == Direction.INPUTS;
      String topic = ref.step() == null
          ? (inputs ? topics.pipelineInputs(ref.pipeline()) : topics.pipelineOutputs(ref.pipeline()))
          : (inputs ? topics.modelInputs(ref.step()) : topics.modelOutputs(ref.step()));
      return new Resolved(topic, ref.pipeline(), ref.tensor());
    }

    private Map<Resolved, String> internalRenames(Map<String, String> tensorMap, String at) {
      Map<Resolved, String> renames = new LinkedHashMap<>();
      tensorMap.forEach((key, value) -> renames.put(internal(key, at + "." + key), value));
      return renames;
    }

    private static long window(Integer joinWindowMs) {
      return joinWindowMs == null || joinWindowMs <= 0 ? PipelineSpec.ENGINE_DEFAULT_JOIN_WINDOW_MS : joinWindowMs;
    }
  }

  /** A reference resolved to the topic, the pipeline whose records count, and one tensor or null (all). */
  private record Resolved(String topic, String pipeline, String tensor) {}

  /** Where a source's records come from: a topic, as seen by one source pipeline. */
  private record SourceKey(String topic, String pipeline) {}

  /** Groups references by (topic, pipeline), in first-reference order. */
  private static final class Sources {
    private final Map<SourceKey, List<String>> tensors = new LinkedHashMap<>();
    /** Sources referenced at least once without a tensor: they keep every tensor. */
    private final Set<SourceKey> everything = new LinkedHashSet<>();

    void add(Resolved ref) {
      add(ref.topic(), ref.pipeline(), ref.tensor());
    }

    void add(String topic, String pipeline, String tensor) {
      SourceKey key = new SourceKey(topic, pipeline);
      List<String> list = tensors.computeIfAbsent(key, k -> new ArrayList<>());
      if (tensor == null) {
        everything.add(key);
      } else if (!list.contains(tensor)) {
        list.add(tensor);
      }
    }

    List<FlowSource> build(Map<Resolved, String> renames) {
      List<FlowSource> sources = new ArrayList<>();
      tensors.forEach((key, list) -> {
        Map<String, String> applied = new LinkedHashMap<>();
        renames.forEach((ref, target) -> {
          if (ref.topic().equals(key.topic()) && ref.pipeline().equals(key.pipeline()) && ref.tensor() != null) {
            applied.put(ref.tensor(), target);
          }
        });
        sources.add(new FlowSource(key.topic(), key.pipeline(), Payload.ofTopic(key.topic()),
            everything.contains(key) ? List.of() : list, applied));
      });
      return sources;
    }
  }
}
