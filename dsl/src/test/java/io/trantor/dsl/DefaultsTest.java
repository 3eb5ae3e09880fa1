package io.trantor.dsl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DefaultsTest {

    private static <R extends Resource> R only(String yaml, Class<R> type) {
        ReadResult result = Manifests.read(yaml);
        assertThat(result.problems()).isEmpty();
        return type.cast(result.resources().get(0));
    }

    private static Model model(String specLines) {
        return only("""
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata:
                  name: iris
                spec:
                  storageUri: gs://seldon-models/mlserver/iris
                """ + specLines, Model.class);
    }

    @Test
    void modelGetsOneReplicaAndUnsetBoundsAndTheDefaultNamespace() {
        Model model = model("");

        assertThat(model.namespace()).isEqualTo("default");
        assertThat(model.spec().replicas()).isEqualTo(1);
        assertThat(model.spec().minReplicas()).isZero();
        assertThat(model.spec().maxReplicas()).isZero();
        assertThat(model.spec().autoscaling()).isFalse();
        assertThat(model.spec().requirements()).isEmpty();
        assertThat(model.spec().memory()).isNull();
        assertThat(model.spec().logger()).isNull();
    }

    @Test
    void replicasDefaultToMinReplicasWhenOnlyTheFloorIsSet() {
        Model model = model("  minReplicas: 3\n");

        assertThat(model.spec().replicas()).isEqualTo(3);
        assertThat(model.spec().autoscaling()).isTrue();
    }

    @Test
    void explicitReplicasWinOverMinReplicas() {
        assertThat(model("  minReplicas: 2\n  replicas: 4\n").spec().replicas()).isEqualTo(4);
    }

    @Test
    void memoryIsParsedIntoBytesFromTextOrNumber() {
        assertThat(model("  memory: 100Ki\n").spec().memory().bytes()).isEqualTo(102_400);
        assertThat(model("  memory: 2048\n").spec().memory().bytes()).isEqualTo(2048);
    }

    @Test
    void serverGetsOneReplica() {
        Server server = only("""
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Server
                metadata: {name: mlserver1}
                spec: {serverConfig: mlserver}
                """, Server.class);

        assertThat(server.spec().replicas()).isEqualTo(1);
        assertThat(server.spec().capabilities()).isEmpty();
        assertThat(server.spec().podSpec()).isNull();
    }

    @Test
    void pipelineJoinTypesDefaultToInnerAndWindowsStayUnset() {
        Pipeline pipeline = only("""
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Pipeline
                metadata: {name: p}
                spec:
                  steps:
                  - name: a
                  input:
                    externalInputs: [other.outputs]
                  output:
                    steps: [a]
                """, Pipeline.class);

        PipelineStep step = pipeline.spec().steps().get(0);
        assertThat(step.inputsJoinType()).isEqualTo(JoinType.INNER);
        assertThat(step.triggersJoinType()).isEqualTo(JoinType.INNER);
        assertThat(step.joinWindowMs()).isNull();
        assertThat(step.inputs()).isEmpty();
        assertThat(pipeline.spec().input().joinType()).isEqualTo(JoinType.INNER);
        assertThat(pipeline.spec().input().triggersJoinType()).isEqualTo(JoinType.INNER);
        assertThat(pipeline.spec().output().stepsJoin()).isEqualTo(JoinType.INNER);
        assertThat(pipeline.spec().output().joinWindowMs()).isZero();
        assertThat(pipeline.spec().allowCycles()).isFalse();
        assertThat(pipeline.spec().maxStepRevisits()).isZero();
    }

    @Test
    void experimentResourceTypeDefaultsToModel() {
        Experiment experiment = only("""
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Experiment
                metadata: {name: ab}
                spec:
                  candidates: [{name: iris, weight: 1}]
                """, Experiment.class);

        assertThat(experiment.spec().resourceType()).isEqualTo(ResourceType.MODEL);
        assertThat(experiment.spec().defaultResource()).isNull();
        assertThat(experiment.spec().mirror()).isNull();
    }

    @Test
    void passThroughTreesCannotBeChangedFromOutsideTheRecord() {
        Server server = io.trantor.dsl.testing.SampleManifests.read("servers/triton-gpu.yaml").ofType(Server.class).get(0);

        ((com.fasterxml.jackson.databind.node.ObjectNode) server.spec().podSpec()).put("hostNetwork", true);

        assertThat(server.spec().podSpec().has("hostNetwork")).isFalse();
        assertThat(server.spec().podSpec().at("/containers/0/resources/limits/nvidia.com~1gpu").asInt()).isEqualTo(1);
    }
}
