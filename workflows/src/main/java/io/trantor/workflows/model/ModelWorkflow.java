package io.trantor.workflows.model;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The life of one model (an entity workflow, id {@link #workflowId}): place → load on each chosen
 * replica → publish routes → ModelAvailable; a new spec makes a new version that loads first,
 * takes the route, then the old version unloads; replica changes and deletion arrive as updates
 * and signals. Started with update-with-start ({@link #apply}); continues-as-new to keep its
 * history short.
 */
@WorkflowInterface
public interface ModelWorkflow {

  static String workflowId(String namespace, String name) {
    return namespace + "/Model/" + name;
  }

  @WorkflowMethod
  void run(ModelWorkflowInput input);

  /** A new or changed spec. Returns once the change is accepted (not when it is Available). */
  @UpdateMethod
  ApplyResult apply(ModelDeployment deployment);

  /** Rejects a deployment for another model, or one that arrives after deletion began. */
  @UpdateValidatorMethod(updateName = "apply")
  void validateApply(ModelDeployment deployment);

  /** Removes routes, unloads every replica, then the workflow ends (ModelTerminated). */
  @UpdateMethod
  void delete();

  @SignalMethod
  void clusterChanged(ClusterChange change);

  /**
   * The replica named by {@code change} is being drained (it takes no new models): a model with a
   * replica there places it elsewhere, loads it, takes the route, then unloads there.
   */
  @SignalMethod
  void replicaDraining(ClusterChange change);

  @QueryMethod
  ModelStatus status();

  /**
   * What this workflow has put into the control plane's live tables (the route gateways were
   * given, the memory its replicas hold). A restarted control plane rebuilds its tables from it.
   */
  @QueryMethod
  ModelPublication publication();
}
