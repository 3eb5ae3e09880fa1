package io.trantor.runtime.onnx.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorData;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Copies an ONNX Runtime result tensor into an OIP {@link Tensor} (little-endian raw bytes). */
final class OutputReader {
  private OutputReader() {}

  static Tensor read(String name, OnnxValue value) throws OrtException {
    if (!(value instanceof OnnxTensor tensor)) {
      throw new IllegalStateException("output '" + name + "' is not a tensor: " + value.getType());
    }
    TensorInfo info = tensor.getInfo();
    Datatype datatype =
        ElementType.of(info.onnxType)
            .orElseThrow(() -> new IllegalStateException("output '" + name + "': " + info))
            .datatype();
    long[] shape = info.getShape();
    if (datatype == Datatype.BYTES) {
      List<byte[]> elements = new ArrayList<>();
      flattenStrings(tensor.getValue(), elements);
      return new Tensor(name, datatype, shape, Map.of(), new TensorData.Bytes(elements));
    }
    ByteBuffer data = tensor.getByteBuffer();
    byte[] raw = new byte[data.remaining()];
    // A copy in native order, which is little-endian on every supported platform (checked at load).
    data.get(raw);
    return new Tensor(name, datatype, shape, Map.of(), new TensorData.Fixed(raw));
  }

  /** String tensors come back as a String or nested String arrays, one level per dimension. */
  private static void flattenStrings(Object value, List<byte[]> out) {
    if (value instanceof String s) {
      out.add(s.getBytes(StandardCharsets.UTF_8));
      return;
    }
    int length = Array.getLength(value);
    for (int i = 0; i < length; i++) {
      flattenStrings(Array.get(value, i), out);
    }
  }
}
