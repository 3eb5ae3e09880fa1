package io.trantor.operator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.operator.crd.Condition;
import io.trantor.operator.crd.ModelStatus;
import io.trantor.operator.crd.ServerStatus;
import io.trantor.protocol.control.ModelStatusDetail;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.control.ServerReplicaStatus;
import io.trantor.protocol.control.ServerStatusDetail;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Knative's LivingConditionSet semantics as Seldon's operator writes them (seldon-operator.md §1). */
class ConditionSetTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00.123Z");
    private static final Instant T1 = Instant.parse("2026-01-01T10:00:05Z");
    private static final Instant T2 = Instant.parse("2026-01-01T10:00:09Z");
    private static final ConditionSet PIPELINE = new ConditionSet(List.of("PipelineReady", "PipelineGwReady", "ModelsReady"));

    @Test
    void markingTheOnlyDependentTrueMakesReadyTrueWithoutReasonOrMessage() {
        List<Condition> conditions = ConditionSet.MODEL.manage(null, T0).markTrue("ModelReady", "loaded", "ModelAvailable").list();

        assertThat(conditions).containsExactly(
                new Condition("ModelReady", "True", null, "2026-01-01T10:00:00Z", "loaded", "ModelAvailable"),
                new Condition("Ready", "True", null, "2026-01-01T10:00:00Z", null, null));
    }

    @Test
    void aFalseDependentMakesReadyFalseWithItsReasonAndMessage() {
        List<Condition> conditions = ConditionSet.MODEL.manage(null, T0).markFalse("ModelReady", "no server", "ScheduleFailed").list();

        assertThat(conditions).containsExactly(
                new Condition("ModelReady", "False", null, "2026-01-01T10:00:00Z", "no server", "ScheduleFailed"),
                new Condition("Ready", "False", null, "2026-01-01T10:00:00Z", "no server", "ScheduleFailed"));
    }

    @Test
    void theTransitionTimeChangesOnlyWithStatusReasonOrMessage() {
        List<Condition> first = ConditionSet.MODEL.manage(null, T0).markFalse("ModelReady", "", "ModelProgressing").list();

        assertThat(ConditionSet.MODEL.manage(first, T1).markFalse("ModelReady", null, "ModelProgressing").list()).isEqualTo(first);

        List<Condition> changed = ConditionSet.MODEL.manage(first, T1).markFalse("ModelReady", "loading", "ModelProgressing").list();
        assertThat(changed).extracting(Condition::lastTransitionTime).containsOnly("2026-01-01T10:00:05Z");

        List<Condition> available = ConditionSet.MODEL.manage(changed, T2).markTrue("ModelReady", "", "ModelAvailable").list();
        assertThat(available).extracting(Condition::status).containsExactly("True", "True");
        assertThat(available).extracting(Condition::lastTransitionTime).containsOnly("2026-01-01T10:00:09Z");
    }

    @Test
    void readyWaitsForEveryDependentAndCopiesTheLatestFalseOne() {
        ConditionSet.Conditions c = PIPELINE.manage(null, T0).markTrue("PipelineReady", "", "");
        assertThat(c.get("Ready")).isEqualTo(new Condition("Ready", "Unknown", null, "2026-01-01T10:00:00Z", null, null));

        List<Condition> someFalse = PIPELINE.manage(c.list(), T0).markFalse("ModelsReady", "", "Some models are not available").list();
        ConditionSet.Conditions later = PIPELINE.manage(someFalse, T1).markFalse("PipelineGwReady", "PipelineCreating", "gw");
        later = PIPELINE.manage(later.list(), T2).markTrue("PipelineReady", "PipelineReady", "x");
        assertThat(later.get("Ready")).extracting(Condition::status, Condition::reason, Condition::message)
                .containsExactly("False", "PipelineCreating", "gw");

        later.markTrue("PipelineGwReady", "", "").markUnknown("ModelsReady", "checking", "");
        assertThat(later.get("Ready")).extracting(Condition::status, Condition::reason).containsExactly("Unknown", "checking");

        later.markTrue("ModelsReady", "", "Models all available");
        assertThat(later.get("Ready")).extracting(Condition::status, Condition::reason, Condition::message)
                .containsExactly("True", null, null);
        assertThat(later.list()).extracting(Condition::type)
                .containsExactly("ModelsReady", "PipelineGwReady", "PipelineReady", "Ready");
    }

    @Test
    void unknownLeavesReadyFalseWhileADependentIsFalse() {
        ConditionSet set = new ConditionSet(List.of("A", "B"));
        ConditionSet.Conditions c = set.manage(null, T0).markFalse("A", "broken", "").markUnknown("B", "waiting", "");
        assertThat(c.get("Ready")).extracting(Condition::status, Condition::reason).containsExactly("False", "broken");
    }

    @Test
    void otherConditionsAreInfoAndDoNotMoveReady() {
        ConditionSet.Conditions c = ConditionSet.MODEL.manage(null, T0).markFalse("ModelReady", "r", "ModelProgressing")
                .markFalse("Other", "x", "");
        assertThat(c.get("Other").severity()).isEqualTo("Info");
        assertThat(c.get("Ready")).extracting(Condition::reason).isEqualTo("r");
    }

    @Test
    void modelStatusFromTheControlPlane() {
        ResourceStatus available = ResourceStatus.newBuilder().setState("ModelAvailable").setReason("")
                .setModel(ModelStatusDetail.newBuilder().setDesiredReplicas(2).setAvailableReplicas(2).setServer("triton"))
                .build();

        ModelStatus status = ModelStatuses.of(null, available, T0);

        assertThat(status.conditions()).extracting(Condition::type, Condition::status, Condition::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ModelReady", "True", "ModelAvailable"),
                        org.assertj.core.groups.Tuple.tuple("Ready", "True", null));
        assertThat(status.replicas()).isEqualTo(2);
        assertThat(status.availableReplicas()).isEqualTo(2);
        assertThat(status.selector()).isEqualTo("server=triton");
        assertThat(ModelStatuses.of(status, available, T1)).isEqualTo(status);

        ModelStatus failed = ModelStatuses.failed(status, "UNAVAILABLE: io exception", true, T2);
        assertThat(failed.conditions()).extracting(Condition::status, Condition::reason, Condition::message)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("False", "UNAVAILABLE: io exception", "ModelProgressing"));
        assertThat(failed.replicas()).isEqualTo(2);
    }

    @Test
    void serverStatusFromTheControlPlane() {
        ResourceStatus twoOfTwo = ResourceStatus.newBuilder().setState("ServerReady")
                .setServer(ServerStatusDetail.newBuilder().setDesiredReplicas(2).setReadyReplicas(2)
                        .addReplicas(ServerReplicaStatus.newBuilder().addLoadedModels("iris_1").addLoadedModels("tfsimple1_1"))
                        .addReplicas(ServerReplicaStatus.newBuilder().addLoadedModels("iris_1")))
                .build();

        ServerStatus ready = ServerStatuses.of(null, "mlserver", twoOfTwo, T0);

        assertThat(ready).isEqualTo(new ServerStatus(null, List.of(
                new Condition("Ready", "True", null, "2026-01-01T10:00:00Z", null, null),
                new Condition("StatefulSetOrDeploymentReady", "True", null, "2026-01-01T10:00:00Z",
                        "StatefulSet replicas matches desired replicas", null)),
                null, 3, 2, "seldon-server-name=mlserver"));

        ResourceStatus oneOfTwo = twoOfTwo.toBuilder().setServer(twoOfTwo.getServer().toBuilder().setReadyReplicas(1)).build();
        assertThat(ServerStatuses.of(ready, "mlserver", oneOfTwo, T1).conditions())
                .extracting(Condition::status, Condition::reason, Condition::lastTransitionTime)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("False",
                        "StatefulSet replicas does not match desired replicas", "2026-01-01T10:00:05Z"));
    }
}
