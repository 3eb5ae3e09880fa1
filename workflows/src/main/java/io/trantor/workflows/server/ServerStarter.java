package io.trantor.workflows.server;

import io.temporal.client.BatchRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowOptions;
import io.trantor.workflows.TaskQueues;
import java.util.List;

/** How callers reach a server's workflow: signal-with-start a drain, read its status. */
public final class ServerStarter {
  private ServerStarter() {}

  /** Starts the server's workflow when it is not running and queues {@code order}. */
  public static void drain(WorkflowClient client, String namespace, String name, DrainOrder order) {
    // Signal-with-start joins a running workflow by itself; a conflict policy is not set for it.
    ServerWorkflow stub = client.newWorkflowStub(ServerWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(ServerWorkflow.workflowId(namespace, name))
        .setTaskQueue(TaskQueues.CONTROL)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
        .build());
    BatchRequest request = client.newSignalWithStartRequest();
    request.add(stub::run, new ServerWorkflowInput(namespace, name, List.of(), List.of()));
    request.add(stub::drain, order);
    client.signalWithStart(request);
  }

  public static List<ReplicaDrain> status(WorkflowClient client, String namespace, String name) {
    return client.newWorkflowStub(ServerWorkflow.class, ServerWorkflow.workflowId(namespace, name)).status();
  }
}
