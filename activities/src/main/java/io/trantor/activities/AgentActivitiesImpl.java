package io.trantor.activities;

import static java.util.Objects.requireNonNull;

import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.LoadModel;
import io.trantor.protocol.control.UnloadModel;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.AgentActivities;
import io.trantor.workflows.activity.LoadRequest;
import io.trantor.workflows.activity.ReplicaTarget;
import io.trantor.workflows.activity.UnloadRequest;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends LoadModel / UnloadModel to a replica's agent and waits for its answer. A replica that is not
 * connected fails with the non-retryable {@link ActivityFailures#REPLICA_GONE}; an agent that says
 * no fails with {@link ActivityFailures#LOAD_FAILED} (or {@link #UNLOAD_FAILED}) and its reason;
 * no answer in time fails retryably.
 */
public final class AgentActivitiesImpl implements AgentActivities {

  /** Failure type of an unload the agent refused (retried). */
  public static final String UNLOAD_FAILED = "UnloadFailed";

  /** Failure type when the agent did not answer in time (retried). */
  public static final String AGENT_TIMEOUT = "AgentTimeout";

  private final AgentChannel channel;
  private static final Duration HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  private final Duration timeout;

  public AgentActivitiesImpl(AgentChannel channel, Duration timeout) {
    this.channel = requireNonNull(channel, "channel");
    this.timeout = requireNonNull(timeout, "timeout");
  }

  @Override
  public void load(LoadRequest request) {
    LoadModel.Builder load =
        LoadModel.newBuilder()
            .setModelName(request.model())
            .setVersion(request.version())
            .setStorageUri(nullToEmpty(request.storageUri()))
            .setArtifactVersion(request.artifactVersion() == null ? 0 : request.artifactVersion())
            .setMemoryBytes(request.memoryBytes())
            .setSecretName(nullToEmpty(request.secretName()));
    if (request.requirements() != null) {
      load.addAllRequirements(request.requirements());
    }
    if (request.parameters() != null) {
      load.putAllParameters(request.parameters());
    }
    if (request.explainer() != null) {
      load.setExplainerType(nullToEmpty(request.explainer().type()))
          .setExplainerModelRef(nullToEmpty(request.explainer().modelRef()))
          .setExplainerPipelineRef(nullToEmpty(request.explainer().pipelineRef()));
    }
    AgentCommand command = AgentCommand.newBuilder().setCommandId(newId()).setLoad(load).build();
    CommandResult result = call(request.namespace(), request.replica(), command);
    if (!result.getOk()) {
      throw ApplicationFailure.newFailure(
          "loading " + request.model() + "_" + request.version() + " on " + describe(request.namespace(), request.replica())
              + " failed: " + result.getError(),
          ActivityFailures.LOAD_FAILED);
    }
  }

  @Override
  public void unload(UnloadRequest request) {
    UnloadModel unload =
        UnloadModel.newBuilder().setModelName(request.model()).setVersion(request.version()).build();
    AgentCommand command = AgentCommand.newBuilder().setCommandId(newId()).setUnload(unload).build();
    CommandResult result = call(request.namespace(), request.replica(), command);
    if (!result.getOk()) {
      throw ApplicationFailure.newFailure(
          "unloading " + request.model() + "_" + request.version() + " on " + describe(request.namespace(), request.replica())
              + " failed: " + result.getError(),
          UNLOAD_FAILED);
    }
  }

  private CommandResult call(String namespace, ReplicaTarget replica, AgentCommand command) {
    CompletableFuture<CommandResult> future;
    try {
      future = channel.send(namespace, replica.server(), replica.replicaIndex(), command);
    } catch (ReplicaNotConnectedException e) {
      throw gone(e);
    }
    try {
      return awaitWithHeartbeats(future);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ReplicaNotConnectedException gone) {
        throw gone(gone);
      }
      throw ApplicationFailure.newFailureWithCause(
          "sending to " + describe(namespace, replica) + " failed: " + e.getCause(), ActivityFailures.LOAD_FAILED, e.getCause());
    } catch (TimeoutException e) {
      future.cancel(false);
      throw ApplicationFailure.newFailure(
          "the agent of " + describe(namespace, replica) + " did not answer within " + timeout, AGENT_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while waiting for " + describe(namespace, replica), AGENT_TIMEOUT);
    }
  }

  /**
   * Waits for the agent's answer in short slices, heartbeating between them, so Temporal notices
   * within the heartbeat timeout when this worker dies and retries the command elsewhere.
   */
  private CommandResult awaitWithHeartbeats(CompletableFuture<CommandResult> future)
      throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException();
      }
      try {
        return future.get(Math.min(left, HEARTBEAT_INTERVAL.toNanos()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException slice) {
        heartbeat();
      }
    }
  }

  private static void heartbeat() {
    try {
      Activity.getExecutionContext().heartbeat(null);
    } catch (IllegalStateException notInAnActivity) {
      // Called directly (unit tests): there is no one to heartbeat to.
    }
  }

  private static ApplicationFailure gone(ReplicaNotConnectedException e) {
    return ApplicationFailure.newNonRetryableFailure(e.getMessage(), ActivityFailures.REPLICA_GONE);
  }

  private static String describe(String namespace, ReplicaTarget replica) {
    return new ReplicaKey(namespace, replica.server(), replica.replicaIndex()).toString();
  }

  private static String newId() {
    return UUID.randomUUID().toString();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
