package io.trantor.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link Operator} only while this process holds a Lease, so that several operator replicas
 * (a Deployment with {@code replicas: 2}) never reconcile the same objects at once, as Seldon's
 * operator does with controller-runtime's {@code --leader-elect}. A replica that loses the Lease stops
 * its operator and calls {@code lost} (the CLI exits, and Kubernetes restarts it as a candidate); closing
 * releases the Lease, so another replica takes over at once instead of after the lease duration.
 *
 * <pre>{@code
 * try (OperatorLeadership leadership = OperatorLeadership.start(client, "seldon-mesh", "trantor-operator",
 *     identity, Timing.DEFAULT, () -> Operator.start(client, null, control), () -> System.exit(1))) { ... }
 * }</pre>
 */
public final class OperatorLeadership implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OperatorLeadership.class);

    /** The Lease's timings; controller-runtime's defaults are 15 s, 10 s and 2 s. */
    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    private final String identity;
    private final Supplier<Operator> operatorFactory;
    private final Runnable lost;
    private volatile Operator operator;
    private volatile boolean closing;
    private CompletableFuture<?> election;

    private OperatorLeadership(String identity, Supplier<Operator> operatorFactory, Runnable lost) {
        this.identity = identity;
        this.operatorFactory = operatorFactory;
        this.lost = lost;
    }

    /**
     * Joins the election for Lease {@code leaseName} in {@code namespace} as {@code identity}; the
     * operator starts when this process becomes the leader.
     */
    public static OperatorLeadership start(KubernetesClient client, String namespace, String leaseName, String identity,
            Timing timing, Supplier<Operator> operatorFactory, Runnable lost) {
        OperatorLeadership leadership = new OperatorLeadership(identity, operatorFactory, lost);
        leadership.election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(leaseName)
                .withLock(new LeaseLock(namespace, leaseName, identity))
                .withLeaseDuration(timing.leaseDuration())
                .withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(leadership::lead, leadership::stopLeading, leadership::newLeader))
                .build()).build().start();
        log.info("Operator {}: candidate for Lease {}/{}", identity, namespace, leaseName);
        return leadership;
    }

    /** Whether this process leads (its operator runs). */
    public boolean leading() {
        return operator != null;
    }

    private void lead() {
        log.info("Operator {}: leading; reconciling", identity);
        operator = operatorFactory.get();
    }

    private void stopLeading() {
        Operator running = operator;
        operator = null;
        if (running != null) {
            running.close();
        }
        if (!closing) {
            log.warn("Operator {}: lost the Lease; stopped reconciling", identity);
            lost.run();
        }
    }

    private void newLeader(String leader) {
        if (!leader.equals(identity)) {
            log.info("Operator {}: {} leads", identity, leader);
        }
    }

    /** Leaves the election, releasing the Lease if held, and stops the operator. */
    @Override
    public void close() {
        closing = true;
        if (election != null) {
            election.cancel(true);
        }
        Operator running = operator;
        operator = null;
        if (running != null) {
            running.close();
        }
    }
}
