package io.trantor.dsl.internal;

/**
 * Seldon's {@code GetValidatedScalingSpec} checks, shared by Models and Servers. Bounds of 0 mean unset.
 */
public final class ScalingRules {

    private ScalingRules() {
    }

    /**
     * Seldon's default for {@code replicas}: an explicit value wins; otherwise {@code minReplicas} when
     * positive; otherwise 1.
     */
    public static int defaultReplicas(Integer replicas, int minReplicas) {
        if (replicas != null) {
            return replicas;
        }
        return minReplicas > 0 ? minReplicas : 1;
    }

    static void check(int replicas, int minReplicas, int maxReplicas, FieldPath spec, ProblemList problems) {
        boolean ranges = nonNegative(replicas, spec.field("replicas"), problems)
                & nonNegative(minReplicas, spec.field("minReplicas"), problems)
                & nonNegative(maxReplicas, spec.field("maxReplicas"), problems);
        if (!ranges) {
            return;
        }
        if (minReplicas > 0 && replicas < minReplicas) {
            problems.add(spec.field("replicas"), "must be >= minReplicas (" + minReplicas + "), got " + replicas);
        }
        if (maxReplicas > 0 && minReplicas > maxReplicas) {
            problems.add(spec.field("minReplicas"), "must be <= maxReplicas (" + maxReplicas + "), got " + minReplicas);
        }
        if (maxReplicas > 0 && replicas > maxReplicas) {
            problems.add(spec.field("replicas"), "must be <= maxReplicas (" + maxReplicas + "), got " + replicas);
        }
    }

    static boolean nonNegative(Integer value, FieldPath path, ProblemList problems) {
        if (value != null && value < 0) {
            problems.add(path, "must be >= 0, got " + value);
            return false;
        }
        return true;
    }
}
