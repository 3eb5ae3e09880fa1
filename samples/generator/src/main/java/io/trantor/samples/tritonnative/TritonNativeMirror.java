package io.trantor.samples.tritonnative;

import io.trantor.samples.SampleGenerator;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the mirror of Seldon's Triton sample artifacts that the TensorFlow, ONNX and PyTorch
 * runtimes serve (simple, mnist-onnx, mnist-pytorch, the two CIFAR-10 SavedModels, and the image
 * classifiers and string model of Seldon's load tests: tf_mnist, tf_resnet152, pytorch_cifar10,
 * tf_simple_string, onnx_gpt2), at the same
 * relative paths as their {@code gs://seldon-models/...} URIs, so
 * {@code --storage-rewrite gs://seldon-models/=samples/seldon-mirror/} lets Seldon's manifests
 * run verbatim. Usage: {@code TritonNativeMirror <mirrorDir>} (e.g. {@code samples/seldon-mirror}).
 */
public final class TritonNativeMirror {

  /** Every artifact, named by its path under the mirror root. */
  public static final List<SampleGenerator.Sample> ARTIFACTS =
      List.of(
          new SampleGenerator.Sample("triton/simple", MnistSamples::writeSimple),
          new SampleGenerator.Sample("scv2/samples/triton_23-03/mnist-onnx", MnistSamples::writeOnnx),
          new SampleGenerator.Sample("scv2/samples/triton_23-03/mnist-pytorch", MnistSamples::writePytorch),
          new SampleGenerator.Sample("triton/tf_cifar10", Cifar10Samples::writeWithConfig),
          new SampleGenerator.Sample("scv2/samples/tensorflow/cifar10", Cifar10Samples::writeWithoutConfig),
          new SampleGenerator.Sample("triton/tf_simple_string", MnistSamples::writeSimpleString),
          new SampleGenerator.Sample("triton/tf_mnist", TritonVisionSamples::writeTfMnist),
          new SampleGenerator.Sample("triton/tf_resnet152", TritonVisionSamples::writeTfResnet152),
          new SampleGenerator.Sample("triton/pytorch_cifar10/cifar10", TritonVisionSamples::writePytorchCifar10),
          new SampleGenerator.Sample("triton/onnx_gpt2/gpt2", Gpt2OnnxSample::write));

  private TritonNativeMirror() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: TritonNativeMirror <mirrorDir>   (e.g. samples/seldon-mirror)");
      System.exit(2);
    }
    List<String> failed = generate(Path.of(args[0]), System.err);
    if (!failed.isEmpty()) {
      System.err.println("not written: " + String.join(", ", failed));
      System.exit(1);
    }
  }

  /** Writes every artifact under {@code mirrorDir}; returns the paths that could not be written. */
  public static List<String> generate(Path mirrorDir, PrintStream err) {
    List<String> failed = new ArrayList<>();
    for (SampleGenerator.Sample artifact : ARTIFACTS) {
      try {
        SampleGenerator.write(artifact, mirrorDir);
      } catch (java.io.IOException | RuntimeException e) {
        err.println(artifact.name() + ": " + e);
        failed.add(artifact.name());
      }
    }
    return failed;
  }
}
