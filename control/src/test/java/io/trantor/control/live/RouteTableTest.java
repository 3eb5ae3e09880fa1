package io.trantor.control.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.activities.RouteActivitiesImpl;
import io.trantor.workflows.activity.ModelRoute;
import io.trantor.workflows.activity.ReplicaTarget;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RouteTableTest {

  private final RouteTable table = new RouteTable();
  private final List<String> heard = new ArrayList<>();

  RouteTableTest() {
    table.addListener(new RouteListener() {
      @Override
      public void routeChanged(ModelRoute route) {
        heard.add("changed " + route.model() + " v" + route.version());
      }

      @Override
      public void routeRemoved(String namespace, String model) {
        heard.add("removed " + model);
      }
    });
  }

  @Test
  void listenersHearChangesButNotRepeats() {
    ModelRoute v1 = new ModelRoute("default", "iris", 1, List.of(new ReplicaTarget("mlserver", 0, "h:1")));
    RouteActivitiesImpl routes = new RouteActivitiesImpl(table);

    routes.publish(v1);
    routes.publish(v1);
    routes.publish(new ModelRoute("default", "iris", 2, List.of()));
    routes.remove("default", "iris");
    routes.remove("default", "iris");

    assertThat(heard).containsExactly("changed iris v1", "changed iris v2", "removed iris");
    assertThat(table.route("default", "iris")).isEmpty();
  }

  @Test
  void routesAreListedInOrder() {
    table.publish(new ModelRoute("default", "wine", 1, List.of()));
    table.publish(new ModelRoute("default", "iris", 1, List.of()));

    assertThat(table.routes()).extracting(ModelRoute::model).containsExactly("iris", "wine");
  }

  @Test
  void seedsFromWorkflowsNeverOverwriteWhatActivitiesChangedMeanwhile() {
    table.startSeeding();
    table.publish(new ModelRoute("default", "iris", 2, List.of()));
    table.remove("default", "gone");
    table.seed(new ModelRoute("default", "iris", 1, List.of()));
    table.seed(new ModelRoute("default", "gone", 1, List.of()));
    table.seed(new ModelRoute("default", "wine", 1, List.of()));
    table.seeded();

    assertThat(table.route("default", "iris").orElseThrow().version()).isEqualTo(2);
    assertThat(table.route("default", "gone")).isEmpty();
    assertThat(table.route("default", "wine")).isPresent();
  }
}
