package io.trantor.dsl.internal;

import io.trantor.dsl.Pipeline;
import io.trantor.dsl.PipelineInput;
import io.trantor.dsl.PipelineOutput;
import io.trantor.dsl.PipelineReference;
import io.trantor.dsl.PipelineSpec;
import io.trantor.dsl.PipelineStep;
import io.trantor.dsl.StepReference;
import io.trantor.dsl.StepReference.Direction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Validates a Pipeline as Seldon's {@code validate.go} does (names, unique steps, well-formed references
 * to known steps, no step both input and trigger, {@code input} needs external inputs, no cycles unless
 * {@code allowCycles}) and adds what Seldon leaves to run time: tensorMap keys and join windows.
 * Referenced models and other pipelines need not exist yet, as in Seldon.
 */
public final class PipelineValidator {

    private static final FieldPath SPEC = FieldPath.ROOT.field("spec");

    private final Pipeline pipeline;
    private final ProblemList problems;
    private final String pipelineName;
    private final Map<String, Integer> stepIndex = new HashMap<>();
    /** Data-flow edges: {@code feeds.get(j)} holds the steps that read from step j. */
    private final List<Set<Integer>> feeds = new ArrayList<>();

    private PipelineValidator(Pipeline pipeline, ProblemList problems) {
        this.pipeline = pipeline;
        this.problems = problems;
        this.pipelineName = pipeline.metadata().name();
    }

    public static void check(Pipeline pipeline, ProblemList problems) {
        new PipelineValidator(pipeline, problems).check();
    }

    private void check() {
        MetadataRules.check(pipeline.metadata(), NameRule.SELDON, problems);
        PipelineSpec spec = pipeline.spec();
        if (spec.steps().isEmpty()) {
            problems.add(SPEC.field("steps"), "required: at least one step");
        }
        ScalingRules.nonNegative(spec.maxStepRevisits(), SPEC.field("maxStepRevisits"), problems);
        checkStepNames(spec.steps());
        for (int i = 0; i < spec.steps().size(); i++) {
            checkStep(i, spec.steps().get(i));
        }
        if (spec.input() != null) {
            checkInput(spec.input());
        }
        if (spec.output() != null) {
            checkOutput(spec.output());
        }
        if (!spec.allowCycles()) {
            checkCycles(spec.steps());
        }
    }

    private void checkStepNames(List<PipelineStep> steps) {
        for (int i = 0; i < steps.size(); i++) {
            feeds.add(new LinkedHashSet<>());
            String name = steps.get(i).name();
            FieldPath at = SPEC.field("steps").index(i).field("name");
            if (name == null || name.isEmpty()) {
                problems.add(at, "required: the name of the model this step calls");
                continue;
            }
            NameRule.SELDON.report(name, at, problems, "; a step name is a model name");
            if (name.equals(pipelineName)) {
                problems.add(at, "\"" + name + "\" must differ from the pipeline's name: \"" + name
                        + ".inputs\" would be ambiguous between the step and the pipeline");
            }
            Integer first = stepIndex.putIfAbsent(name, i);
            if (first != null) {
                problems.add(at, "\"" + name + "\" is already the name of spec.steps[" + first + "]");
            }
        }
    }

    private void checkStep(int i, PipelineStep step) {
        FieldPath at = SPEC.field("steps").index(i);
        Set<String> inputs = new LinkedHashSet<>();
        List<StepReference> reads = new ArrayList<>();
        if (step.inputs().isEmpty()) {
            reads.add(new StepReference(pipelineName, Direction.INPUTS, null));
        }
        for (int k = 0; k < step.inputs().size(); k++) {
            reference(step.inputs().get(k), at.field("inputs").index(k), i, "input")
                    .ifPresent(ref -> {
                        inputs.add(ref.toString());
                        reads.add(ref);
                    });
        }
        for (int k = 0; k < step.triggers().size(); k++) {
            FieldPath triggerPath = at.field("triggers").index(k);
            Optional<StepReference> ref = reference(step.triggers().get(k), triggerPath, i, "trigger");
            if (ref.isPresent() && inputs.contains(ref.get().toString())) {
                problems.add(triggerPath, "\"" + step.triggers().get(k) + "\" is also an input of this step;"
                        + " a source is either passed to the model (inputs) or only awaited (triggers)");
            }
        }
        checkTensorMap(step.tensorMap(), at.field("tensorMap"), reads, "this step");
        ScalingRules.nonNegative(step.joinWindowMs(), at.field("joinWindowMs"), problems);
        if (step.batch() != null) {
            ScalingRules.nonNegative(step.batch().size(), at.field("batch").field("size"), problems);
            ScalingRules.nonNegative(step.batch().windowMs(), at.field("batch").field("windowMs"), problems);
        }
    }

