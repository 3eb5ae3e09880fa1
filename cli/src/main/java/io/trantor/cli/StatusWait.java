package io.trantor.cli;

import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Iterator;

/** Waits, through the control plane's status stream, until a resource reaches a state. */
final class StatusWait {
  /** States a resource leaves only when its spec changes. */
  static final java.util.Set<String> TERMINAL_FAILURES = java.util.Set.of("ModelFailed", "ExperimentFailed");

  /**
   * What {@code -w} without a state stands for: the kind's ready state. Seldon's
   * {@code seldon experiment status NAME -w} takes no state and waits until the experiment is active.
   */
  static final String READY = "(ready)";

  private StatusWait() {}

  /** {@code state}, or the ready state of {@code kind} when {@code state} is {@link #READY}. */
  static String stateOrReady(String kind, String state) {
    if (!READY.equals(state)) {
      return state;
    }
    return switch (kind) {
      case "Model" -> "ModelAvailable";
      case "Pipeline" -> "PipelineReady";
      case "Experiment" -> "ExperimentReady";
      case "Server" -> "ServerReady";
      default -> throw new IllegalArgumentException("no ready state known for " + kind);
    };
  }

  /**
   * Returns the first status in {@code state}; prints each change to {@code progress}.
   *
   * @throws CommandFailure with {@link ExitCode#TIMEOUT} and the last state and reason
   */
  static ResourceStatus until(
      ControlClient client, ResourceRef ref, String state, Duration timeout, PrintWriter progress) {
    ResourceStatus last = null;
    try {
      Iterator<ResourceStatus> changes = client.watch(ref, timeout.toMillis());
      while (changes.hasNext()) {
        ResourceStatus status = changes.next();
        if (last == null || !last.getState().equals(status.getState()) || !last.getReason().equals(status.getReason())) {
          progress.printf(
              "%s/%s: %s%s%n",
              ref.getKind().toLowerCase(java.util.Locale.ROOT),
              ref.getName(),
              status.getState(),
              status.getReason().isEmpty() ? "" : " (" + status.getReason() + ")");
          progress.flush();
        }
        last = status;
        if (status.getState().equals(state)) {
          return status;
        }
        if (TERMINAL_FAILURES.contains(status.getState())) {
          // These stay until the spec changes: waiting longer would only delay the answer.
          throw new CommandFailure(ExitCode.FAILURE, ref.getName() + " is " + status.getState()
              + (status.getReason().isEmpty() ? "" : ": " + status.getReason()) + " (waited for " + state + ")");
        }
      }
    } catch (CommandFailure e) {
      if (e.exitCode() != ExitCode.TIMEOUT) {
        throw e;
      }
    }
    throw new CommandFailure(
        ExitCode.TIMEOUT,
        ref.getName() + " did not reach " + state + " within " + timeout.toSeconds() + "s"
            + (last == null ? "" : "; last state " + last.getState()
                + (last.getReason().isEmpty() ? "" : ": " + last.getReason())));
  }
}
