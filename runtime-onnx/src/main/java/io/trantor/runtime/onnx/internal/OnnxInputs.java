package io.trantor.runtime.onnx.internal;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request's tensors as ONNX Runtime tensors, owned until {@link #close}. Fixed-width data is
 * copied once into a direct buffer that ONNX Runtime reads in place; BYTES elements become strings
 * (decoded as UTF-8, the only form the Java API takes).
 */
final class OnnxInputs implements AutoCloseable {
  private final Map<String, OnnxTensor> tensors = new LinkedHashMap<>();

  private OnnxInputs() {}

  /**
   * @throws InvalidInputException naming the tensor when ONNX Runtime cannot take its datatype
   * @throws OrtException when ONNX Runtime rejects a tensor (every tensor made so far is closed)
   */
  static OnnxInputs of(OrtEnvironment env, List<Tensor> inputs) throws OrtException {
    OnnxInputs result = new OnnxInputs();
    try {
      for (Tensor input : inputs) {
        result.tensors.put(input.name(), create(env, input));
      }
      return result;
    } catch (OrtException | RuntimeException e) {
      result.close();
      throw e;
    }
  }

  Map<String, OnnxTensor> byName() {
    return tensors;
  }

  private static OnnxTensor create(OrtEnvironment env, Tensor input) throws OrtException {
    ElementType type = ElementType.of(input.datatype());
    OnnxJavaType javaType =
        type.javaType()
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "tensor '" + input.name() + "': datatype " + input.datatype()
                            + " cannot be passed to ONNX Runtime; send a signed or wider type"));
    if (input.data() instanceof TensorData.Bytes bytes) {
      String[] strings = new String[bytes.elements().size()];
      for (int i = 0; i < strings.length; i++) {
        strings[i] = new String(bytes.elements().get(i), StandardCharsets.UTF_8);
      }
      return OnnxTensor.createTensor(env, strings, input.shape());
    }
    byte[] raw = ((TensorData.Fixed) input.data()).littleEndian();
    // Native order is little-endian on every platform the onnxruntime jar ships for (checked at
    // load), so the OIP raw bytes are already in the layout ONNX Runtime reads.
    ByteBuffer buffer = ByteBuffer.allocateDirect(raw.length).order(ByteOrder.nativeOrder());
    if (javaType == OnnxJavaType.BOOL) {
      for (byte b : raw) {
        buffer.put((byte) (b != 0 ? 1 : 0));
      }
    } else {
      buffer.put(raw);
    }
    buffer.flip();
    return OnnxTensor.createTensor(env, buffer, input.shape(), javaType);
  }

  @Override
  public void close() {
    for (OnnxTensor tensor : tensors.values()) {
      tensor.close();
    }
    tensors.clear();
  }
}
