package io.trantor.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Singular;
import io.fabric8.kubernetes.model.annotation.Version;

/** A weighted traffic split, and an optional mirror, over models or pipelines. */
@Group(SeldonCrds.GROUP)
@Version(SeldonCrds.VERSION)
@Plural("experiments")
@Singular("experiment")
@ShortNames("mlx")
@AdditionalPrinterColumn(name = "Experiment ready",
        jsonPath = ".status.conditions[?(@.type=='ExperimentReady')].status",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Candidates ready",
        jsonPath = ".status.conditions[?(@.type=='CandidatesReady')].status",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Mirror ready", jsonPath = ".status.conditions[?(@.type=='MirrorReady')].status",
        type = AdditionalPrinterColumn.Type.STRING, priority = 1)
@AdditionalPrinterColumn(name = "Message", jsonPath = ".status.conditions[?(@.type=='Ready')].message",
        type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp",
        type = AdditionalPrinterColumn.Type.DATE)
public final class Experiment extends CustomResource<ExperimentSpec, ExperimentStatus> implements Namespaced {
}
