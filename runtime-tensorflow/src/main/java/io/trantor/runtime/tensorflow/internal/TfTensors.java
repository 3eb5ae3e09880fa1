package io.trantor.runtime.tensorflow.internal;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.RawTensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffer;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TString;

/**
 * Copies OIP tensors into TensorFlow tensors and back: fixed-width types as raw little-endian
 * bytes, BYTES as TensorFlow strings.
 */
final class TfTensors {
  private TfTensors() {}

  /** A new TensorFlow tensor holding the input's data; the caller closes it. */
  static org.tensorflow.Tensor toTensorflow(String model, Tensor input) {
    if (input.data() instanceof TensorData.Bytes bytes) {
      // OIP BYTES elements are TensorFlow strings: arbitrary bytes, copied as they are.
      byte[][] elements = bytes.elements().toArray(new byte[0][]);
      return TString.tensorOfBytes(Shape.of(input.shape()), DataBuffers.ofObjects(elements));
    }
    TfElementType type =
        TfElementType.of(input.datatype())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "model '" + model + "': input '" + input.name() + "' has datatype "
                            + input.datatype() + ", which the TensorFlow runtime cannot pass"));
    byte[] raw = ((TensorData.Fixed) input.data()).littleEndian();
    return org.tensorflow.Tensor.of(
        type.tensorClass(), Shape.of(input.shape()), DataBuffers.of(raw, true, false));
  }

  /** The TensorFlow tensor as an OIP tensor named {@code name} (a copy; the caller still closes it). */
  static Tensor fromTensorflow(String model, String name, org.tensorflow.Tensor tensor) {
    if (tensor instanceof TString strings) {
      long count = strings.shape().size();
      DataBuffer<byte[]> buffer = DataBuffers.ofObjects(byte[].class, count);
      strings.asBytes().copyTo(buffer);
      List<byte[]> elements = new ArrayList<>(Math.toIntExact(count));
      for (long i = 0; i < count; i++) {
        elements.add(buffer.getObject(i));
      }
      return new Tensor(name, Datatype.BYTES, strings.shape().asArray(), Map.of(), new TensorData.Bytes(elements));
    }
    RawTensor raw = tensor.asRawTensor();
    Datatype datatype =
        TfElementType.of(raw.dataType())
            .orElseThrow(
                () ->
                    new InferenceFailedException(
                        "model '" + model + "': output '" + name + "' has TensorFlow type "
                            + TfElementType.tfName(raw.dataType())
                            + ", which the Open Inference Protocol cannot carry",
                        null))
            .datatype();
    byte[] bytes = new byte[Math.toIntExact(raw.numBytes())];
    raw.data().read(bytes);
    return new Tensor(name, datatype, raw.shape().asArray(), Map.of(), new TensorData.Fixed(bytes));
  }
}
