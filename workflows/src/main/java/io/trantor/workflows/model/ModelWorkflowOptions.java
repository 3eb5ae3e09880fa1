package io.trantor.workflows.model;

import java.time.Duration;

/**
 * Timeouts, retries and continue-as-new knobs of {@link ModelWorkflowImpl}. Production uses
 * {@link #defaults()}; tests shrink them so failures and continue-as-new happen in milliseconds.
 *
 * @param loadTimeout start-to-close of one load attempt (a large model downloads first)
 * @param loadAttempts attempts of a load (and of an unload) before the workflow gives up on it
 * @param retryInterval first retry delay of every activity; doubles on each retry
 * @param callTimeout start-to-close of placement, route and unload calls
 * @param roundsBeforeContinueAsNew reconcile rounds one run may do before it continues as new
 * @param historyEventsBeforeContinueAsNew history length at which an idle run continues as new
 */
public record ModelWorkflowOptions(
    Duration loadTimeout,
    int loadAttempts,
    Duration retryInterval,
    Duration callTimeout,
    int roundsBeforeContinueAsNew,
    int historyEventsBeforeContinueAsNew) {

  public ModelWorkflowOptions {
    if (loadAttempts < 1 || roundsBeforeContinueAsNew < 1 || historyEventsBeforeContinueAsNew < 1) {
      throw new IllegalArgumentException("attempts, rounds and events must be positive");
    }
  }

  /**
   * Sticky execution is off against the embedded test server, so every task replays the whole
   * history: keep runs to a few hundred events (reference/temporal-spike.md §3).
   */
  public static ModelWorkflowOptions defaults() {
    return new ModelWorkflowOptions(
        Duration.ofMinutes(5), 5, Duration.ofSeconds(1), Duration.ofSeconds(30), 20, 500);
  }
}
