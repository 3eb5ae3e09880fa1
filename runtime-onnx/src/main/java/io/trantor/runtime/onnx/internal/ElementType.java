package io.trantor.runtime.onnx.internal;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.TensorInfo.OnnxTensorType;
import io.trantor.protocol.Datatype;
import java.util.Locale;
import java.util.Optional;

/**
 * How each OIP datatype meets ONNX Runtime: the ONNX element type it is, and the Java type ONNX
 * Runtime's Java API creates tensors of. The Java API has no unsigned 16/32/64-bit types, so those
 * can be described but not fed ({@code javaType} is null).
 */
enum ElementType {
  BOOL(Datatype.BOOL, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL, OnnxJavaType.BOOL),
  UINT8(Datatype.UINT8, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8, OnnxJavaType.UINT8),
  UINT16(Datatype.UINT16, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16, null),
  UINT32(Datatype.UINT32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32, null),
  UINT64(Datatype.UINT64, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64, null),
  INT8(Datatype.INT8, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, OnnxJavaType.INT8),
  INT16(Datatype.INT16, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, OnnxJavaType.INT16),
  INT32(Datatype.INT32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, OnnxJavaType.INT32),
  INT64(Datatype.INT64, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, OnnxJavaType.INT64),
  FP16(Datatype.FP16, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, OnnxJavaType.FLOAT16),
  FP32(Datatype.FP32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, OnnxJavaType.FLOAT),
  FP64(Datatype.FP64, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE, OnnxJavaType.DOUBLE),
  BYTES(Datatype.BYTES, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING, OnnxJavaType.STRING);

  private final Datatype datatype;
  private final OnnxTensorType onnxType;
  private final OnnxJavaType javaType;

  ElementType(Datatype datatype, OnnxTensorType onnxType, OnnxJavaType javaType) {
    this.datatype = datatype;
    this.onnxType = onnxType;
    this.javaType = javaType;
  }

  Datatype datatype() {
    return datatype;
  }

  /** The Java API type to create a tensor with; empty when the Java API cannot create one. */
  Optional<OnnxJavaType> javaType() {
    return Optional.ofNullable(javaType);
  }

  static ElementType of(Datatype datatype) {
    return valueOf(datatype.name());
  }

  /** The OIP side of an ONNX element type; empty for types OIP has no name for (bfloat16...). */
  static Optional<ElementType> of(OnnxTensorType onnxType) {
    for (ElementType type : values()) {
      if (type.onnxType == onnxType) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** ONNX's lower-case name, e.g. {@code float16}, for messages. */
  static String onnxName(OnnxTensorType onnxType) {
    return onnxType.name().replace("ONNX_TENSOR_ELEMENT_DATA_TYPE_", "").toLowerCase(Locale.ROOT);
  }
}
