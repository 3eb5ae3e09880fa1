package io.trantor.activities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.ExplainerRef;
import io.trantor.workflows.activity.LoadRequest;
import io.trantor.workflows.activity.ReplicaTarget;
import io.trantor.workflows.activity.UnloadRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AgentActivitiesImplTest {

  private static final ReplicaTarget REPLICA = new ReplicaTarget("mlserver", 1, "127.0.0.1:9001");
  private static final LoadRequest LOAD = new LoadRequest(
      "default", REPLICA, "iris", 2, "gs://models/iris", 3L, List.of("sklearn"), 1024, Map.of("k", "v"), "s3-secret",
      new ExplainerRef("anchor_tabular", "income", null));

  @Test
  void loadSendsEveryFieldToTheReplica() {
    FakeAgentChannel channel = FakeAgentChannel.answering(true, "");

    new AgentActivitiesImpl(channel, Duration.ofSeconds(5)).load(LOAD);

    assertThat(channel.sent).singleElement().satisfies(s -> {
      assertThat(s.replica()).isEqualTo(new ReplicaKey("default", "mlserver", 1));
      AgentCommand c = s.command();
      assertThat(c.getCommandId()).isNotEmpty();
      assertThat(c.getLoad().getModelName()).isEqualTo("iris");
      assertThat(c.getLoad().getVersion()).isEqualTo(2);
      assertThat(c.getLoad().getStorageUri()).isEqualTo("gs://models/iris");
      assertThat(c.getLoad().getArtifactVersion()).isEqualTo(3);
      assertThat(c.getLoad().getRequirementsList()).containsExactly("sklearn");
      assertThat(c.getLoad().getMemoryBytes()).isEqualTo(1024);
      assertThat(c.getLoad().getParametersMap()).containsEntry("k", "v");
      assertThat(c.getLoad().getSecretName()).isEqualTo("s3-secret");
      assertThat(c.getLoad().getExplainerType()).isEqualTo("anchor_tabular");
      assertThat(c.getLoad().getExplainerModelRef()).isEqualTo("income");
      assertThat(c.getLoad().getExplainerPipelineRef()).isEmpty();
    });
  }

  @Test
  void refusedLoadFailsWithLoadFailedAndTheAgentsReason() {
    AgentActivitiesImpl agents = new AgentActivitiesImpl(FakeAgentChannel.answering(false, "no such file"), Duration.ofSeconds(5));

    assertThatThrownBy(() -> agents.load(LOAD))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(ActivityFailures.LOAD_FAILED);
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getOriginalMessage()).contains("no such file");
        });
  }

  @Test
  void disconnectedReplicaFailsWithNonRetryableReplicaGone() {
    FakeAgentChannel channel = new FakeAgentChannel(
        c -> CompletableFuture.failedFuture(new ReplicaNotConnectedException(new ReplicaKey("default", "mlserver", 1))));
    AgentActivitiesImpl agents = new AgentActivitiesImpl(channel, Duration.ofSeconds(5));

    assertThatThrownBy(() -> agents.unload(new UnloadRequest("default", REPLICA, "iris", 2)))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(ActivityFailures.REPLICA_GONE);
          assertThat(f.isNonRetryable()).isTrue();
        });
  }

  @Test
  void silentAgentTimesOutRetryably() {
    AgentActivitiesImpl agents =
        new AgentActivitiesImpl(new FakeAgentChannel(c -> new CompletableFuture<>()), Duration.ofMillis(50));

    assertThatThrownBy(() -> agents.load(LOAD))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(AgentActivitiesImpl.AGENT_TIMEOUT);
          assertThat(f.isNonRetryable()).isFalse();
        });
  }

  @Test
  void unloadSendsTheModelVersion() {
    FakeAgentChannel channel = FakeAgentChannel.answering(true, "");

    new AgentActivitiesImpl(channel, Duration.ofSeconds(5)).unload(new UnloadRequest("default", REPLICA, "iris", 2));

    assertThat(channel.sent).singleElement().satisfies(s -> {
      assertThat(s.command().getUnload().getModelName()).isEqualTo("iris");
      assertThat(s.command().getUnload().getVersion()).isEqualTo(2);
    });
  }
}
