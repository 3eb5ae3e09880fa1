package io.trantor.operator.crd;

/** {@code Model.spec.logger}: payload logging. */
public record LoggingSpec(Integer percent) {
}
