package io.trantor.workflows.experiment;

import io.temporal.worker.Worker;

/** Registers {@link ExperimentWorkflowImpl} on a worker of {@link io.trantor.workflows.TaskQueues#CONTROL}. */
public final class ExperimentWorker {
  private ExperimentWorker() {}

  public static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(ExperimentWorkflowImpl.class);
  }
}
