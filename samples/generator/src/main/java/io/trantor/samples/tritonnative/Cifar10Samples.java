package io.trantor.samples.tritonnative;

import io.trantor.samples.folder.SampleFolder;
import io.trantor.samples.triton.TritonConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Seldon's two TensorFlow CIFAR-10 artifacts (shared reference §5.1): {@code triton/tf_cifar10}
 * (A13, with config.pbtxt) and {@code scv2/samples/tensorflow/cifar10} (A14, the same SavedModel
 * without config.pbtxt, configured from its signature), both {@link Cifar10SavedModel}.
 */
public final class Cifar10Samples {
  static final String SAVED_MODEL = "1/model.savedmodel/saved_model.pb";

  private Cifar10Samples() {}

  public static void writeWithConfig(Path modelDir) throws IOException {
    TritonConfig config =
        new TritonConfig(
            "tf_cifar10",
            "tensorflow_savedmodel",
            32,
            List.of(TritonConfig.Tensor.of("input_1", "TYPE_FP32", Cifar10SavedModel.SIDE, Cifar10SavedModel.SIDE,
                Cifar10SavedModel.CHANNELS)),
            List.of(TritonConfig.Tensor.of("fc10", "TYPE_FP32", Cifar10SavedModel.CLASSES)));
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("config.pbtxt", config.render());
    folder.write(SAVED_MODEL, Cifar10SavedModel.build());
  }

  public static void writeWithoutConfig(Path modelDir) throws IOException {
    new SampleFolder(modelDir).write(SAVED_MODEL, Cifar10SavedModel.build());
  }
}
