package io.trantor.dsl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.trantor.dsl.ServerConfig;
import io.trantor.dsl.ServerConfigSpec;

/** Validates a ServerConfig: a real Kubernetes PodSpec needs its containers. */
public final class ServerConfigValidator {

    private static final FieldPath SPEC = FieldPath.ROOT.field("spec");

    private ServerConfigValidator() {
    }

    public static void check(ServerConfig config, ProblemList problems) {
        MetadataRules.check(config.metadata(), NameRule.DNS_1123_SUBDOMAIN, problems);
        ServerConfigSpec spec = config.spec();
        JsonNode podSpec = spec.podSpec();
        if (podSpec == null) {
            problems.add(SPEC.field("podSpec"), "required: a Kubernetes PodSpec with the server's containers");
        } else if (!podSpec.path("containers").isArray() || podSpec.path("containers").isEmpty()) {
            problems.add(SPEC.field("podSpec").field("containers"), "required: a non-empty list of containers");
        }
        for (int i = 0; i < spec.volumeClaimTemplates().size(); i++) {
            ServerConfigSpec.VolumeClaimTemplate template = spec.volumeClaimTemplates().get(i);
            FieldPath at = SPEC.field("volumeClaimTemplates").index(i);
            NameRule.DNS_1123_SUBDOMAIN.require(template.name(), at.field("name"), problems);
            if (template.spec() == null) {
                problems.add(at.field("spec"), "required: a PersistentVolumeClaimSpec");
            }
        }
    }
}