    /**
     * Checks one input or trigger of step {@code reader} and records the data-flow edge it implies.
     * A reference to {@code step.inputs} also depends on that step: its inputs topic is fed by its sources.
     */
    private Optional<StepReference> reference(String text, FieldPath at, int reader, String role) {
        if (text.isBlank()) {
            problems.add(at, "must not be empty: " + StepReference.EXPECTED);
            return Optional.empty();
        }
        Optional<StepReference> parsed = StepReference.parse(text);
        if (parsed.isEmpty()) {
            problems.add(at, "\"" + text + "\" is malformed: " + StepReference.EXPECTED);
            return Optional.empty();
        }
        StepReference ref = parsed.get();
        if (ref.name().equals(pipelineName) && !stepIndex.containsKey(ref.name())) {
            if (ref.direction() == Direction.OUTPUTS) {
                problems.add(at, "\"" + text + "\" is the pipeline's own output; a step can read the pipeline's"
                        + " inputs (" + pipelineName + ".inputs) or another step");
                return Optional.empty();
            }
            return parsed;
        }
        Integer source = stepIndex.get(ref.name());
        if (source == null) {
            problems.add(at, unknownStep(ref.name()));
            return Optional.empty();
        }
        if (source == reader && !pipeline.spec().allowCycles()) {
            problems.add(at, "step \"" + ref.name() + "\" cannot " + (role.equals("input") ? "read" : "be triggered by")
                    + " its own data (set spec.allowCycles: true for a loop)");
            return parsed;
        }
        feeds.get(source).add(reader);
        return parsed;
    }

    private String unknownStep(String name) {
        String steps = pipeline.spec().steps().stream().map(PipelineStep::name)
                .filter(n -> n != null && !n.isEmpty()).map(n -> "\"" + n + "\"").collect(Collectors.joining(", "));
        return "unknown step \"" + name + "\"; expected one of the steps (" + steps + ") or \"" + pipelineName
                + ".inputs\" for the pipeline's inputs";
    }

    /**
     * Keys are fully qualified source tensors of this pipeline; values are the model's tensor names. A key
     * must name a tensor that {@code reads} selects: any other rename would never apply (Seldon ignores it
     * silently, and the model then misses the tensor it expects).
     */
    private void checkTensorMap(Map<String, String> tensorMap, FieldPath at, List<StepReference> reads,
                                String reader) {
        tensorMap.forEach((key, value) -> {
            FieldPath entry = at.key(key);
            Optional<StepReference> ref = StepReference.parse(key);
            if (ref.isEmpty() || ref.get().tensor() == null || !key.equals(ref.get().toString())) {
                problems.add(entry, "key \"" + key + "\" must name one tensor: <step>.outputs.<tensor>,"
                        + " <step>.inputs.<tensor> or " + pipelineName + ".inputs.<tensor>");
            } else if (!stepIndex.containsKey(ref.get().name()) && !ref.get().name().equals(pipelineName)) {
                problems.add(entry, unknownStep(ref.get().name()));
            } else if (reads.stream().noneMatch(r -> r.name().equals(ref.get().name())
                    && r.direction() == ref.get().direction()
                    && (r.tensor() == null || r.tensor().equals(ref.get().tensor())))) {
                problems.add(entry, "unknown tensor \"" + key + "\": " + reader + " does not read it (it reads "
                        + reads.stream().map(StepReference::toString).collect(Collectors.joining(", "))
                        + "), so the rename would never apply");
            }
            if (value.isBlank()) {
                problems.add(entry, "must not be empty: the tensor name the model expects");
            }
        });
    }

