package io.trantor.control.internal;

import io.temporal.client.WorkflowException;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Calls to an entity workflow (experiment, pipeline) with Temporal's failures turned into the
 * control API's answers: a rejected update is a failed precondition with the workflow's reason, a
 * workflow that does not exist is "nothing there".
 */
final class WorkflowCalls {
  private WorkflowCalls() {}

  /** Runs an apply update; {@code what} names the resource in the refusal, e.g. {@code pipeline p}. */
  static String apply(String what, Supplier<String> update) {
    try {
      return update.get();
    } catch (WorkflowUpdateException e) {
      throw new ControlException.FailedPrecondition(what + " was not applied: " + ModelWorkflows.reason(e));
    }
  }

  /** Runs a delete update; false when no workflow was running. */
  static boolean delete(String what, Runnable update) {
    try {
      update.run();
      return true;
    } catch (WorkflowNotFoundException e) {
      return false;
    } catch (WorkflowUpdateException e) {
      throw new ControlException.FailedPrecondition(what + " was not deleted: " + ModelWorkflows.reason(e));
    } catch (WorkflowException e) {
      if (ModelWorkflows.isNotFound(e)) {
        return false;
      }
      throw e;
    }
  }

  /** Runs a query; empty when no workflow has that id. */
  static <T> Optional<T> query(Supplier<T> query) {
    try {
      return Optional.of(query.get());
    } catch (WorkflowNotFoundException e) {
      return Optional.empty();
    } catch (WorkflowException e) {
      if (ModelWorkflows.isNotFound(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
