package io.trantor.runtime.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.onnx.testing.TinyModels;
import io.trantor.samples.onnx.OnnxAttribute;
import io.trantor.samples.onnx.OnnxElementType;
import io.trantor.samples.onnx.OnnxModelBuilder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every datatype ONNX Runtime's Java API can carry goes through an Identity model unchanged. */
class DatatypeRoundTripTest {
  private final OnnxModelRuntime runtime = new OnnxModelRuntime();
  @TempDir Path dir;

  /** Three elements per type, including the extremes and a negative where the type has one. */
  private static Tensor sample(Datatype datatype) {
    ByteBuffer b = ByteBuffer.allocate(3 * Math.max(datatype.byteSize(), 1)).order(ByteOrder.LITTLE_ENDIAN);
    switch (datatype) {
      case BOOL -> b.put((byte) 1).put((byte) 0).put((byte) 1);
      case UINT8 -> b.put((byte) 0).put((byte) 200).put((byte) 255);
      case INT8 -> b.put(Byte.MIN_VALUE).put((byte) -1).put(Byte.MAX_VALUE);
      case INT16 -> b.putShort(Short.MIN_VALUE).putShort((short) -2).putShort(Short.MAX_VALUE);
      case INT32 -> b.putInt(Integer.MIN_VALUE).putInt(-3).putInt(Integer.MAX_VALUE);
      case INT64 -> b.putLong(Long.MIN_VALUE).putLong(-4).putLong(Long.MAX_VALUE);
      case FP16 ->
          b.putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-2.25f))
              .putShort(Float.floatToFloat16(65504f));
      case FP32 -> b.putFloat(1.5f).putFloat(-Float.MAX_VALUE).putFloat(Float.MIN_VALUE);
      case FP64 -> b.putDouble(Math.PI).putDouble(-Double.MAX_VALUE).putDouble(Double.MIN_VALUE);
      case BYTES -> {
        return Tensor.ofStrings("INPUT", new long[] {3}, "alpha", "", "ünïcödé");
      }
      default -> throw new IllegalArgumentException(datatype.name());
    }
    return new Tensor("INPUT", datatype, new long[] {3}, Map.of(), new TensorData.Fixed(b.array()));
  }

  @ParameterizedTest
  @EnumSource(value = Datatype.class, names = {"UINT16", "UINT32", "UINT64"}, mode = EnumSource.Mode.EXCLUDE)
  void identityReturnsTheSameElements(Datatype datatype) throws Exception {
    try (LoadedModel model = runtime.load(TinyModels.identity(dir, datatype))) {
      Tensor input = sample(datatype);
      List<Tensor> out = model.infer(InferenceRequest.of("identity", List.of(input)));

      assertThat(model.signature().inputs()).containsExactly(TensorMetadata.of("INPUT", datatype, -1));
      assertThat(out).containsExactly(input.withName("OUTPUT"));
    }
  }

  /** The Java API cannot create unsigned 16/32/64-bit tensors, but models may still return them. */
  @ParameterizedTest
  @EnumSource(value = Datatype.class, names = {"UINT16", "UINT32", "UINT64"})
  void returnsUnsignedOutputs(Datatype datatype) throws Exception {
    OnnxElementType type = OnnxElementType.of(datatype);
    byte[] cast =
        OnnxModelBuilder.graph("cast")
            .input("X", OnnxElementType.INT32, -1)
            .output("Y", type, -1)
            .node("Cast", List.of("X"), List.of("Y"), OnnxAttribute.of("to", (long) type.code()))
            .build();
    try (LoadedModel model = runtime.load(TinyModels.write(dir, "cast", cast))) {
      Tensor out =
          model.infer(InferenceRequest.of("cast", List.of(Tensor.ofInts("X", new long[] {2}, 7, 65535)))).getFirst();

      assertThat(model.signature().outputs()).containsExactly(TensorMetadata.of("Y", datatype, -1));
      assertThat(out.datatype()).isEqualTo(datatype);
      assertThat(out.asDoubleValues()).containsExactly(7, 65535);
    }
  }

  @ParameterizedTest
  @EnumSource(value = Datatype.class, names = {"UINT16", "UINT32", "UINT64"})
  void refusesToLoadInputsTheJavaApiCannotFeed(Datatype datatype) {
    String onnxName = datatype.name().toLowerCase(Locale.ROOT);
    assertThatThrownBy(() -> runtime.load(TinyModels.identity(dir, datatype)))
        .isInstanceOf(ModelLoadException.class)
        .hasMessageContaining("input 'INPUT' has element type " + onnxName)
        .hasMessageContaining("cannot feed");
  }
}
