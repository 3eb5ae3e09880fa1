package io.trantor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.control.testing.FakeAgent;
import io.trantor.protocol.control.AgentCommand;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ResourceRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A model version an agent holds that no workflow wants there is unloaded by the periodic sweep,
 * with no restart of anything (issue 12: an orphan can be born while the control plane runs).
 */
class OrphanSweepIT {

  @RegisterExtension
  final ControlPlaneExtension control = ControlPlaneExtension.create().withOrphanSweepInterval(Duration.ofMillis(300));

  @Test
  void anOrphanBornWhileTheControlPlaneRunsIsUnloadedAndWantedModelsStay() throws Exception {
    try (FakeAgent agent = FakeAgent.connect(control.port(), "mlserver", 0)) {
      control.client().apply(ApplyRequest.newBuilder().setSource("iris.yaml")
          .setManifest(ModelLifecycleIT.IRIS.replace("replicas: 2", "replicas: 1")).build());
      await().atMost(Duration.ofSeconds(30)).until(() -> control.client()
          .getStatus(ResourceRef.newBuilder().setKind("Model").setName("iris").build())
          .getState().equals("ModelAvailable"));

      agent.holdUnasked("ghost_2"); // e.g. a delete whose unload met the replica while it reconnected

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(agent.loaded()).containsExactly("iris_1"));
      assertThat(agent.commands())
          .filteredOn(c -> c.getCommandCase() == AgentCommand.CommandCase.UNLOAD)
          .singleElement()
          .satisfies(c -> {
            assertThat(c.getUnload().getModelName()).isEqualTo("ghost");
            assertThat(c.getUnload().getVersion()).isEqualTo(2);
          });
      String metrics = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + control.port() + "/metrics")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("trantor_control_reconciled_total{action=\"unload_orphan\"} 1.0");
    }
  }
}
