package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;
import java.util.List;

/** {@code SeldonRuntime.spec} (seldon-api-surface.md §4.7). */
public record SeldonRuntimeSpec(
        @Required String seldonConfig,
        List<OverrideSpec> overrides,
        SeldonConfiguration config,
        Boolean disableAutoUpdate) {
}
