package io.trantor.runtime.api;

import io.trantor.protocol.TensorMetadata;
import java.util.List;

/**
 * What a loaded model accepts and returns, as metadata reports it and as request validation
 * checks it. A {@code -1} dimension accepts any size.
 *
 * @param platform OIP platform string, e.g. {@code onnx_onnxv1}, {@code xgboost}
 */
public record ModelSignature(String platform, List<TensorMetadata> inputs, List<TensorMetadata> outputs) {
  public ModelSignature {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
  }
}
