package io.trantor.operator.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** One install of the control and data plane in its namespace, from a SeldonConfig. */
@Group(SeldonCrds.GROUP)
@Version(SeldonCrds.VERSION)
@Plural("seldonruntimes")
@Singular("seldonruntime")
public final class SeldonRuntime extends CustomResource<SeldonRuntimeSpec, SeldonRuntimeStatus>
        implements Namespaced {
}
