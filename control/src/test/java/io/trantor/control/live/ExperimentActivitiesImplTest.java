package io.trantor.control.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.failure.ApplicationFailure;
import io.trantor.activities.ExperimentActivitiesImpl;
import io.trantor.activities.ResourceCatalog;
import io.trantor.workflows.activity.ActivityFailures;
import io.trantor.workflows.activity.ExperimentRoute;
import io.trantor.workflows.activity.ExperimentRoute.Candidate;
import io.trantor.workflows.activity.ExperimentRoute.Mirror;
import io.trantor.workflows.activity.ModelRoute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExperimentActivitiesImplTest {
  private final RouteTable table = new RouteTable();
  private final ExperimentActivitiesImpl activities =
      new ExperimentActivitiesImpl(table, new ResourceCatalog() {
        @Override public boolean isModel(String namespace, String name) {
          return name.startsWith("iris");
        }

        @Override public boolean isPipeline(String namespace, String name) {
          return name.startsWith("pipeline-");
        }
      });

  private static ExperimentRoute route(String name, String defaultModel) {
    return new ExperimentRoute("ns", name, defaultModel, List.of(new Candidate("iris", 1), new Candidate("iris2", 1)),
        new Mirror("iris3", 5));
  }

  @Test
  void reportsEveryCandidateOrMirrorThatIsNotAModel() {
    ExperimentRoute route = new ExperimentRoute("ns", "e", null, List.of(new Candidate("iris", 1), new Candidate("x", 1)),
        new Mirror("y", 5));

    assertThat(activities.unknownModels(route)).containsExactly("model x not found", "model y not found");
  }

  @Test
  void checksAPipelineExperimentsNamesAgainstPipelines() {
    ExperimentRoute route = new ExperimentRoute("ns", "e", "pipeline-add10",
        List.of(new Candidate("pipeline-add10", 1), new Candidate("iris", 1)), new Mirror("pipeline-mul10", 5), true);

    assertThat(activities.unknownModels(route)).containsExactly("pipeline iris not found");
  }

  @Test
  void aPipelineExperimentMayTakeTheDefaultOfAPipelineNamedLikeAnotherExperimentsModel() {
    activities.publishExperiment(route("models", "iris"));
    ExperimentRoute pipelines = new ExperimentRoute("ns", "pipelines", "iris", List.of(new Candidate("iris", 1)), null, true);

    activities.publishExperiment(pipelines);

    assertThat(table.experiments()).extracting(ExperimentRoute::name).containsExactly("models", "pipelines");
  }

  @Test
  void publishAndRemoveReachListeners() {
    List<String> heard = new ArrayList<>();
    table.addListener(new RouteListener() {
      @Override public void routeChanged(ModelRoute route) {}
      @Override public void routeRemoved(String namespace, String model) {}
      @Override public void experimentChanged(ExperimentRoute route) {
        heard.add("changed " + route.name());
      }
      @Override public void experimentRemoved(String namespace, String name) {
        heard.add("removed " + name);
      }
    });

    activities.publishExperiment(route("e", "iris"));
    activities.publishExperiment(route("e", "iris"));
    activities.removeExperiment("ns", "e");
    activities.removeExperiment("ns", "e");

    assertThat(heard).containsExactly("changed e", "removed e");
    assertThat(table.experiments()).isEmpty();
  }

  @Test
  void refusesASecondExperimentOnTheSameDefaultAsANonRetryableFailure() {
    activities.publishExperiment(route("first", "iris"));

    assertThatThrownBy(() -> activities.publishExperiment(route("second", "iris")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.getType()).isEqualTo(ActivityFailures.INVALID);
          assertThat(f.getOriginalMessage()).isEqualTo("model iris is already the default of experiment first");
        });
    assertThat(table.experiments()).extracting(ExperimentRoute::name).containsExactly("first");
  }
}
