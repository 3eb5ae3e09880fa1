package io.trantor.dsl;

import io.trantor.dsl.StepReference.Direction;
import java.util.Optional;

/**
 * A reference to another pipeline's data, used by {@code spec.input}: {@code p.inputs[.TENSOR]},
 * {@code p.outputs[.TENSOR]}, or one of its steps, {@code p.step.s.(inputs|outputs)[.TENSOR]}.
 *
 * @param step   a step of that pipeline, or null for the pipeline itself
 * @param tensor one tensor, or null for all of them
 */
public record PipelineReference(String pipeline, String step, Direction direction, String tensor) {

    public static final String EXPECTED = "expected <pipeline>.(inputs|outputs)[.<tensor>]"
            + " or <pipeline>.step.<step>.(inputs|outputs)[.<tensor>]";

    /** Parses a reference; empty when malformed (a bare pipeline name is malformed here, as in Seldon). */
    public static Optional<PipelineReference> parse(String text) {
        if (text == null || text.isBlank() || !text.equals(text.strip())) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        for (String part : parts) {
            if (part.isEmpty()) {
                return Optional.empty();
            }
        }
        if (parts.length >= 4 && parts[1].equals("step")) {
            if (parts.length > 5) {
                return Optional.empty();
            }
            return Direction.of(parts[3]).map(d ->
                    new PipelineReference(parts[0], parts[2], d, parts.length == 5 ? parts[4] : null));
        }
        if (parts.length < 2 || parts.length > 3) {
            return Optional.empty();
        }
        return Direction.of(parts[1]).map(d ->
                new PipelineReference(parts[0], null, d, parts.length == 3 ? parts[2] : null));
    }

    @Override
    public String toString() {
        return pipeline + (step == null ? "" : ".step." + step) + "." + direction.value()
                + (tensor == null ? "" : "." + tensor);
    }
}
