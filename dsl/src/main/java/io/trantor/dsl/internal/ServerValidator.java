package io.trantor.dsl.internal;

import io.trantor.dsl.Server;
import io.trantor.dsl.ServerSpec;

/** Validates a Server; its Kubernetes pass-through objects are left to Kubernetes. */
public final class ServerValidator {

    private static final FieldPath SPEC = FieldPath.ROOT.field("spec");

    private ServerValidator() {
    }

    public static void check(Server server, ProblemList problems) {
        MetadataRules.check(server.metadata(), NameRule.DNS_1035_LABEL, problems);
        ServerSpec spec = server.spec();
        if (spec.serverConfig() == null || spec.serverConfig().isBlank()) {
            problems.add(SPEC.field("serverConfig"), "required: the ServerConfig to build from, e.g. mlserver or triton");
        }
        ModelValidator.nonBlankEntries(spec.capabilities(), SPEC.field("capabilities"), problems);
        ModelValidator.nonBlankEntries(spec.extraCapabilities(), SPEC.field("extraCapabilities"), problems);
        ScalingRules.check(spec.replicas(), spec.minReplicas(), spec.maxReplicas(), SPEC, problems);
        com.fasterxml.jackson.databind.JsonNode podSpec = spec.podSpec();
        com.fasterxml.jackson.databind.JsonNode grace = podSpec == null ? null : podSpec.get("terminationGracePeriodSeconds");
        if (grace != null && !grace.isNull() && !(grace.isIntegralNumber() && grace.canConvertToLong() && grace.asLong() >= 0)) {
            // It caps how long a leaving replica drains: a wrong value must not silently become the default.
            problems.add(SPEC.field("podSpec").field("terminationGracePeriodSeconds"),
                    "must be a whole number of seconds >= 0, got " + grace);
        }
    }
}
