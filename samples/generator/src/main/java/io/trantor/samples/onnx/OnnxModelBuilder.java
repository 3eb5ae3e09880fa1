package io.trantor.samples.onnx;

import com.google.protobuf.ByteString;
import io.trantor.samples.onnx.proto.AttributeProto;
import io.trantor.samples.onnx.proto.GraphProto;
import io.trantor.samples.onnx.proto.ModelProto;
import io.trantor.samples.onnx.proto.NodeProto;
import io.trantor.samples.onnx.proto.OperatorSetIdProto;
import io.trantor.samples.onnx.proto.TensorProto;
import io.trantor.samples.onnx.proto.TensorShapeProto;
import io.trantor.samples.onnx.proto.TypeProto;
import io.trantor.samples.onnx.proto.ValueInfoProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Builds a small ONNX model (IR version 8, default opset 17) and returns its bytes. The same calls
 * give the same bytes on every run: nothing depends on time, randomness or map order.
 *
 * <pre>{@code
 * byte[] model = OnnxModelBuilder.graph("sum")
 *     .input("A", OnnxElementType.INT32, -1, 16)
 *     .input("B", OnnxElementType.INT32, -1, 16)
 *     .output("C", OnnxElementType.INT32, -1, 16)
 *     .node("Add", List.of("A", "B"), List.of("C"))
 *     .build();
 * }</pre>
 *
 * A {@code -1} dimension becomes a symbolic one: {@code N} in the first position (the batch), and
 * {@code d<position>} elsewhere, so tensors sharing a position share the symbol.
 */
public final class OnnxModelBuilder {
  public static final long IR_VERSION = 8;
  public static final long DEFAULT_OPSET = 17;
  private static final String PRODUCER = "trantor-samples";

  private final GraphProto.Builder graph;
  private long opset = DEFAULT_OPSET;
  private int nodeCount;

  private OnnxModelBuilder(String graphName) {
    this.graph = GraphProto.newBuilder().setName(graphName);
  }

  /** Starts a model whose graph has this name. */
  public static OnnxModelBuilder graph(String graphName) {
    return new OnnxModelBuilder(graphName);
  }

  /** The default-domain opset version to import (17 unless set). */
  public OnnxModelBuilder opset(long version) {
    this.opset = version;
    return this;
  }

  public OnnxModelBuilder input(String name, OnnxElementType type, long... shape) {
    graph.addInput(valueInfo(name, type, shape));
    return this;
  }

  public OnnxModelBuilder output(String name, OnnxElementType type, long... shape) {
    graph.addOutput(valueInfo(name, type, shape));
    return this;
  }

  /** A constant tensor; {@code littleEndian} holds the row-major values as ONNX raw_data. */
  public OnnxModelBuilder initializer(
      String name, OnnxElementType type, long[] dims, byte[] littleEndian) {
    if (type == OnnxElementType.STRING) {
      throw new IllegalArgumentException("initializer '" + name + "': STRING has no raw_data form");
    }
    TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(type.code());
    for (long d : dims) {
      tensor.addDims(d);
    }
    graph.addInitializer(tensor.setRawData(ByteString.copyFrom(littleEndian)));
    return this;
  }

  public OnnxModelBuilder floatInitializer(String name, long[] dims, float... values) {
    ByteBuffer b = littleEndian(values.length * Float.BYTES);
    for (float v : values) {
      b.putFloat(v);
    }
    return initializer(name, OnnxElementType.FLOAT, dims, b.array());
  }

  public OnnxModelBuilder longInitializer(String name, long[] dims, long... values) {
    ByteBuffer b = littleEndian(values.length * Long.BYTES);
    for (long v : values) {
      b.putLong(v);
    }
    return initializer(name, OnnxElementType.INT64, dims, b.array());
  }

  public OnnxModelBuilder intInitializer(String name, long[] dims, int... values) {
    ByteBuffer b = littleEndian(values.length * Integer.BYTES);
    for (int v : values) {
      b.putInt(v);
    }
    return initializer(name, OnnxElementType.INT32, dims, b.array());
  }

  /** An operator of the default ONNX domain; the node is named {@code <opType>_<index>}. */
  public OnnxModelBuilder node(
      String opType, List<String> inputs, List<String> outputs, OnnxAttribute... attributes) {
    NodeProto.Builder node =
        NodeProto.newBuilder()
            .addAllInput(inputs)
            .addAllOutput(outputs)
            .setName(opType + "_" + nodeCount++)
            .setOpType(opType);
    for (OnnxAttribute attribute : attributes) {
      node.addAttribute(attributeProto(attribute));
    }
    graph.addNode(node);
    return this;
  }

  /** The serialized ModelProto. */
  public byte[] build() {
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setProducerName(PRODUCER)
        .setGraph(graph)
        .build()
        .toByteArray();
  }

  private static ValueInfoProto valueInfo(String name, OnnxElementType type, long[] shape) {
    TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
    for (int i = 0; i < shape.length; i++) {
      TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
      if (shape[i] < 0) {
        dim.setDimParam(i == 0 ? "N" : "d" + i);
      } else {
        dim.setDimValue(shape[i]);
      }
      dims.addDim(dim);
    }
    TypeProto.Tensor tensorType =
        TypeProto.Tensor.newBuilder().setElemType(type.code()).setShape(dims).build();
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(TypeProto.newBuilder().setTensorType(tensorType))
        .build();
  }

  private static AttributeProto attributeProto(OnnxAttribute attribute) {
    AttributeProto.Builder proto = AttributeProto.newBuilder().setName(attribute.name());
    switch (attribute) {
      case OnnxAttribute.IntValue a -> proto.setType(AttributeProto.AttributeType.INT).setI(a.value());
      case OnnxAttribute.FloatValue a ->
          proto.setType(AttributeProto.AttributeType.FLOAT).setF(a.value());
      case OnnxAttribute.StringValue a ->
          proto.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(a.value()));
      case OnnxAttribute.IntList a ->
          proto.setType(AttributeProto.AttributeType.INTS).addAllInts(a.values());
      case OnnxAttribute.FloatList a ->
          proto.setType(AttributeProto.AttributeType.FLOATS).addAllFloats(a.values());
    }
    return proto.build();
  }

  private static ByteBuffer littleEndian(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
