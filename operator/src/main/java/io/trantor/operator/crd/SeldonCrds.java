package io.trantor.operator.crd;

import io.fabric8.kubernetes.client.CustomResource;
import java.util.List;

/** The group, version and kinds of Seldon Core 2's CRDs, in the order Seldon's kustomization lists them. */
public final class SeldonCrds {
    public static final String GROUP = "mlops.seldon.io";
    public static final String VERSION = "v1alpha1";

    /** Every kind of the group; the CRD files are generated from these. */
    public static final List<Class<? extends CustomResource<?, ?>>> KINDS = List.of(
            Model.class, Server.class, Pipeline.class, ServerConfig.class, Experiment.class,
            SeldonRuntime.class, SeldonConfig.class);

    private SeldonCrds() {
    }
}
