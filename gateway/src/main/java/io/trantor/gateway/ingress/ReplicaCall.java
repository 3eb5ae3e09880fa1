package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.UnprocessedRequestException;
import com.linecorp.armeria.common.ClosedSessionException;
import com.linecorp.armeria.common.stream.ClosedStreamException;
import io.trantor.protocol.ModelNotReadyException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request sent to a model's replicas: to the least busy one, and once more to another when
 * the first gave no answer at all — it could not be sent (connection refused or lost before the
 * request left), or the replica's connection closed before a response came (the replica died
 * with the request in flight). Seldon's Envoy retries the same way (connect-failure and resets,
 * reference: routes); inference on a model version is a pure call, so a second try is safe. An
 * answer of any status, and a timeout, are the caller's answer and never repeated.
 */
final class ReplicaCall<T> {
  private static final Logger log = LoggerFactory.getLogger(ReplicaCall.class);
  static final int MAX_ATTEMPTS = 2;

  private final ModelTarget target;
  private final LeastOutstanding balancer;
  private final Function<Replica, CompletableFuture<T>> send;
  private final Set<Upstream> tried = new HashSet<>();
  private final CompletableFuture<T> result = new CompletableFuture<>();
  private volatile Replica replica;

  ReplicaCall(ModelTarget target, LeastOutstanding balancer, Function<Replica, CompletableFuture<T>> send) {
    this.target = target;
    this.balancer = balancer;
    this.send = send;
  }

  CompletableFuture<T> run() {
    attempt();
    return result;
  }

  /** The replica of the last attempt, or null when there was none. */
  Replica replica() {
    return replica;
  }

  private void attempt() {
    Replica chosen;
    synchronized (tried) {
      chosen = balancer.choose(target.replicas(), tried);
      if (chosen != null) {
        tried.add(chosen.upstream());
      }
    }
    if (chosen == null) {
      result.completeExceptionally(new ModelNotReadyException(
          replica == null
              ? "model '" + target.model() + "' has no available replica"
              : "no replica of model '" + target.model() + "' could be reached (last tried "
                  + replica.upstream().endpoint() + ")"));
      return;
    }
    replica = chosen;
    chosen.upstream().begin();
    CompletableFuture<T> sent;
    try {
      sent = send.apply(chosen);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    sent.whenComplete((value, error) -> {
      chosen.upstream().end();
      if (error == null) {
        result.complete(value);
      } else if (noAnswer(error) && tried.size() < MAX_ATTEMPTS && tried.size() < target.replicas().size()) {
        log.debug("Replica {} of {} gave no answer ({}), trying another", chosen.upstream(), target.internalName(),
            error.toString());
        attempt();
      } else if (noAnswer(error)) {
        result.completeExceptionally(new ModelNotReadyException(
            "no replica of model '" + target.model() + "' could be reached (last tried "
                + chosen.upstream().endpoint() + ")"));
      } else {
        result.completeExceptionally(error);
      }
    });
  }

  /**
   * True when the replica gave no answer: the request never left the gateway, or the connection
   * closed before a response (the replica's process or host went away).
   */
  static boolean noAnswer(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof UnprocessedRequestException || t instanceof ClosedSessionException
          || t instanceof ClosedStreamException) {
        return true;
      }
    }
    return false;
  }
}
