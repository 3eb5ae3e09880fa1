package io.trantor.samples.tritonnative;

import com.google.protobuf.ByteString;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/**
 * NVIDIA's {@code simple} TensorFlow model as a frozen GraphDef: placeholders {@code INPUT0},
 * {@code INPUT1} (INT32 {@code [-1,16]}), {@code OUTPUT0 = INPUT0 + INPUT1} (an {@code Add} node),
 * {@code OUTPUT1 = INPUT0 - INPUT1} ({@code Sub}). Written as TensorFlow's own protobuf messages,
 * so generating it needs no TensorFlow native library and gives the same bytes on every run.
 *
 * <p>{@link #buildStrings()} is NVIDIA's {@code simple_string} variant (Seldon's {@code
 * triton/tf_simple_string}): the same placeholders and outputs as strings ({@code BYTES}): each
 * input element is a decimal integer, parsed ({@code StringToNumber}), added and subtracted as
 * INT32, and written back as text ({@code AsString}).
 */
public final class SimpleGraphDef {
  static final long WIDTH = 16;
  /** The GraphDef producer version TensorFlow Java 1.1.0 (TensorFlow 2.18) writes. */
  private static final int PRODUCER = 1994;

  private SimpleGraphDef() {}

  public static byte[] build() {
    return GraphDef.newBuilder()
        .addNode(placeholder("INPUT0", DataType.DT_INT32))
        .addNode(placeholder("INPUT1", DataType.DT_INT32))
        .addNode(binary("OUTPUT0", "Add", "INPUT0", "INPUT1"))
        .addNode(binary("OUTPUT1", "Sub", "INPUT0", "INPUT1"))
        .setVersions(VersionDef.newBuilder().setProducer(PRODUCER))
        .build()
        .toByteArray();
  }

  public static byte[] buildStrings() {
    return GraphDef.newBuilder()
        .addNode(placeholder("INPUT0", DataType.DT_STRING))
        .addNode(placeholder("INPUT1", DataType.DT_STRING))
        .addNode(parse("number0", "INPUT0"))
        .addNode(parse("number1", "INPUT1"))
        .addNode(binary("sum", "Add", "number0", "number1"))
        .addNode(binary("difference", "Sub", "number0", "number1"))
        .addNode(text("OUTPUT0", "sum"))
        .addNode(text("OUTPUT1", "difference"))
        .setVersions(VersionDef.newBuilder().setProducer(PRODUCER))
        .build()
        .toByteArray();
  }

  private static NodeDef parse(String name, String input) {
    return NodeDef.newBuilder().setName(name).setOp("StringToNumber").addInput(input)
        .putAttr("out_type", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
        .build();
  }

  /** {@code AsString} with its optional attributes written out at their defaults, so no importer has to add them. */
  private static NodeDef text(String name, String input) {
    return NodeDef.newBuilder().setName(name).setOp("AsString").addInput(input)
        .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
        .putAttr("precision", AttrValue.newBuilder().setI(-1).build())
        .putAttr("scientific", AttrValue.newBuilder().setB(false).build())
        .putAttr("shortest", AttrValue.newBuilder().setB(false).build())
        .putAttr("width", AttrValue.newBuilder().setI(-1).build())
        .putAttr("fill", AttrValue.newBuilder().setS(ByteString.EMPTY).build())
        .build();
  }

  private static NodeDef placeholder(String name, DataType type) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dim.newBuilder().setSize(-1))
            .addDim(TensorShapeProto.Dim.newBuilder().setSize(WIDTH))
            .build();
    return NodeDef.newBuilder()
        .setName(name)
        .setOp("Placeholder")
        .putAttr("dtype", AttrValue.newBuilder().setType(type).build())
        .putAttr("shape", AttrValue.newBuilder().setShape(shape).build())
        .build();
  }

  private static NodeDef binary(String name, String op, String left, String right) {
    return NodeDef.newBuilder()
        .setName(name)
        .setOp(op)
        .addInput(left)
        .addInput(right)
        .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
        .build();
  }
}
