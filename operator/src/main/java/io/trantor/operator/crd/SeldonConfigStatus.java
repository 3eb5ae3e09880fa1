package io.trantor.operator.crd;

/** {@code SeldonConfig.status}: an object without properties, as Seldon's. */
public record SeldonConfigStatus() {
}
