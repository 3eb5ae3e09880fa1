package io.trantor.operator.crd;

/** {@code ServerConfig.status}: an object without properties, as Seldon's. */
public record ServerConfigStatus() {
}
