package io.trantor.runtime.lightgbm;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.ml.lightgbm.PredictionType;
import io.github.metarank.lightgbm4j.LGBMBooster;
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
    List<TensorMetadata> declared =
        IncomeTrees.FEATURE_NAMES.stream().map(n -> TensorMetadata.of(n, Datatype.INT64, -1, 1)).toList();
    ModelArtifact artifact =
        new ModelArtifact(
            "income-lgb", "1", folder, folder.resolve("model.txt"), "lightgbm", null, 0, declared, List.of(),
            Map.of(), folder.resolve("model-settings.json"));
    List<Tensor> columns = new ArrayList<>();
    for (int i = 0; i < declared.size(); i++) {
      columns.add(Tensor.ofLongs(declared.get(i).name(), new long[] {1, 1}, IncomeTrees.REFERENCE_ROW.get(i)));
    }
    InferenceRequest request =
        new InferenceRequest("income-lgb", null, null, Map.of("content_type", "pd"), columns, List.of());

    double probability;
    try (LoadedModel model = new LightgbmModelRuntime().load(artifact)) {
      Tensor output = model.infer(request).getFirst();
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
