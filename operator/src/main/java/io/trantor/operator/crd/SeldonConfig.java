package io.trantor.operator.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A cluster admin's template for installs: what a SeldonRuntime names in {@code spec.seldonConfig}. */
@Group(SeldonCrds.GROUP)
@Version(SeldonCrds.VERSION)
@Plural("seldonconfigs")
@Singular("seldonconfig")
public final class SeldonConfig extends CustomResource<SeldonConfigSpec, SeldonConfigStatus> implements Namespaced {
}
