package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;

/** A volume claim template of a ServerConfig or SeldonConfig component: a name and a claim spec. */
public record PersistentVolumeClaimTemplate(@Required String name, @Required PersistentVolumeClaimSpec spec) {
}
