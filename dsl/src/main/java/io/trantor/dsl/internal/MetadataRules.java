package io.trantor.dsl.internal;

import io.trantor.dsl.Metadata;

/** Checks the {@code metadata} every kind shares: the name (by the kind's rule) and the namespace. */
final class MetadataRules {

    private static final FieldPath METADATA = FieldPath.ROOT.field("metadata");

    private MetadataRules() {
    }

    static void check(Metadata metadata, NameRule nameRule, ProblemList problems) {
        nameRule.require(metadata.name(), METADATA.field("name"), problems);
        NameRule.DNS_1123_LABEL.require(metadata.namespace(), METADATA.field("namespace"), problems);
        if (metadata.generation() != null && metadata.generation() < 0) {
            problems.add(METADATA.field("generation"), "must be >= 0, got " + metadata.generation());
        }
    }
}
