package io.trantor.operator.crd;

import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;
import java.util.Map;

/** {@code Model.status}: the duck fields plus replicas, selector and the model gateway's state. */
public record ModelStatus(
        Long observedGeneration,
        List<Condition> conditions,
        Map<String, String> annotations,
        @StatusReplicas Integer replicas,
        Integer availableReplicas,
        @LabelSelector String selector,
        String modelgwReady) {
}
