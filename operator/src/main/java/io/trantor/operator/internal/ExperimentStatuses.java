package io.trantor.operator.internal;

import io.trantor.operator.crd.ExperimentStatus;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Instant;

/**
 * An Experiment's {@code .status} from the control plane's status, as Seldon's operator writes it
 * (seldon-operator.md §1): only reasons, no messages. Trantor's experiment is active once its
 * candidates and mirror are routed, so the three conditions move together.
 */
public final class ExperimentStatuses {
    public static final String EXPERIMENT_READY = "ExperimentReady";
    public static final String CANDIDATES_READY = "CandidatesReady";
    public static final String MIRROR_READY = "MirrorReady";

    private ExperimentStatuses() {
    }

    /** {@code ExperimentReady} reason = {@code experiment active} or why not; candidates and mirror as Seldon words them. */
    public static ExperimentStatus of(ExperimentStatus current, ResourceStatus status, Instant now) {
        ConditionSet.Conditions conditions = ConditionSet.EXPERIMENT.manage(current == null ? null : current.conditions(), now);
        boolean active = EXPERIMENT_READY.equals(status.getState());
        if (active) {
            conditions.markTrue(CANDIDATES_READY, "Candidates ready", null);
            conditions.markTrue(MIRROR_READY, "Mirror ready", null);
            conditions.markTrue(EXPERIMENT_READY, "experiment active", null);
        } else {
            String why = status.getReason().isBlank() ? status.getState() : status.getReason();
            conditions.markFalse(CANDIDATES_READY, "Candidates not ready", null);
            conditions.markFalse(MIRROR_READY, "Mirror not ready", null);
            conditions.markFalse(EXPERIMENT_READY, why, null);
        }
        return new ExperimentStatus(current == null ? null : current.observedGeneration(), conditions.list(),
                current == null ? null : current.annotations());
    }

    /**
     * A failed call: {@code ExperimentReady} False with the error as its reason. (Seldon's operator
     * writes a {@code ModelReady} condition onto the Experiment here, a slip this does not copy.)
     */
    public static ExperimentStatus failed(ExperimentStatus current, String error, boolean retryable, Instant now) {
        ConditionSet.Conditions conditions = ConditionSet.EXPERIMENT.manage(current == null ? null : current.conditions(), now);
        conditions.markFalse(EXPERIMENT_READY, error, null);
        return new ExperimentStatus(current == null ? null : current.observedGeneration(), conditions.list(),
                current == null ? null : current.annotations());
    }
}
