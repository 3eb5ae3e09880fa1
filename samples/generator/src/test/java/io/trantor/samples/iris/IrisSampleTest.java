package io.trantor.samples.iris;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IrisSampleTest {
  private static IrisDataset data;
  private static SoftmaxRegression model;

  @BeforeAll
  static void train() {
    data = IrisDataset.load();
    model = IrisSample.trainedModel();
  }

  @Test
  void bundlesTheWholeIrisDataset() {
    assertThat(data.rows()).isEqualTo(150);
    assertThat(data.labels()).containsOnly(0, 1, 2);
    assertThat(data.features()[0]).containsExactly(5.1, 3.5, 1.4, 0.2);
  }

  @Test
  void fitsTheTrainingDataWell() {
    assertThat(model.accuracy(data.features(), data.labels())).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void trainsToTheSameWeightsEveryTime() {
    assertThat(IrisSample.trainedModel()).usingRecursiveComparison().isEqualTo(model);
  }

  @Test
  void exportedOnnxModelPredictsVirginicaForOneTwoThreeFourAndMatchesJava() throws Exception {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OrtSession session = env.createSession(IrisSample.onnx(model), new OrtSession.SessionOptions())) {
      assertThat(predict(env, session, new float[] {1, 2, 3, 4}, 1)).containsExactly(2L);

      float[] all = new float[data.rows() * IrisDataset.FEATURES];
      long[] expected = new long[data.rows()];
      for (int i = 0; i < data.rows(); i++) {
        for (int j = 0; j < IrisDataset.FEATURES; j++) {
          all[i * IrisDataset.FEATURES + j] = (float) data.features()[i][j];
        }
        expected[i] = model.predict(data.features()[i]);
      }
      assertThat(predict(env, session, all, data.rows())).containsExactly(expected);
    }
  }

  private static long[] predict(OrtEnvironment env, OrtSession session, float[] rows, int count) throws Exception {
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(rows), new long[] {count, IrisDataset.FEATURES});
        OrtSession.Result result = session.run(Map.of("input", input))) {
      OnnxTensor predict = (OnnxTensor) result.get("predict").orElseThrow();
      assertThat(predict.getInfo().getShape()).containsExactly(count);
      return (long[]) predict.getValue();
    }
  }

  @Test
  void settingsNameTheOnnxImplementationAndFile() {
    assertThat(IrisSample.SETTINGS)
        .contains("\"name\": \"iris\"")
        .contains("\"implementation\": \"onnx\"")
        .contains("\"uri\": \"./model.onnx\"")
        .contains("\"version\": \"1\"");
  }
}
