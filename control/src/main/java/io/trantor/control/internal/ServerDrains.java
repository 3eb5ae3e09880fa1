package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.temporal.client.WorkflowClient;
import io.trantor.workflows.server.DrainOrder;
import io.trantor.workflows.server.ReplicaDrain;
import io.trantor.workflows.server.ServerStarter;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's side of {@link io.trantor.workflows.server.ServerWorkflow}: queues a drain
 * order and waits, polling the workflow's status, until the replica is released.
 */
public final class ServerDrains {
  private static final Logger log = LoggerFactory.getLogger(ServerDrains.class);
  /** Beyond the grace period, how long a caller waits for the workflow to report the release. */
  static final Duration SLACK = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(100);

  private final WorkflowClient client;

  public ServerDrains(WorkflowClient client) {
    this.client = requireNonNull(client, "client");
  }

  /** Drains the replica; empty when the workflow did not report the release in time. */
  public Optional<ReplicaDrain> drain(String namespace, String server, int replicaIndex, long gracePeriodSeconds) {
    String id = UUID.randomUUID().toString();
    ServerStarter.drain(client, namespace, server, new DrainOrder(id, replicaIndex, gracePeriodSeconds));
    long deadline = System.nanoTime() + Duration.ofSeconds(gracePeriodSeconds).plus(SLACK).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        Optional<ReplicaDrain> done = ServerStarter.status(client, namespace, server).stream()
            .filter(d -> d.orderId().equals(id) && d.released())
            .findFirst();
        if (done.isPresent()) {
          return done;
        }
      } catch (RuntimeException e) {
        // A query may race the workflow's start or a continue-as-new: ask again.
        log.debug("Drain status of {}/{} not readable yet: {}", namespace, server, e.toString());
      }
      try {
        Thread.sleep(POLL.toMillis()); // polling the workflow's status up to the drain's deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
    log.warn("Drain of {}/{}/{} not reported released within the grace period + {} s", namespace, server, replicaIndex,
        SLACK.toSeconds());
    return Optional.empty();
  }
}
