package io.trantor.operator.internal;

import io.trantor.operator.crd.PipelineStatus;
import io.trantor.protocol.control.PipelineGatewayStatus;
import io.trantor.protocol.control.ResourceStatus;
import java.time.Instant;

/**
 * A Pipeline's {@code .status} from the control plane's status, as Seldon's operator writes it
 * (seldon-operator.md §1). In Trantor the gateway runs the dataflow too, so {@code PipelineReady}
 * follows the pipeline's state and {@code PipelineGwReady} whether a gateway reports the version Ready.
 */
public final class PipelineStatuses {
    public static final String PIPELINE_READY = "PipelineReady";
    public static final String GATEWAY_READY = "PipelineGwReady";
    public static final String MODELS_READY = "ModelsReady";
    private static final String EMPTY_REASON = "Empty reason";

    private PipelineStatuses() {
    }

    /**
     * {@code PipelineReady} and {@code PipelineGwReady}: reason = the state's name, message =
     * {@code <gateway reason> | <dataflow reason>}; {@code ModelsReady}: message {@code Models all
     * available} or {@code Some models are not available}, as Seldon writes them.
     */
    public static PipelineStatus of(PipelineStatus current, ResourceStatus status, Instant now) {
        ConditionSet.Conditions conditions = ConditionSet.PIPELINE.manage(current == null ? null : current.conditions(), now);
        var detail = status.getPipeline();
        PipelineGatewayStatus gateway = detail.getGatewaysList().stream()
                .filter(g -> g.getVersion() == detail.getVersion())
                .reduce((a, b) -> "Ready".equals(a.getState()) ? a : b)
                .orElse(null);
        boolean gatewayReady = gateway != null && "Ready".equals(gateway.getState());
        String gatewayState = gateway == null ? "PipelineCreate" : "Pipeline" + gateway.getState();
        String message = orEmptyReason(gateway == null ? "" : gateway.getReason()) + " | " + orEmptyReason(status.getReason());

        if (detail.getModelsReady()) {
            conditions.markTrue(MODELS_READY, "", "Models all available");
        } else {
            conditions.markFalse(MODELS_READY, "", "Some models are not available");
        }
        if (gatewayReady) {
            conditions.markTrue(GATEWAY_READY, gatewayState, message);
        } else {
            conditions.markFalse(GATEWAY_READY, gatewayState, message);
        }
        if (PIPELINE_READY.equals(status.getState())) {
            conditions.markTrue(PIPELINE_READY, status.getState(), message);
        } else {
            conditions.markFalse(PIPELINE_READY, status.getState(), message);
        }
        return new PipelineStatus(current == null ? null : current.observedGeneration(), conditions.list(),
                current == null ? null : current.annotations());
    }

    /** A failed call: {@code PipelineReady} False, message {@code PipelineCreating} (retried) or {@code PipelineFailed}. */
    public static PipelineStatus failed(PipelineStatus current, String error, boolean retryable, Instant now) {
        ConditionSet.Conditions conditions = ConditionSet.PIPELINE.manage(current == null ? null : current.conditions(), now);
        conditions.markFalse(PIPELINE_READY, error, retryable ? "PipelineCreating" : "PipelineFailed");
        return new PipelineStatus(current == null ? null : current.observedGeneration(), conditions.list(),
                current == null ? null : current.annotations());
    }

    private static String orEmptyReason(String reason) {
        return reason == null || reason.isBlank() ? EMPTY_REASON : reason;
    }
}
