package io.trantor.samples.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.samples.onnx.proto.AttributeProto;
import io.trantor.samples.onnx.proto.ModelProto;
import io.trantor.samples.onnx.proto.TensorShapeProto;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxModelBuilderTest {

  private static byte[] argmaxModel() {
    return OnnxModelBuilder.graph("g")
        .input("x", OnnxElementType.FLOAT, -1, 3)
        .output("y", OnnxElementType.INT64, -1)
        .floatInitializer("bias", new long[] {3}, 1f, 2f, 3f)
        .node("Add", List.of("x", "bias"), List.of("s"))
        .node("ArgMax", List.of("s"), List.of("y"), OnnxAttribute.of("axis", 1L), OnnxAttribute.of("keepdims", 0L))
        .build();
  }

  @Test
  void givesTheSameBytesEveryTime() {
    assertThat(argmaxModel()).isEqualTo(argmaxModel());
  }

  @Test
  void writesIrVersionEightAndOpsetSeventeen() throws Exception {
    ModelProto model = ModelProto.parseFrom(argmaxModel());

    assertThat(model.getIrVersion()).isEqualTo(8);
    assertThat(model.getOpsetImportList()).singleElement().satisfies(opset -> {
      assertThat(opset.getDomain()).isEmpty();
      assertThat(opset.getVersion()).isEqualTo(17);
    });
  }

  @Test
  void writesMinusOneAsASymbolicDimension() throws Exception {
    ModelProto model = ModelProto.parseFrom(argmaxModel());
    List<TensorShapeProto.Dimension> dims = model.getGraph().getInput(0).getType().getTensorType().getShape().getDimList();

    assertThat(model.getGraph().getInput(0).getType().getTensorType().getElemType()).isEqualTo(1);
    assertThat(dims.get(0).getDimParam()).isEqualTo("N");
    assertThat(dims.get(1).hasDimValue()).isTrue();
    assertThat(dims.get(1).getDimValue()).isEqualTo(3);
  }

  @Test
  void keepsAnIntAttributeOfZero() throws Exception {
    ModelProto model = ModelProto.parseFrom(argmaxModel());
    AttributeProto keepdims = model.getGraph().getNode(1).getAttribute(1);

    assertThat(keepdims.getName()).isEqualTo("keepdims");
    assertThat(keepdims.getType()).isEqualTo(AttributeProto.AttributeType.INT);
    assertThat(keepdims.hasI()).isTrue();
    assertThat(keepdims.getI()).isZero();
  }

  @Test
  void storesInitializersAsLittleEndianRawData() throws Exception {
    ModelProto model = ModelProto.parseFrom(argmaxModel());
    var bias = model.getGraph().getInitializer(0);

    assertThat(bias.getDimsList()).containsExactly(3L);
    assertThat(bias.getRawData().toByteArray())
        .startsWith(0x00, 0x00, (byte) 0x80, 0x3f); // 1.0f
  }

  @Test
  void namesNodesByOperatorAndPosition() throws Exception {
    ModelProto model = ModelProto.parseFrom(argmaxModel());
    assertThat(model.getGraph().getNodeList()).extracting(n -> n.getName()).containsExactly("Add_0", "ArgMax_1");
  }
}
