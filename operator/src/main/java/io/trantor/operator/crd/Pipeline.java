package io.trantor.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A graph of model steps joined over Kafka; single quotes in the JSONPaths, as Seldon's. */
@Group(SeldonCrds.GROUP)
@Version(SeldonCrds.VERSION)
@Plural("pipelines")
@Singular("pipeline")
@ShortNames("mlp")
@AdditionalPrinterColumn(name = "Pipeline ready", jsonPath = ".status.conditions[?(@.type=='Ready')].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Models ready", jsonPath = ".status.conditions[?(@.type=='ModelsReady')].status",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "PipelineGw ready",
        jsonPath = ".status.conditions[?(@.type=='PipelineGwReady')].status",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Dataflow ready", jsonPath = ".status.conditions[?(@.type=='PipelineReady')].status",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type=='Ready')].message",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public final class Pipeline extends CustomResource<PipelineSpec, PipelineStatus> implements Namespaced {
}