    private void checkInput(PipelineInput input) {
        FieldPath at = SPEC.field("input");
        if (input.externalInputs().isEmpty()) {
            problems.add(at.field("externalInputs"), "required when spec.input is present: at least one "
                    + "reference to another pipeline's data");
        }
        externalReferences(input.externalInputs(), at.field("externalInputs"));
        externalReferences(input.externalTriggers(), at.field("externalTriggers"));
        ScalingRules.nonNegative(input.joinWindowMs(), at.field("joinWindowMs"), problems);
        input.tensorMap().forEach((key, value) -> {
            FieldPath entry = at.field("tensorMap").key(key);
            Optional<PipelineReference> ref = PipelineReference.parse(key);
            if (ref.isEmpty() || ref.get().tensor() == null) {
                problems.add(entry, "key \"" + key + "\" must name one tensor: <pipeline>.outputs.<tensor> or "
                        + "<pipeline>.step.<step>.outputs.<tensor>");
            } else if (input.externalInputs().stream().map(PipelineReference::parse).flatMap(Optional::stream)
                    .noneMatch(r -> r.pipeline().equals(ref.get().pipeline())
                            && java.util.Objects.equals(r.step(), ref.get().step())
                            && r.direction() == ref.get().direction()
                            && (r.tensor() == null || r.tensor().equals(ref.get().tensor())))) {
                problems.add(entry, "unknown tensor \"" + key + "\": spec.input.externalInputs do not read it ("
                        + String.join(", ", input.externalInputs()) + "), so the rename would never apply");
            }
            if (value.isBlank()) {
                problems.add(entry, "must not be empty: the tensor name the steps expect");
            }
        });
    }

    private void externalReferences(List<String> references, FieldPath at) {
        for (int k = 0; k < references.size(); k++) {
            String text = references.get(k);
            if (text.isBlank()) {
                problems.add(at.index(k), "must not be empty: " + PipelineReference.EXPECTED);
            } else if (PipelineReference.parse(text).isEmpty()) {
                problems.add(at.index(k), "\"" + text + "\" is malformed: " + PipelineReference.EXPECTED);
            }
        }
    }

    private void checkOutput(PipelineOutput output) {
        FieldPath at = SPEC.field("output");
        List<StepReference> reads = new ArrayList<>();
        if (output.steps().isEmpty()) {
            reads.add(new StepReference(pipelineName, Direction.INPUTS, null));
        }
        for (int k = 0; k < output.steps().size(); k++) {
            String text = output.steps().get(k);
            FieldPath entry = at.field("steps").index(k);
            Optional<StepReference> ref = StepReference.parse(text);
            if (text.isBlank()) {
                problems.add(entry, "must not be empty: " + StepReference.EXPECTED);
            } else if (ref.isEmpty()) {
                problems.add(entry, "\"" + text + "\" is malformed: " + StepReference.EXPECTED);
            } else if (!stepIndex.containsKey(ref.get().name())
                    && !(ref.get().name().equals(pipelineName) && ref.get().direction() == Direction.INPUTS)) {
                problems.add(entry, unknownStep(ref.get().name()));
            } else {
                reads.add(ref.get());
            }
        }
        ScalingRules.nonNegative(output.joinWindowMs(), at.field("joinWindowMs"), problems);
        checkTensorMap(output.tensorMap(), at.field("tensorMap"), reads, "spec.output");
    }

    /** Seldon rejects cycles unless allowed; each tangle of steps is reported once, at its first step. */
    private void checkCycles(List<PipelineStep> steps) {
        for (List<Integer> cycle : CycleFinder.cycles(feeds)) {
            String path = cycle.stream().map(i -> steps.get(i).name()).collect(Collectors.joining(" -> "));
            problems.add(SPEC.field("steps").index(cycle.get(0)), "steps form a cycle: " + path
                    + " (set spec.allowCycles: true and spec.maxStepRevisits to allow loops)");
        }
    }
}
