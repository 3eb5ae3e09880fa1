package io.trantor.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.trantor.control.testing.ControlPlaneExtension;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.workflows.activity.ExperimentRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ExperimentApiTest {
  private static final Path SAMPLES = Path.of("/work/shared/seldon-samples/experiments");

  @RegisterExtension final ControlPlaneExtension control = ControlPlaneExtension.withSpecStore();

  private static String model(String name) {
    return """
        apiVersion: mlops.seldon.io/v1alpha1
        kind: Model
        metadata:
          name: %s
        spec:
          storageUri: gs://models/%s
          requirements: [sklearn]
        """.formatted(name, name);
  }

  private void apply(String manifest) {
    control.client().apply(ApplyRequest.newBuilder().setManifest(manifest).setSource("test.yaml").build());
  }

  private ResourceStatus awaitState(String name, String state) {
    ResourceRef ref = ResourceRef.newBuilder().setKind("Experiment").setName(name).build();
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
        .until(() -> control.client().getStatus(ref), s -> s.getState().equals(state));
  }

  @Test
  void sampleExperimentBecomesReadyInstallsItsRouteAndIsGoneAfterDelete() throws Exception {
    apply(model("iris") + "---\n" + model("iris2"));

    apply(Files.readString(SAMPLES.resolve("ab-default-model.yaml")));

    ResourceStatus status = awaitState("experiment-sample", "ExperimentReady");
    assertThat(status.getExperiment().getDefaultModel()).isEqualTo("iris");
    assertThat(status.getExperiment().getCandidatesList()).hasSize(2);
    ExperimentRoute route = control.controlPlane().routes().experiment("default", "experiment-sample").orElseThrow();
    assertThat(route.defaultModel()).isEqualTo("iris");
    assertThat(route.candidates()).extracting(ExperimentRoute.Candidate::model).containsExactly("iris", "iris2");
    assertThat(control.client().list(ListRequest.newBuilder().setKind("experiment").build()).getItemsList())
        .extracting(s -> s.getRef().getName()).containsExactly("experiment-sample");

    control.client().delete(DeleteRequest.newBuilder()
        .addRefs(ResourceRef.newBuilder().setKind("Experiment").setName("experiment-sample")).build());

    assertThat(control.controlPlane().routes().experiments()).isEmpty();
    assertThat(control.client().list(ListRequest.newBuilder().setKind("experiment").build()).getItemsList()).isEmpty();
  }

  @Test
  void experimentOverAnUnknownModelFailsWithTheReason() throws Exception {
    apply(model("iris"));

    apply(Files.readString(SAMPLES.resolve("ab.yaml")));

    ResourceStatus status = awaitState("experiment-iris", "ExperimentFailed");
    assertThat(status.getReason()).isEqualTo("model iris2 not found");
    assertThat(control.controlPlane().routes().experiments()).isEmpty();
  }

  @Test
  void pipelineExperimentNamesPipelinesNotModels() throws Exception {
    // Models of the pipelines' names do not count: a pipeline experiment routes between pipelines.
    apply(model("pipeline-add10") + "---\n" + model("pipeline-mul10"));

    apply(Files.readString(SAMPLES.resolve("addmul10.yaml")));

    assertThat(awaitState("addmul10", "ExperimentFailed").getReason())
        .isEqualTo("pipeline pipeline-add10 not found; pipeline pipeline-mul10 not found");
    assertThat(control.controlPlane().routes().experiments()).isEmpty();
  }
}
