package io.trantor.dsl;

/**
 * One {@code mlops.seldon.io/v1alpha1} resource: the closed set of kinds Trantor deploys.
 * SeldonConfig and SeldonRuntime describe a Seldon install, not a workload, so they are not here.
 */
public sealed interface Resource permits Model, Server, ServerConfig, Pipeline, Experiment {

    /** The only apiVersion Trantor reads and writes (a drop-in successor keeps Seldon's group). */
    String API_VERSION = "mlops.seldon.io/v1alpha1";

    Metadata metadata();

    Kind kind();

    default String name() {
        return metadata().name();
    }

    default String namespace() {
        return metadata().namespace();
    }
}
