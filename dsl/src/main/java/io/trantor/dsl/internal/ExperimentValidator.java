package io.trantor.dsl.internal;

import io.trantor.dsl.Experiment;
import io.trantor.dsl.ExperimentSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates an Experiment: Seldon's start-time checks (default among the candidates, unique candidate
 * and mirror names) plus ranges Seldon leaves unchecked (weights > 0, mirror percent 0 to 100).
 * Referenced models and pipelines need not exist yet, as in Seldon.
 */
public final class ExperimentValidator {

    private static final FieldPath SPEC = FieldPath.ROOT.field("spec");

    private ExperimentValidator() {
    }

    public static void check(Experiment experiment, ProblemList problems) {
        MetadataRules.check(experiment.metadata(), NameRule.DNS_1123_SUBDOMAIN, problems);
        ExperimentSpec spec = experiment.spec();
        List<ExperimentSpec.Candidate> candidates = spec.candidates();
        FieldPath candidatesPath = SPEC.field("candidates");
        if (candidates.isEmpty()) {
            problems.add(candidatesPath, "required: at least one candidate {name, weight}");
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < candidates.size(); i++) {
            ExperimentSpec.Candidate candidate = candidates.get(i);
            FieldPath at = candidatesPath.index(i);
            NameRule.SELDON.require(candidate.name(), at.field("name"), problems);
            if (candidate.name() != null) {
                Integer first = seen.putIfAbsent(candidate.name(), i);
                if (first != null) {
                    problems.add(at.field("name"), "\"" + candidate.name() + "\" is already spec.candidates[" + first + "]");
                }
            }
            if (candidate.weight() <= 0) {
                problems.add(at.field("weight"), "must be > 0 (share = weight / sum of weights), got " + candidate.weight());
            }
        }
        String defaultResource = spec.defaultResource();
        if (defaultResource != null && !candidates.isEmpty() && !seen.containsKey(defaultResource)) {
            problems.add(SPEC.field("default"), "\"" + defaultResource + "\" must be one of the candidates ("
                    + String.join(", ", candidates.stream().map(c -> String.valueOf(c.name())).toList()) + ")");
        }
        if (spec.mirror() != null) {
            FieldPath at = SPEC.field("mirror");
            NameRule.SELDON.require(spec.mirror().name(), at.field("name"), problems);
            if (spec.mirror().name() != null && seen.containsKey(spec.mirror().name())) {
                problems.add(at.field("name"), "\"" + spec.mirror().name() + "\" is also a candidate; a mirror gets a copy of"
                        + " the traffic, so it must be another " + spec.resourceType().value());
            }
            int percent = spec.mirror().percent();
            if (percent < 0 || percent > 100) {
                problems.add(at.field("percent"), "must be between 0 and 100, got " + percent);
            }
        }
    }
}
