package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mul;
import org.tensorflow.types.TFloat32;

/**
 * A SavedModel without config.pbtxt (Seldon's {@code scv2/samples/tensorflow/cifar10} is one)
 * loads from {@code 1/model.savedmodel/}, reporting its {@code serving_default} signature.
 */
class SavedModelTest {
  @TempDir Path repo;

  /** Exports {@code scores = features * 3}, FP32 {@code [-1,2]}, with TensorFlow Java itself. */
  private Path exportTripler() throws Exception {
    Path dir = repo.resolve("tripler/1/model.savedmodel");
    try (Graph graph = new Graph(); Session session = new Session(graph)) {
      Ops tf = Ops.create(graph);
      Placeholder<TFloat32> features = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 2)));
      Mul<TFloat32> scores = tf.math.mul(features, tf.constant(3f));
      Signature signature = Signature.builder().key(Signature.DEFAULT_KEY)
          .input("features", features).output("scores", scores).build();
      SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(signature, session)).export();
    }
    return dir;
  }

  @Test
  void loadsTheServingSignatureAndInfers() throws Exception {
    Path savedModel = exportTripler();
    ModelArtifact artifact = new ModelArtifact("tripler", "1", savedModel.getParent(), null, null, null, 0,
        List.of(), List.of(), Map.of(), null);
    TensorflowModelRuntime runtime = new TensorflowModelRuntime();
    assertThat(runtime.match(artifact)).isEqualTo(ArtifactMatch.ARTIFACT_FILE);

    try (LoadedModel model = runtime.load(artifact)) {
      assertThat(model.signature().platform()).isEqualTo("tensorflow_savedmodel");
      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("features", Datatype.FP32, -1, 2));
      assertThat(model.signature().outputs()).extracting(TensorMetadata::name).containsExactly("scores");

      List<Tensor> out = model.infer(InferenceRequest.of("tripler", List.of(
          Tensor.ofFloats("features", new long[] {2, 2}, 1, 2, 3, 4))));

      assertThat(out).singleElement().satisfies(t -> {
        assertThat(t.name()).isEqualTo("scores");
        assertThat(t.shape()).containsExactly(2, 2);
        assertThat(t.asFloats()).containsExactly(3, 6, 9, 12);
      });
    }
  }
}
