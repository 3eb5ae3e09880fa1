package io.trantor.samples.tritonnative;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.stream.LongStream;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SavedModel;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorProto;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.proto.VersionDef;

/**
 * A linear softmax classifier as a TensorFlow SavedModel ({@code saved_model.pb}, no variables:
 * the weights are a constant in the graph), with one {@code serving_default} signature {@code
 * input} FP32 {@code [-1, imageShape...]} → {@code output} FP32 {@code [-1, classes]}. The image is
 * reduced to features first ({@link Features}), then multiplied by {@code weights} ({@code
 * [features, classes]}, row-major). Built from TensorFlow's protobuf messages: the same bytes on
 * every run, no TensorFlow native library needed.
 */
record SoftmaxSavedModel(String input, long[] imageShape, Features features, float[] weights, String output, int classes) {
  /** The GraphDef producer version TensorFlow Java 1.1.0 (TensorFlow 2.18) writes. */
  private static final int PRODUCER = 1994;

  /** How an image becomes the classifier's feature row. */
  enum Features {
    /** Every value, in row-major order ({@code Reshape} to {@code [-1, product of imageShape]}). */
    FLATTEN,
    /** The mean of each channel over height and width ({@code Mean} over axes 1 and 2). */
    CHANNEL_MEANS
  }

  SoftmaxSavedModel {
    imageShape = imageShape.clone();
    weights = weights.clone();
  }

  byte[] build() {
    long[] batchDims = LongStream.concat(LongStream.of(-1), Arrays.stream(imageShape)).toArray();
    TensorShapeProto batchOfImages = shape(batchDims);
    long featureCount = weights.length / classes;
    GraphDef.Builder graph = GraphDef.newBuilder()
        .addNode(NodeDef.newBuilder().setName(input).setOp("Placeholder")
            .putAttr("dtype", type(DataType.DT_FLOAT))
            .putAttr("shape", AttrValue.newBuilder().setShape(batchOfImages).build()));
    String reduced = switch (features) {
      case FLATTEN -> {
        graph.addNode(constant("flat_shape", TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                .setTensorShape(shape(2)).addIntVal(-1).addIntVal((int) featureCount).build()))
            .addNode(constant("weights", weightsTensor(featureCount)))
            .addNode(NodeDef.newBuilder().setName("flatten").setOp("Reshape").addInput(input).addInput("flat_shape")
                .putAttr("T", type(DataType.DT_FLOAT)).putAttr("Tshape", type(DataType.DT_INT32)));
        yield "flatten";
      }
      case CHANNEL_MEANS -> {
        graph.addNode(constant("spatial_axes", TensorProto.newBuilder().setDtype(DataType.DT_INT32)
                .setTensorShape(shape(2)).addIntVal(1).addIntVal(2).build()))
            .addNode(constant("weights", weightsTensor(featureCount)))
            .addNode(NodeDef.newBuilder().setName("channel_means").setOp("Mean").addInput(input).addInput("spatial_axes")
                .putAttr("T", type(DataType.DT_FLOAT)).putAttr("Tidx", type(DataType.DT_INT32))
                .putAttr("keep_dims", AttrValue.newBuilder().setB(false).build()));
        yield "channel_means";
      }
    };
    graph.addNode(NodeDef.newBuilder().setName("logits").setOp("MatMul").addInput(reduced).addInput("weights")
            .putAttr("T", type(DataType.DT_FLOAT))
            .putAttr("transpose_a", AttrValue.newBuilder().setB(false).build())
            .putAttr("transpose_b", AttrValue.newBuilder().setB(false).build()))
        .addNode(NodeDef.newBuilder().setName(output).setOp("Softmax").addInput("logits")
            .putAttr("T", type(DataType.DT_FLOAT)))
        .setVersions(VersionDef.newBuilder().setProducer(PRODUCER));
    SignatureDef serving = SignatureDef.newBuilder()
        .putInputs(input, tensorInfo(input + ":0", batchOfImages))
        .putOutputs(output, tensorInfo(output + ":0", shape(-1, classes)))
        .setMethodName("tensorflow/serving/predict")
        .build();
    MetaGraphDef metaGraph = MetaGraphDef.newBuilder()
        .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
        .setGraphDef(graph)
        .putSignatureDef("serving_default", serving)
        .build();
    return SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(metaGraph).build().toByteArray();
  }

  private TensorProto weightsTensor(long featureCount) {
    return TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
        .setTensorShape(shape(featureCount, classes)).setTensorContent(littleEndian(weights)).build();
  }

  private static NodeDef constant(String name, TensorProto value) {
    return NodeDef.newBuilder().setName(name).setOp("Const")
        .putAttr("dtype", type(value.getDtype()))
        .putAttr("value", AttrValue.newBuilder().setTensor(value).build())
        .build();
  }

  private static TensorInfo tensorInfo(String tensorName, TensorShapeProto shape) {
    return TensorInfo.newBuilder().setName(tensorName).setDtype(DataType.DT_FLOAT).setTensorShape(shape).build();
  }

  private static AttrValue type(DataType type) {
    return AttrValue.newBuilder().setType(type).build();
  }

  private static TensorShapeProto shape(long... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (long d : dims) {
      shape.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
    }
    return shape.build();
  }

  private static ByteString littleEndian(float[] values) {
    ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    for (float v : values) {
      buffer.putFloat(v);
    }
    return ByteString.copyFrom(buffer.array());
  }
}
