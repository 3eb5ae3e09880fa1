package io.trantor.compiler.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.dsl.testing.Specs;
import org.junit.jupiter.api.Test;

class ModelDemandsTest {

  @Test
  void carriesNameRequirementsMemoryReplicasPinAndCurrentServer() {
    ModelDemand demand = ModelDemands.from(Specs.model("iris").requirements("sklearn", "mlserver").memory("100Ki")
        .replicas(3).minReplicas(2).server("mlserver").build(), "mlserver");

    assertThat(demand).isEqualTo(new ModelDemand("iris", java.util.List.of("sklearn", "mlserver"), 100 * 1024, 3, 2,
        "mlserver", "mlserver"));
  }

  @Test
  void unsetMemoryIsZeroBytesAsInSeldon() {
    assertThat(ModelDemands.from(Specs.model("iris").build(), null).memoryBytes()).isZero();
  }

  @Test
  void blankServerNamesMeanNone() {
    ModelDemand demand = ModelDemands.from(Specs.model("iris").server(" ").build(), "");

    assertThat(demand.server()).isNull();
    assertThat(demand.currentServer()).isNull();
  }

  @Test
  void explainerRequiresTheAlibiExplainCapabilityOnce() {
    assertThat(ModelDemands.from(Specs.model("e").explainer("anchor_tabular", "iris", null).build(), null)
        .requirements()).containsExactly("alibi-explain");
    assertThat(ModelDemands.from(Specs.model("e").requirements("mlserver", "alibi-explain")
        .explainer("anchor_tabular", "iris", null).build(), null).requirements())
        .containsExactly("mlserver", "alibi-explain");
  }

  @Test
  void defaultReplicaCountIsOne() {
    ModelDemand demand = ModelDemands.from(Specs.model("iris").build(), null);

    assertThat(demand.replicas()).isEqualTo(1);
    assertThat(demand.minReplicas()).isZero();
  }
}
