package io.trantor.runtime.api.tabular;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A model whose model-settings.json declares one INT64 {@code [-1, 1]} input per DataFrame column,
 * and a request for one row of it the way Seldon sends a DataFrame: content type {@code pd}, one
 * {@code [1, 1]} tensor per column.
 */
public record DataFrameCall(ModelArtifact artifact, InferenceRequest request) {

  /**
   * @param folder the model folder, holding {@code modelFile} and model-settings.json
   * @param row one value per column, in the order of {@code columns}
   */
  public static DataFrameCall oneRow(
      String model, Path folder, String modelFile, String implementation, List<String> columns, List<Long> row) {
    List<TensorMetadata> declared = columns.stream().map(n -> TensorMetadata.of(n, Datatype.INT64, -1, 1)).toList();
    ModelArtifact artifact =
        new ModelArtifact(
            model, "1", folder, folder.resolve(modelFile), implementation, null, 0, declared, List.of(), Map.of(),
            folder.resolve("model-settings.json"));
    List<Tensor> tensors = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      tensors.add(Tensor.ofLongs(declared.get(i).name(), new long[] {1, 1}, row.get(i)));
    }
    return new DataFrameCall(
        artifact, new InferenceRequest(model, null, null, Map.of("content_type", "pd"), tensors, List.of()));
  }
}
