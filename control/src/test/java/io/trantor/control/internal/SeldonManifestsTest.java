package io.trantor.control.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.dsl.Manifests;
import io.trantor.dsl.ReadResult;
import io.trantor.dsl.Resource;
import io.trantor.protocol.seldon.scheduler.DeploymentSpec;
import io.trantor.protocol.seldon.scheduler.Experiment;
import io.trantor.protocol.seldon.scheduler.ExperimentCandidate;
import io.trantor.protocol.seldon.scheduler.MetaData;
import io.trantor.protocol.seldon.scheduler.Model;
import io.trantor.protocol.seldon.scheduler.ModelSpec;
import io.trantor.protocol.seldon.scheduler.Pipeline;
import io.trantor.protocol.seldon.scheduler.PipelineOutput;
import io.trantor.protocol.seldon.scheduler.PipelineStep;
import io.trantor.protocol.seldon.scheduler.ResourceType;
import io.trantor.protocol.seldon.scheduler.StorageConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A scheduler message reads as the manifest Seldon's operator made it from: the same resource. */
class SeldonManifestsTest {
  private static final Path SAMPLES = Path.of("/work/shared/seldon-samples");

  private static Resource read(String manifest) {
    ReadResult read = Manifests.read(manifest);
    assertThat(read.problems()).isEmpty();
    return read.resources().getFirst();
  }

  private static Resource sample(String path) throws Exception {
    ReadResult read = Manifests.read(SAMPLES.resolve(path));
    assertThat(read.problems()).isEmpty();
    return read.resources().getFirst();
  }

  @Test
  void theDocsGrpcurlLoadModelIsTheIrisModel() {
    Model iris = Model.newBuilder()
        .setMeta(MetaData.newBuilder().setName("iris"))
        .setModelSpec(ModelSpec.newBuilder().setUri("gs://seldon-models/mlserver/iris").addRequirements("sklearn")
            .setMemoryBytes(500))
        .setDeploymentSpec(DeploymentSpec.newBuilder().setReplicas(1).setMaxReplicas(-1))
        .build();

    io.trantor.dsl.Model model = (io.trantor.dsl.Model) read(SeldonManifests.model(iris));

    assertThat(model.name()).isEqualTo("iris");
    assertThat(model.namespace()).isEqualTo("default");
    assertThat(model.spec().storageUri()).isEqualTo("gs://seldon-models/mlserver/iris");
    assertThat(model.spec().requirements()).containsExactly("sklearn");
    assertThat(model.spec().memory().value()).isEqualTo(500);
    assertThat(model.spec().replicas()).isEqualTo(1);
    // MaxUint32 is how Seldon's operator says "unset": no autoscaling.
    assertThat(model.spec().autoscaling()).isFalse();
  }

  @Test
  void aModelKeepsItsSampleFields() throws Exception {
    io.trantor.dsl.Model sample = (io.trantor.dsl.Model) sample("models/sklearn-iris-gs.yaml");
    Model message = SeldonStatuses.model(sample);

    io.trantor.dsl.Model back = (io.trantor.dsl.Model) read(SeldonManifests.model(message));

    assertThat(back.spec().storageUri()).isEqualTo(sample.spec().storageUri());
    assertThat(back.spec().requirements()).isEqualTo(sample.spec().requirements());
    assertThat(back.spec().memory().value()).isEqualTo(102_400);
    assertThat(back.spec().replicas()).isEqualTo(sample.spec().replicas());
  }

  @Test
  void anInlineRcloneConfigIsRefusedWithItsField() {
    Model model = Model.newBuilder().setMeta(MetaData.newBuilder().setName("iris"))
        .setModelSpec(ModelSpec.newBuilder().setUri("s3://b/iris")
            .setStorageConfig(StorageConfig.newBuilder().setStorageRcloneConfig("{...}")))
        .build();

    assertThatThrownBy(() -> SeldonManifests.model(model))
        .isInstanceOf(ControlException.Invalid.class)
        .hasMessageStartingWith("modelSpec.storageConfig.storageRcloneConfig:");
  }

  @Test
  void aPipelineWithTriggersAndJoinsIsTheSampleManifest() throws Exception {
    Pipeline triggerJoins = Pipeline.newBuilder().setName("trigger-joins")
        .addSteps(PipelineStep.newBuilder().setName("mul10").addInputs("trigger-joins.inputs.INPUT")
            .addTriggers("trigger-joins.inputs.ok1").addTriggers("trigger-joins.inputs.ok2")
            .setTriggersJoin(PipelineStep.JoinOp.ANY))
        .addSteps(PipelineStep.newBuilder().setName("add10").addInputs("trigger-joins.inputs.INPUT")
            .addTriggers("trigger-joins.inputs.ok3"))
        .setOutput(PipelineOutput.newBuilder().addSteps("mul10").addSteps("add10").setStepsJoin(PipelineOutput.JoinOp.ANY))
        .build();

    io.trantor.dsl.Pipeline pipeline = (io.trantor.dsl.Pipeline) read(SeldonManifests.pipeline(triggerJoins));

    assertThat(pipeline.spec()).isEqualTo(((io.trantor.dsl.Pipeline) sample("pipelines/trigger-joins.yaml")).spec());
  }

  @Test
  void aPipelineWithATensorMapIsTheSampleManifest() throws Exception {
    Pipeline join = Pipeline.newBuilder().setName("join")
        .addSteps(PipelineStep.newBuilder().setName("tfsimple1"))
        .addSteps(PipelineStep.newBuilder().setName("tfsimple2"))
        .addSteps(PipelineStep.newBuilder().setName("tfsimple3")
            .addInputs("tfsimple1.outputs.OUTPUT0").addInputs("tfsimple2.outputs.OUTPUT1")
            .putTensorMap("tfsimple1.outputs.OUTPUT0", "INPUT0").putTensorMap("tfsimple2.outputs.OUTPUT1", "INPUT1"))
        .setOutput(PipelineOutput.newBuilder().addSteps("tfsimple3"))
        .build();

    io.trantor.dsl.Pipeline pipeline = (io.trantor.dsl.Pipeline) read(SeldonManifests.pipeline(join));

    assertThat(pipeline.spec()).isEqualTo(((io.trantor.dsl.Pipeline) sample("pipelines/tfsimples-join.yaml")).spec());
  }

  @Test
  void aPipelineExperimentIsTheSampleManifest() throws Exception {
    Experiment addmul10 = Experiment.newBuilder().setName("addmul10").setDefault("pipeline-add10")
        .setResourceType(ResourceType.PIPELINE)
        .addCandidates(ExperimentCandidate.newBuilder().setName("pipeline-add10").setWeight(50))
        .addCandidates(ExperimentCandidate.newBuilder().setName("pipeline-mul10").setWeight(50))
        .build();

    io.trantor.dsl.Experiment experiment = (io.trantor.dsl.Experiment) read(SeldonManifests.experiment(addmul10));

    assertThat(experiment.spec()).isEqualTo(((io.trantor.dsl.Experiment) sample("experiments/addmul10.yaml")).spec());
  }
}
