package io.trantor.operator.internal;

import io.trantor.operator.crd.ModelStatus;
import io.trantor.protocol.control.ModelStatusDetail;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Instant;

/** A Model's {@code .status} from the control plane's status, as Seldon's operator writes it (§1, §3). */
public final class ModelStatuses {
    public static final String MODEL_READY = "ModelReady";
    public static final String MODEL_AVAILABLE = "ModelAvailable";

    private ModelStatuses() {
    }

    /**
     * {@code ModelReady} True only in state {@code ModelAvailable} (message = state name, reason = the
     * control plane's reason), {@code Ready} per the condition set; replicas, available replicas and the
     * selector {@code server=<server>} from the model detail; other fields kept.
     */
    public static ModelStatus of(ModelStatus current, ResourceStatus status, Instant now) {
        ConditionSet.Conditions conditions = ConditionSet.MODEL.manage(current == null ? null : current.conditions(), now);
        if (MODEL_AVAILABLE.equals(status.getState())) {
            conditions.markTrue(MODEL_READY, status.getReason(), status.getState());
        } else {
            conditions.markFalse(MODEL_READY, status.getReason(), status.getState());
        }
        ModelStatusDetail detail = status.getModel();
        return new ModelStatus(
                current == null ? null : current.observedGeneration(),
                conditions.list(),
                current == null ? null : current.annotations(),
                status.hasModel() ? detail.getDesiredReplicas() : null,
                status.hasModel() ? detail.getAvailableReplicas() : null,
                status.hasModel() && !detail.getServer().isEmpty() ? "server=" + detail.getServer() : null,
                current == null ? null : current.modelgwReady());
    }

    /**
     * A failed call to the control plane: {@code ModelReady} False with message {@code ModelProgressing}
     * (the operator retries) or {@code ModelFailed} (it does not until the spec changes), reason = the error.
     */
    public static ModelStatus failed(ModelStatus current, String error, boolean retryable, Instant now) {
        ConditionSet.Conditions conditions = ConditionSet.MODEL.manage(current == null ? null : current.conditions(), now);
        conditions.markFalse(MODEL_READY, error, retryable ? "ModelProgressing" : "ModelFailed");
        return current == null
                ? new ModelStatus(null, conditions.list(), null, null, null, null, null)
                : new ModelStatus(current.observedGeneration(), conditions.list(), current.annotations(),
                        current.replicas(), current.availableReplicas(), current.selector(), current.modelgwReady());
    }
}
