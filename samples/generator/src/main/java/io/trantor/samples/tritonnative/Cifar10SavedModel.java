package io.trantor.samples.tritonnative;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * A stand-in for Seldon's TensorFlow CIFAR-10 classifier (shared reference §5.1 A13/A14) as a
 * SavedModel ({@code saved_model.pb}, no variables: the weights are constants in the graph), with
 * the same signature: {@code input_1} FP32 {@code [-1,32,32,3]} → {@code fc10} FP32 {@code [-1,10]},
 * class probabilities (softmax). The weights are synthetic: class {@code c}'s template lights rows
 * {@code 3c..3c+2} of the image, centred and scaled, so an image of that band scores class
 * {@code c} highest. Built from TensorFlow's protobuf messages, the same bytes on every run.
 */
public final class Cifar10SavedModel {
  public static final int SIDE = 32;
  public static final int CHANNELS = 3;
  public static final int PIXELS = SIDE * SIDE * CHANNELS;
  public static final int CLASSES = 10;
  private static final int BAND_ROWS = 3;
  /** Sharpens the softmax so a band image gets most of the probability. */
  private static final double SCALE = 8.0;
  private static final int PRODUCER = 1994;

  private Cifar10SavedModel() {}

  /** The image of class {@code c}: rows {@code 3c..3c+2} at 1 in every channel, the rest 0. */
  public static float[] bandImage(int c) {
    float[] image = new float[PIXELS];
    for (int row = BAND_ROWS * c; row < BAND_ROWS * (c + 1); row++) {
      for (int i = row * SIDE * CHANNELS; i < (row + 1) * SIDE * CHANNELS; i++) {
        image[i] = 1f;
      }
    }
    return image;
  }

  public static byte[] build() {
    TensorShapeProto batchOfImages = shape(-1, SIDE, SIDE, CHANNELS);
    GraphDef graph = GraphDef.newBuilder()
        .addNode(NodeDef.newBuilder().setName("input_1").setOp("Placeholder")
            .putAttr("dtype", type(DataType.DT_FLOAT))
            .putAttr("shape", AttrValue.newBuilder().setShape(batchOfImages).build()))
        .addNode(constant("flat_shape", TensorProto.newBuilder().setDtype(DataType.DT_INT32)
            .setTensorShape(shape(2)).addIntVal(-1).addIntVal(PIXELS).build()))
        .addNode(constant("weights", TensorProto.newBuilder().setDtype(DataType.DT_FLOAT)
            .setTensorShape(shape(PIXELS, CLASSES)).setTensorContent(littleEndian(weights())).build()))
        .addNode(NodeDef.newBuilder().setName("flatten").setOp("Reshape").addInput("input_1").addInput("flat_shape")
            .putAttr("T", type(DataType.DT_FLOAT)).putAttr("Tshape", type(DataType.DT_INT32)))
        .addNode(NodeDef.newBuilder().setName("logits").setOp("MatMul").addInput("flatten").addInput("weights")
            .putAttr("T", type(DataType.DT_FLOAT))
            .putAttr("transpose_a", AttrValue.newBuilder().setB(false).build())
            .putAttr("transpose_b", AttrValue.newBuilder().setB(false).build()))
        .addNode(NodeDef.newBuilder().setName("fc10").setOp("Softmax").addInput("logits")
            .putAttr("T", type(DataType.DT_FLOAT)))
        .setVersions(VersionDef.newBuilder().setProducer(PRODUCER))
        .build();
    SignatureDef serving = SignatureDef.newBuilder()
        .putInputs("input_1", tensorInfo("input_1:0", batchOfImages))
        .putOutputs("fc10", tensorInfo("fc10:0", shape(-1, CLASSES)))
        .setMethodName("tensorflow/serving/predict")
        .build();
    MetaGraphDef metaGraph = MetaGraphDef.newBuilder()
        .setMetaInfoDef(MetaGraphDef.MetaInfoDef.newBuilder().addTags("serve"))
        .setGraphDef(graph)
        .putSignatureDef("serving_default", serving)
        .build();
    return SavedModel.newBuilder().setSavedModelSchemaVersion(1).addMetaGraphs(metaGraph).build().toByteArray();
  }

  /** {@code [3072,10]} row-major: column {@code c} is class c's band, centred, unit length, scaled. */
  static float[] weights() {
    float[] weights = new float[PIXELS * CLASSES];
    for (int c = 0; c < CLASSES; c++) {
      float[] band = bandImage(c);
      double mean = 0;
      for (float v : band) {
        mean += v;
      }
      mean /= PIXELS;
      double norm = 0;
      for (float v : band) {
        norm += (v - mean) * (v - mean);
      }
      norm = StrictMath.sqrt(norm);
      for (int i = 0; i < PIXELS; i++) {
        weights[i * CLASSES + c] = (float) (SCALE * (band[i] - mean) / norm);
      }
    }
    return weights;
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
