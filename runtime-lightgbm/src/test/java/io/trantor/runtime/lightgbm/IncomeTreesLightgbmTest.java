package io.trantor.runtime.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.tabular.DataFrameCall;
import io.trantor.samples.trees.IncomeTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The income-lgb sample the generator writes: reproducible, and served the way Seldon's is called. */
class IncomeTreesLightgbmTest {
  @TempDir Path temp;

  @Test
  void writesTheSameBytesOnEveryRun() throws Exception {
    Path first = temp.resolve("first");
    Path second = temp.resolve("second");
    IncomeTrees.writeLightgbm(first);
    IncomeTrees.writeLightgbm(second);

    for (String file : List.of("model.txt", "model-settings.json")) {
      assertThat(Files.readAllBytes(second.resolve(file))).as(file).isEqualTo(Files.readAllBytes(first.resolve(file)));
    }
    assertThat(Files.readString(first.resolve("model-settings.json")))
        .contains("\"name\": \"income-lgb\"", "\"implementation\": \"lightgbm\"", "\"uri\": \"./model.txt\"")
        .contains("{\"name\": \"Marital Status\", \"datatype\": \"INT64\", \"shape\": [-1, 1]}");
  }

  @Test
  void answersSeldonsIncomeRequestWithAProbability() throws Exception {
    Path folder = temp.resolve("income-lgb");
    IncomeTrees.writeLightgbm(folder);
    DataFrameCall call =
        DataFrameCall.oneRow(
            "income-lgb", folder, "model.txt", "lightgbm", IncomeTrees.FEATURE_NAMES, IncomeTrees.REFERENCE_ROW);

    double probability;
    try (LoadedModel model = new LightgbmModelRuntime().load(call.artifact())) {
      Tensor output = model.infer(call.request()).getFirst();
      assertThat(output.name()).isEqualTo("predict");
      assertThat(output.datatype()).isEqualTo(Datatype.FP64);
      assertThat(output.shape()).containsExactly(1, 1);
      probability = output.asDoubles()[0];
    }

    assertThat(probability).isBetween(0.0, 1.0).isEqualTo(lightgbmsOwnPrediction(folder.resolve("model.txt")));
  }

  private static double lightgbmsOwnPrediction(Path modelFile) throws Exception {
    double[] row = IncomeTrees.REFERENCE_ROW.stream().mapToDouble(Long::doubleValue).toArray();
    try (LGBMBooster booster = LGBMBooster.createFromModelfile(modelFile.toString())) {
      return booster.predictForMat(row, 1, row.length, true, PredictionType.C_API_PREDICT_NORMAL)[0];
    }
  }
}
