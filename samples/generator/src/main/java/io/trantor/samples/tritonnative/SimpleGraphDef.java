package io.trantor.samples.tritonnative;

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
 */
public final class SimpleGraphDef {
  static final long WIDTH = 16;
  /** The GraphDef producer version TensorFlow Java 1.1.0 (TensorFlow 2.18) writes. */
  private static final int PRODUCER = 1994;

  private SimpleGraphDef() {}

  public static byte[] build() {
    return GraphDef.newBuilder()
        .addNode(placeholder("INPUT0"))
        .addNode(placeholder("INPUT1"))
        .addNode(binary("OUTPUT0", "Add"))
        .addNode(binary("OUTPUT1", "Sub"))
        .setVersions(VersionDef.newBuilder().setProducer(PRODUCER))
        .build()
        .toByteArray();
  }

  private static NodeDef placeholder(String name) {
    TensorShapeProto shape =
        TensorShapeProto.newBuilder()
            .addDim(TensorShapeProto.Dim.newBuilder().setSize(-1))
            .addDim(TensorShapeProto.Dim.newBuilder().setSize(WIDTH))
            .build();
    return NodeDef.newBuilder()
        .setName(name)
        .setOp("Placeholder")
        .putAttr("dtype", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
        .putAttr("shape", AttrValue.newBuilder().setShape(shape).build())
        .build();
  }

  private static NodeDef binary(String name, String op) {
    return NodeDef.newBuilder()
        .setName(name)
        .setOp(op)
        .addInput("INPUT0")
        .addInput("INPUT1")
        .putAttr("T", AttrValue.newBuilder().setType(DataType.DT_INT32).build())
        .build();
  }
}
