package io.trantor.workflows.model;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import org.slf4j.Logger;

/**
 * One model's life as an entity workflow. Handlers only record intent in the {@link ModelLedger}
 * and set its dirty flag; the run loop does all activity work through {@link ModelReconciler}, so
 * two changes never run activities at the same time and an update returns as soon as it is
 * accepted. State lives in the ledger, built in the {@code @WorkflowInit} constructor because
 * update-with-start runs {@link #apply} before {@link #run}.
 */
public final class ModelWorkflowImpl implements ModelWorkflow {
  private static final Logger log = Workflow.getLogger(ModelWorkflowImpl.class);

  private final ModelWorkflowInput input;
  private final ModelWorkflowOptions options;
  private final ModelLedger ledger;
  private final ModelReconciler reconciler;
  private int rounds;

  @WorkflowInit
  public ModelWorkflowImpl(ModelWorkflowInput input) {
    this(input, ModelWorkflowOptions.defaults());
  }

  ModelWorkflowImpl(ModelWorkflowInput input, ModelWorkflowOptions options) {
    this.input = input;
    this.options = options;
    this.ledger = new ModelLedger(input.namespace(), input.name(), input.carried());
    this.reconciler = new ModelReconciler(ledger, input.namespace(), input.name(), options);
  }

  @Override
  public void run(ModelWorkflowInput ignored) {
    while (true) {
      Workflow.await(() -> ledger.dirty() || ledger.deleting() || continueAsNewDue());
      if (ledger.deleting()) {
        reconciler.terminate();
        log.info("{}/{}: terminated", input.namespace(), input.name());
        Workflow.await(Workflow::isEveryHandlerFinished);
        return;
      }
      if (ledger.dirty()) {
        ledger.startRound();
        reconciler.round();
        rounds++;
        continue;
      }
      // Idle and due: hand the books to a fresh run once no handler is half-way.
      Workflow.await(Workflow::isEveryHandlerFinished);
      if (!ledger.dirty() && !ledger.deleting()) {
        log.info("{}/{}: continuing as new after {} rounds, {} events", input.namespace(),
            input.name(), rounds, Workflow.getInfo().getHistoryLength());
        Workflow.continueAsNew(
            new ModelWorkflowInput(input.namespace(), input.name(), ledger.snapshot()));
      }
    }
  }

  private boolean continueAsNewDue() {
    return rounds >= options.roundsBeforeContinueAsNew()
        || Workflow.getInfo().getHistoryLength() >= options.historyEventsBeforeContinueAsNew()
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  @Override
  public ApplyResult apply(ModelDeployment deployment) {
    ApplyResult result = ledger.accept(deployment);
    // Version 1: re-applying an unchanged spec retries a model that is not settled (so a restart's
    // spec-store re-apply heals a ScheduleFailed model). Histories from before take the old path.
    if (result.action().equals("unchanged")
        && Workflow.getVersion("retry-on-unchanged-apply", Workflow.DEFAULT_VERSION, 1) == 1) {
      ledger.retryIfUnsettled();
    }
    log.info("{}/{}: apply generation {} -> version {} {}", input.namespace(), input.name(),
        deployment.generation(), result.version(), result.action());
    return result;
  }

  @Override
  public void validateApply(ModelDeployment deployment) {
    String rejection = ledger.rejection(deployment);
    if (rejection != null) {
      throw new IllegalArgumentException(rejection);
    }
  }

  @Override
  public void delete() {
    ledger.requestDelete();
  }

  @Override
  public void clusterChanged(ClusterChange change) {
    ledger.clusterChanged(change);
  }

  @Override
  public void replicaDraining(ClusterChange change) {
    log.info("{}/{}: replica {}/{} is draining", input.namespace(), input.name(), change.server(), change.replicaIndex());
    ledger.replicaDraining(change);
  }

  @Override
  public ModelStatus status() {
    return ledger.status();
  }

  @Override
  public ModelPublication publication() {
    return ledger.publication();
  }
}
