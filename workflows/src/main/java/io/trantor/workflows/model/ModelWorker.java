package io.trantor.workflows.model;

import io.temporal.worker.Worker;
import io.temporal.worker.WorkflowImplementationOptions;

/** Registers {@link ModelWorkflowImpl} on a worker of {@link io.trantor.workflows.TaskQueues#CONTROL}. */
public final class ModelWorker {
  private ModelWorker() {}

  public static void register(Worker worker) {
    register(worker, ModelWorkflowOptions.defaults());
  }

  /** With other timeouts and continue-as-new knobs (tests, or a slow artifact store). */
  public static void register(Worker worker, ModelWorkflowOptions options) {
    // A factory, because the options are not part of the workflow's input; it receives the start
    // arguments so the state is still built before any update-with-start handler runs.
    worker.registerWorkflowImplementationFactory(
        ModelWorkflow.class,
        args -> new ModelWorkflowImpl(args.get(0, ModelWorkflowInput.class), options),
        WorkflowImplementationOptions.getDefaultInstance());
  }
}
