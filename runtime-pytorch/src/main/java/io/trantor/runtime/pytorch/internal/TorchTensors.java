package io.trantor.runtime.pytorch.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;

/** Copies OIP tensors into LibTorch tensors and back, as raw little-endian bytes. */
final class TorchTensors {
  private TorchTensors() {}

  /** A tensor owned by {@code manager} holding a copy of the input's data. */
  static NDArray toTorch(String model, NDManager manager, Tensor input) {
    TorchElementType type =
        TorchElementType.of(input.datatype())
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "model '" + model + "': input '" + input.name() + "' has datatype "
                            + input.datatype() + ", which the PyTorch runtime cannot pass"));
    byte[] raw = ((TensorData.Fixed) input.data()).littleEndian();
    // Native order is little-endian (checked at load), the layout of OIP's raw bytes.
    ByteBuffer buffer = ByteBuffer.allocateDirect(raw.length).order(ByteOrder.nativeOrder());
    buffer.put(raw).flip();
    return manager.create(buffer, new Shape(input.shape()), type.djlType());
  }

  /** The result tensor as an OIP tensor named {@code name}, checked against the declared type. */
  static Tensor fromTorch(String model, String name, Datatype declared, NDArray array) {
    Datatype datatype =
        TorchElementType.of(array.getDataType())
            .orElseThrow(
                () ->
                    new InferenceFailedException(
                        "model '" + model + "': output '" + name + "' has LibTorch type "
                            + array.getDataType() + ", which the Open Inference Protocol cannot carry",
                        null))
            .datatype();
    if (datatype != declared) {
      throw new InferenceFailedException(
          "model '" + model + "': output '" + name + "' is " + datatype + " but config.pbtxt declares "
              + declared,
          null);
    }
    ByteBuffer data = array.toByteBuffer();
    byte[] raw = new byte[data.remaining()];
    data.get(raw);
    return new Tensor(name, datatype, array.getShape().getShape(), Map.of(), new TensorData.Fixed(raw));
  }
}
