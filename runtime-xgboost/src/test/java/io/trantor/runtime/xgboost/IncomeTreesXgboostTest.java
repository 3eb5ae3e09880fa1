package io.trantor.runtime.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.tabular.DataFrameCall;
import io.trantor.samples.trees.IncomeTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    DataFrameCall call =
        DataFrameCall.oneRow(
            "income-xgb", folder, "model.json", "xgboost", IncomeTrees.FEATURE_NAMES, IncomeTrees.REFERENCE_ROW);

    float probability;
    try (LoadedModel model = new XgboostModelRuntime().load(call.artifact())) {
      Tensor output = model.infer(call.request()).getFirst();
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
