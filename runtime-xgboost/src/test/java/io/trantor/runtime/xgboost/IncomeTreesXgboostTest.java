package io.trantor.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.agent.runtime.LoadedModel;
import io.trantor.agent.runtime.ModelArtifact;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.samples.trees.IncomeTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The income-xgb sample the generator writes: reproducible, and served the way Seldon's is called. */
class IncomeTreesXgboostTest {
  @TempDir Path temp;

  @Test
  void writesTheSameBytesOnEveryRun() throws Exception {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    IncomeTrees.writeXgboost(first);
    IncomeTrees.writeXgboost(second);

    for (String file : List.of("model.json", "model-settings.json")) {
      assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
    assertThat(Files.readString(first.resolve("model-settings.json")))
        .contains("\"name\": \"income-xgb\"", "\"implementation\": \"xgboost\"", "\"uri\": \"./model.json\"")
        .contains("{\"name\": \"Hours per week\", \"datatype\": \"INT64\", \"shape\": [-1, 1]}");
  }

  @Test
  void answersSeldonsIncomeRequestWithAProbability() throws Exception {
    Path folder = temp.resolve("income-xgb");
    IncomeTrees.writeXgboost(folder);
    List<TensorMetadata> declared =
        IncomeTrees.FEATURE_NAMES.stream().map(n -> TensorMetadata.of(n, Datatype.INT64, -1, 1)).toList();
    ModelArtifact artifact =
        new ModelArtifact(
            "income-xgb", "1", folder, folder.resolve("model.json"), "xgboost", null, 0, declared, List.of(),
            Map.of(), folder.resolve("model-settings.json"));
    List<Tensor> columns = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      columns.add(Tensor.ofLongs(declared.get(i).name(), new long[] {1, 1}, IncomeTrees.REFERENCE_ROW.get(i)));
    }
    InferenceRequest request =
        new InferenceRequest("income-xgb", null, null, Map.of("content_type", "pd"), columns, List.of());

    float probability;
    try (LoadedModel model = new XgboostModelRuntime().load(artifact)) {
      Tensor output = model.infer(request).getFirst();
      assertThat(output.name()).isEqualTo("predict");
      assertThat(output.datatype()).isEqualTo(Datatype.FP32);
      assertThat(output.shape()).containsExactly(1, 1);
      probability = output.asFloats()[0];
    }

    assertThat(probability).isBetween(0f, 1f).isEqualTo(xgboostsOwnPrediction(folder.resolve("model.json")));
  }

  private static float xgboostsOwnPrediction(Path modelFile) throws Exception {
    float[] row = new float[IncomeTrees.REFERENCE_ROW.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = IncomeTrees.REFERENCE_ROW.get(i);
    }
    Booster booster = XGBoost.loadModel(modelFile.toString());
    DMatrix data = new DMatrix(row, 1, row.length, Float.NaN);
    try {
      return booster.predict(data)[0][0];
    } finally {
      data.dispose();
      booster.dispose();
    }
  }
}
