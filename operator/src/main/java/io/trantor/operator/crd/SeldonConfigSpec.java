package io.trantor.operator.crd;

import java.util.List;

/** {@code SeldonConfig.spec}: the components of an install and their configuration. */
public record SeldonConfigSpec(List<ComponentDefn> components, SeldonConfiguration config) {
}
