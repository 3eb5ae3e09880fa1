package io.trantor.workflows.server;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * The life of one Server's replicas (an entity workflow, id {@link #workflowId}): a leaving replica
 * is drained step by step — unschedulable, each model loaded elsewhere and routed there before it
 * unloads here, in-flight requests finished, released — capped by the Server's grace period.
 */
@WorkflowInterface
public interface ServerWorkflow {

  static String workflowId(String namespace, String name) {
    return namespace + "/Server/" + name;
  }

  @WorkflowMethod
  void run(ServerWorkflowInput input);

  /** Queue a drain; orders run one after the other. */
  @SignalMethod
  void drain(DrainOrder order);

  /** Every order of this run (and the ones it carried), latest last. */
  @QueryMethod
  List<ReplicaDrain> status();
}
