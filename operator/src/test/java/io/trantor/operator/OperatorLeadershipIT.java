package io.trantor.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.trantor.operator.testkit.KubeApiServerExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two operator replicas against a real kube-apiserver: one leads at a time; the other takes over when it leaves. */
class OperatorLeadershipIT {
    private static final Duration DEADLINE = Duration.ofSeconds(30);
    private static final OperatorLeadership.Timing FAST =
            new OperatorLeadership.Timing(Duration.ofSeconds(4), Duration.ofSeconds(3), Duration.ofMillis(300));

    @RegisterExtension
    static final KubeApiServerExtension KAS = new KubeApiServerExtension();

    @BeforeAll
    static void applyCrds() throws IOException {
        KAS.applyCommittedCrds();
    }

    private static OperatorLeadership candidate(KubernetesClient client, String identity, AtomicInteger lost) {
        // No control plane is needed: with no objects to reconcile the operator never calls it.
        return OperatorLeadership.start(client, "default", "trantor-operator", identity, FAST,
                () -> Operator.start(client, "default", "127.0.0.1:1"), lost::incrementAndGet);
    }

    @Test
    void oneReplicaLeadsAndTheOtherTakesOverWhenItLeaves() {
        KubernetesClient client = KAS.client();
        AtomicInteger lost = new AtomicInteger();
        try (OperatorLeadership first = candidate(client, "replica-a", lost)) {
            await().atMost(DEADLINE).until(first::leading);
            try (OperatorLeadership second = candidate(client, "replica-b", lost)) {
                // The second candidate tries every 300 ms; within several of its tries it must not lead.
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> !second.leading());
                assertThat(first.leading()).isTrue();

                first.close();

                // Released on close: the takeover does not wait for the 4 s lease to run out.
                await().atMost(Duration.ofSeconds(3)).until(second::leading);
                assertThat(first.leading()).isFalse();
            }
        }
        assertThat(lost).as("a replica that leaves on purpose has not lost the Lease").hasValue(0);
    }
}
