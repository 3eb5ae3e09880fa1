package io.trantor.workflows.pipeline;

import io.temporal.worker.Worker;

/** Registers {@link PipelineWorkflowImpl} on a worker of {@link io.trantor.workflows.TaskQueues#CONTROL}. */
public final class PipelineWorker {
  private PipelineWorker() {}

  public static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(PipelineWorkflowImpl.class);
  }
}
