package io.trantor.samples.tritonnative;

import io.trantor.samples.folder.SampleFolder;
import io.trantor.samples.triton.TritonConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Seldon's image classifiers that its load tests name (Seldon publishes their tensor names and
 * shapes only through those tests' requests): {@code triton/tf_mnist}, {@code
 * triton/tf_resnet152} (TensorFlow SavedModels) and {@code triton/pytorch_cifar10/cifar10}
 * (TorchScript). Like the other mirror classifiers, their weights are synthetic templates, not
 * trained: the MNIST model scores {@link DigitTemplates}' seven-segment figures, the CIFAR-10 model
 * {@link Cifar10SavedModel}'s class bands; the ResNet-152 stand-in classifies an image by its three
 * channel means into ImageNet's 1000 classes.
 */
public final class TritonVisionSamples {
  static final String SAVED_MODEL = "1/model.savedmodel/saved_model.pb";
  static final int MAX_BATCH = 32;
  static final int IMAGENET_SIDE = 224;
  static final int IMAGENET_CLASSES = 1000;
  /** Sharpens the MNIST softmax: the templates are unit vectors, their scores differ by less than 1. */
  private static final float MNIST_SCALE = 8f;
  /** Sharpens the ResNet stand-in's softmax over its 1000 neighbouring colour directions. */
  private static final double COLOUR_SCALE = 50;

  private TritonVisionSamples() {}

  /** {@code conv2d_input} FP32 {@code [N,28,28,1]} → {@code dense_1} FP32 {@code [N,10]}, softmax. */
  public static void writeTfMnist(Path modelDir) throws IOException {
    float[] weights = DigitTemplates.weights();
    for (int i = 0; i < weights.length; i++) {
      weights[i] *= MNIST_SCALE;
    }
    writeSavedModel(modelDir, new SoftmaxSavedModel("conv2d_input", new long[] {DigitTemplates.SIDE, DigitTemplates.SIDE, 1},
        SoftmaxSavedModel.Features.FLATTEN, weights, "dense_1", DigitTemplates.CLASSES), "tf_mnist");
  }

  /**
   * {@code input_1} FP32 {@code [N,224,224,3]} → {@code predictions} FP32 {@code [N,1000]}, softmax
   * over the channel means: class {@code k}'s weights are a direction in colour space (the 1000
   * directions spread evenly over the sphere, a Fibonacci lattice), so images of different colour
   * get different classes.
   */
  public static void writeTfResnet152(Path modelDir) throws IOException {
    int channels = Cifar10SavedModel.CHANNELS;
    float[] weights = new float[channels * IMAGENET_CLASSES];
    double goldenAngle = StrictMath.PI * (3 - StrictMath.sqrt(5));
    for (int k = 0; k < IMAGENET_CLASSES; k++) {
      double z = 1 - 2 * (k + 0.5) / IMAGENET_CLASSES;
      double radius = StrictMath.sqrt(1 - z * z);
      weights[k] = (float) (COLOUR_SCALE * radius * StrictMath.cos(k * goldenAngle));
      weights[IMAGENET_CLASSES + k] = (float) (COLOUR_SCALE * radius * StrictMath.sin(k * goldenAngle));
      weights[2 * IMAGENET_CLASSES + k] = (float) (COLOUR_SCALE * z);
    }
    writeSavedModel(modelDir, new SoftmaxSavedModel("input_1", new long[] {IMAGENET_SIDE, IMAGENET_SIDE, channels},
        SoftmaxSavedModel.Features.CHANNEL_MEANS, weights, "predictions", IMAGENET_CLASSES), "tf_resnet152");
  }

  /**
   * {@code input__0} FP32 {@code [N,3,32,32]} (channels first, as PyTorch) → {@code output__0} FP32
   * {@code [N,10]} scores: {@link Cifar10SavedModel}'s weights, reordered from height-width-channel
   * to channel-height-width, so a band image scores its class highest in both models.
   */
  public static void writePytorchCifar10(Path modelDir) throws IOException {
    int side = Cifar10SavedModel.SIDE;
    int channels = Cifar10SavedModel.CHANNELS;
    int classes = Cifar10SavedModel.CLASSES;
    float[] hwc = Cifar10SavedModel.weights();
    float[] chw = new float[hwc.length];
    for (int row = 0; row < side; row++) {
      for (int column = 0; column < side; column++) {
        for (int channel = 0; channel < channels; channel++) {
          int from = (row * side + column) * channels + channel;
          int to = (channel * side + row) * side + column;
          System.arraycopy(hwc, from * classes, chw, to * classes, classes);
        }
      }
    }
    TritonConfig config = new TritonConfig("cifar10", "pytorch_libtorch", MAX_BATCH,
        List.of(TritonConfig.Tensor.of("input__0", "TYPE_FP32", channels, side, side)),
        List.of(TritonConfig.Tensor.of("output__0", "TYPE_FP32", classes)));
    TorchScriptArchive archive = new TorchScriptArchive("cifar10", "Cifar10Linear",
        MnistSamples.linearModuleSource("cifar10", "Cifar10Linear"),
        List.of(new TorchScriptArchive.FloatTensor("weight", new long[] {Cifar10SavedModel.PIXELS, classes}, chw),
            new TorchScriptArchive.FloatTensor("bias", new long[] {classes}, new float[classes])));
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("config.pbtxt", config.render());
    folder.write("1/model.pt", archive.toBytes());
  }

  private static void writeSavedModel(Path modelDir, SoftmaxSavedModel model, String name) throws IOException {
    TritonConfig config = new TritonConfig(name, "tensorflow_savedmodel", MAX_BATCH,
        List.of(TritonConfig.Tensor.of(model.input(), "TYPE_FP32", model.imageShape())),
        List.of(TritonConfig.Tensor.of(model.output(), "TYPE_FP32", model.classes())));
    SampleFolder folder = new SampleFolder(modelDir);
    folder.writeText("config.pbtxt", config.render());
    folder.write(SAVED_MODEL, model.build());
  }
}
