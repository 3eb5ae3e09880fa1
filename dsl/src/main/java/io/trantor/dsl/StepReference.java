package io.trantor.dsl;

import java.util.Optional;

/**
 * A reference to step data inside a pipeline, in Seldon's dot notation: {@code step} (= {@code
 * step.outputs}), {@code step.outputs}, {@code step.outputs.TENSOR}, {@code step.inputs},
 * {@code step.inputs.TENSOR}; {@code <pipeline>.inputs[.TENSOR]} names the request itself.
 *
 * @param name   a step name, or the pipeline's own name
 * @param tensor one tensor, or null for all of them; may itself contain dots
 */
public record StepReference(String name, Direction direction, String tensor) {

    /** What every parse failure says is expected. */
    public static final String EXPECTED =
            "expected <step>, <step>.outputs, <step>.outputs.<tensor>, <step>.inputs[.<tensor>]"
                    + " or <pipeline>.inputs[.<tensor>]";

    /** Which side of a step: the request it received or the response it produced. */
    public enum Direction {
        INPUTS, OUTPUTS;

        public String value() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Optional<Direction> of(String value) {
            return switch (value) {
                case "inputs" -> Optional.of(INPUTS);
                case "outputs" -> Optional.of(OUTPUTS);
                default -> Optional.empty();
            };
        }
    }

    /** Parses and normalises a reference ({@code step} becomes {@code step.outputs}); empty when malformed. */
    public static Optional<StepReference> parse(String text) {
        if (text == null || text.isBlank() || !text.equals(text.strip())) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", 3);
        if (parts[0].isEmpty()) {
            return Optional.empty();
        }
        if (parts.length == 1) {
            return Optional.of(new StepReference(parts[0], Direction.OUTPUTS, null));
        }
        Optional<Direction> direction = Direction.of(parts[1]);
        if (direction.isEmpty() || parts.length == 3 && parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StepReference(parts[0], direction.get(), parts.length == 3 ? parts[2] : null));
    }

    @Override
    public String toString() {
        return name + "." + direction.value() + (tensor == null ? "" : "." + tensor);
    }
}
