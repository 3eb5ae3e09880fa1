package io.trantor.activities;

import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.CommandResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** Answers every command with what {@code answer} says, and records what was sent where. */
final class FakeAgentChannel implements AgentChannel {

  record Sent(ReplicaKey replica, AgentCommand command) {}

  final List<Sent> sent = new CopyOnWriteArrayList<>();
  private final Function<AgentCommand, CompletableFuture<CommandResult>> answer;

  FakeAgentChannel(Function<AgentCommand, CompletableFuture<CommandResult>> answer) {
    this.answer = answer;
  }

  static FakeAgentChannel answering(boolean ok, String error) {
    return new FakeAgentChannel(c -> CompletableFuture.completedFuture(
        CommandResult.newBuilder().setCommandId(c.getCommandId()).setOk(ok).setError(error).build()));
  }

  @Override
  public CompletableFuture<CommandResult> send(String namespace, String server, int replicaIndex, AgentCommand command) {
    ReplicaKey key = new ReplicaKey(namespace, server, replicaIndex);
    sent.add(new Sent(key, command));
    return answer.apply(command);
  }
}
