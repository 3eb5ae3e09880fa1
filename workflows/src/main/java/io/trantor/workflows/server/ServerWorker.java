package io.trantor.workflows.server;

import io.temporal.worker.Worker;

/** Registers {@link ServerWorkflowImpl} on a worker of {@link io.trantor.workflows.TaskQueues#CONTROL}. */
public final class ServerWorker {
  private ServerWorker() {}

  public static void register(Worker worker) {
    worker.registerWorkflowImplementationTypes(ServerWorkflowImpl.class);
  }
}
