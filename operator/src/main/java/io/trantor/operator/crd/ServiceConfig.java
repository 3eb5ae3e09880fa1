package io.trantor.operator.crd;

/** {@code config.serviceConfig}: a gRPC service name prefix and the Services' type. */
public record ServiceConfig(String grpcServicePrefix, String serviceType) {
}
