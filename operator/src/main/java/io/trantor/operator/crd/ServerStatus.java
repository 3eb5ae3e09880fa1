package io.trantor.operator.crd;

import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.List;
import java.util.Map;

/** {@code Server.status}: the duck fields plus loaded model replicas, replicas and the pods' selector. */
public record ServerStatus(
        Long observedGeneration,
        List<Condition> conditions,
        Map<String, String> annotations,
        @Required Integer loadedModels,
        @Required @StatusReplicas Integer replicas,
        @Required @LabelSelector String selector) {
}
