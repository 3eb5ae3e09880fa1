package io.trantor.operator.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;

/** The Server's pod spec over the ServerConfig's: by name for named lists, the override's value otherwise. */
class PodSpecMergeTest {
    private final PodSpecMerge merge = new PodSpecMerge(new KubernetesSerialization());

    private final PodSpec base = new PodSpecBuilder()
            .withServiceAccountName("seldon-server")
            .addNewContainer().withName("agent").withImage("agent:1")
                .addNewEnv().withName("A").withValue("1").endEnv()
                .addNewEnv().withName("B").withValue("2").endEnv()
            .endContainer()
            .addNewContainer().withName("mlserver").withImage("mlserver:1").withArgs("x").endContainer()
            .addNewToleration().withKey("base").endToleration()
            .build();

    @Test
    void containersAndEnvMergeByNameAndNewNamesComeAfter() {
        PodSpec override = new PodSpecBuilder()
                .addNewContainer().withName("agent").addNewEnv().withName("B").withValue("20").endEnv()
                    .addNewEnv().withName("C").withValue("3").endEnv().endContainer()
                .addNewContainer().withName("sidecar").withImage("sidecar:1").endContainer()
                .build();

        PodSpec merged = merge.merge(base, override);

        assertThat(merged.getContainers()).extracting(Container::getName).containsExactly("agent", "mlserver", "sidecar");
        Container agent = merged.getContainers().getFirst();
        assertThat(agent.getImage()).isEqualTo("agent:1");
        assertThat(agent.getEnv()).extracting(EnvVar::getName, EnvVar::getValue)
                .containsExactly(tuple("A", "1"), tuple("B", "20"),
                        tuple("C", "3"));
        assertThat(merged.getServiceAccountName()).isEqualTo("seldon-server");
    }

    @Test
    void scalarsAndUnnamedListsAreTheOverridesWhenSet() {
        PodSpec override = new PodSpecBuilder()
                .withServiceAccountName("other")
                .addNewContainer().withName("mlserver").withImage("mlserver:2").withArgs("y", "z").endContainer()
                .addNewToleration().withKey("gpu").endToleration()
                .build();

        PodSpec merged = merge.merge(base, override);

        assertThat(merged.getServiceAccountName()).isEqualTo("other");
        assertThat(merged.getContainers().get(1).getImage()).isEqualTo("mlserver:2");
        assertThat(merged.getContainers().get(1).getArgs()).containsExactly("y", "z");
        assertThat(merged.getTolerations()).extracting(t -> t.getKey()).containsExactly("gpu");
        assertThat(base.getContainers().get(1).getImage()).as("the base is not changed").isEqualTo("mlserver:1");
    }

    @Test
    void noOverrideIsACopyOfTheBase() {
        PodSpec merged = merge.merge(base, null);

        assertThat(merged).isEqualTo(base).isNotSameAs(base);
    }
}
