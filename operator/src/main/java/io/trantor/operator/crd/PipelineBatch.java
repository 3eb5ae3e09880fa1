package io.trantor.operator.crd;

/** {@code batch} of a pipeline step: gather {@code size} requests, or wait {@code windowMs}. */
public record PipelineBatch(Integer size, Integer windowMs, Boolean rolling) {
}
