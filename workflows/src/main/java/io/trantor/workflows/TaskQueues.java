package io.trantor.workflows;

/** Task queue names shared by the workers (control plane) and the starters (control API). */
public final class TaskQueues {
  private TaskQueues() {}

  /** Workflows and activities of the control plane. */
  public static final String CONTROL = "trantor-control";
}
