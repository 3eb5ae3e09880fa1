package io.trantor.activities;

import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.CommandResult;
import java.util.concurrent.CompletableFuture;

/**
 * Sends commands to the agent of one server replica over its stream. The control plane implements
 * it; tests use a fake.
 */
public interface AgentChannel {

  /**
   * Sends {@code command} and completes with the agent's answer (matched by command id). Fails with
   * {@link ReplicaNotConnectedException} when the replica has no stream, or when its stream ends
   * before the answer arrives.
   */
  CompletableFuture<CommandResult> send(String namespace, String server, int replicaIndex, AgentCommand command);
}
