package io.trantor.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TString;

/** OIP BYTES tensors are TensorFlow strings, in and out, byte for byte (not only UTF-8). */
class StringTensorsTest {
  @TempDir Path dir;

  @Test
  void bytesPassThroughAGraphAndBack() throws Exception {
    Path version = Files.createDirectories(dir.resolve("echo/1"));
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph);
      Placeholder<TString> text = tf.withName("TEXT").placeholder(TString.class, Placeholder.shape(Shape.of(-1)));
      tf.withName("ECHO").identity(text);
      tf.withName("LENGTH").strings.stringLength(text);
      Files.write(version.resolve("model.graphdef"), graph.toGraphDef().toByteArray());
    }
    ModelArtifact artifact = new ModelArtifact("echo", "1", version, null, null, "tensorflow_graphdef", 0,
        List.of(TensorMetadata.of("TEXT", Datatype.BYTES, -1)),
        List.of(TensorMetadata.of("ECHO", Datatype.BYTES, -1), TensorMetadata.of("LENGTH", Datatype.INT32, -1)),
        Map.of(), null);
    byte[] notUtf8 = {(byte) 0xff, 0, 1};
    Tensor input = new Tensor("TEXT", Datatype.BYTES, new long[] {2}, Map.of(),
        new TensorData.Bytes(List.of("héllo".getBytes(StandardCharsets.UTF_8), notUtf8)));

    try (LoadedModel model = new TensorflowModelRuntime().load(artifact)) {
      List<Tensor> out = model.infer(InferenceRequest.of("echo", List.of(input)));

      assertThat(out.get(0).datatype()).isEqualTo(Datatype.BYTES);
      assertThat(out.get(0).shape()).containsExactly(2);
      assertThat(((TensorData.Bytes) out.get(0).data()).elements())
          .containsExactly("héllo".getBytes(StandardCharsets.UTF_8), notUtf8);
      assertThat(out.get(1).asInts()).containsExactly(6, 3);
    }
  }
}
