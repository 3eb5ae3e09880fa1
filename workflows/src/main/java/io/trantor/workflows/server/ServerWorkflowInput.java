package io.trantor.workflows.server;

import java.util.List;

/** Start (or continue-as-new) input: the server, and the orders and outcomes a previous run carried. */
public record ServerWorkflowInput(String namespace, String name, List<DrainOrder> queued, List<ReplicaDrain> drains) {
  public ServerWorkflowInput {
    queued = queued == null ? List.of() : List.copyOf(queued);
    drains = drains == null ? List.of() : List.copyOf(drains);
  }
}
