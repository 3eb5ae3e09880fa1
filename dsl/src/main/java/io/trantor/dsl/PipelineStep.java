package io.trantor.dsl;

import java.util.List;
import java.util.Map;

/**
 * {@code Pipeline.spec.steps[]}.
 *
 * @param name             the model this step calls
 * @param inputs           data sources in dot notation ({@link StepReference}); empty means the
 *                         pipeline's own inputs
 * @param tensorMap        renames tensors: fully qualified source tensor to the name the model expects
 * @param inputsJoinType   defaults to {@code inner} (schema default)
 * @param triggers         sources that must be present to fire the step but are not passed to the model
 * @param triggersJoinType defaults to {@code inner} (no schema default; the proto zero value is INNER)
 * @param joinWindowMs     join window in ms, or null (see {@link PipelineSpec#ENGINE_DEFAULT_JOIN_WINDOW_MS})
 * @param batch            request batching, or null
 */
public record PipelineStep(String name, List<String> inputs, Map<String, String> tensorMap,
                           JoinType inputsJoinType, List<String> triggers, JoinType triggersJoinType,
                           Integer joinWindowMs, Batch batch) {

    public PipelineStep {
        inputs = inputs == null ? List.of() : List.copyOf(inputs);
        tensorMap = Metadata.ordered(tensorMap);
        inputsJoinType = inputsJoinType == null ? JoinType.INNER : inputsJoinType;
        triggers = triggers == null ? List.of() : List.copyOf(triggers);
        triggersJoinType = triggersJoinType == null ? JoinType.INNER : triggersJoinType;
    }

    /**
     * {@code batch}: accumulate {@code size} requests (or {@code windowMs}) before calling the step.
     * {@code rolling} is kept but Seldon never forwards it to the scheduler.
     */
    public record Batch(Integer size, Integer windowMs, boolean rolling) {
    }
}
