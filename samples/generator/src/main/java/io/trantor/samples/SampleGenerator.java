package io.trantor.samples;

import io.trantor.samples.conditional.ConditionalSample;
import io.trantor.samples.iris.IrisSample;
import io.trantor.samples.trees.IncomeTrees;
import io.trantor.samples.triton.TritonOnnxSamples;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes the sample model repository ({@code samples/models}): one folder per sample, the same
 * bytes on every run. Usage: {@code SampleGenerator <outputDir>}.
 */
public final class SampleGenerator {

  /** Writes one sample's files into its (empty) folder. */
  @FunctionalInterface
  public interface SampleWriter {
    void write(Path modelDir) throws IOException;
  }

  /** A sample: the folder name under the repository, and what fills it. */
  public record Sample(String name, SampleWriter writer) {}

  /** Every sample, in the order they are written. */
  public static final List<Sample> SAMPLES =
      List.of(
          new Sample("simple", TritonOnnxSamples::writeSimple),
          new Sample("add10", TritonOnnxSamples::writeAdd10),
          new Sample("mul10", TritonOnnxSamples::writeMul10),
          new Sample("iris", IrisSample::write),
          new Sample("income-xgb", IncomeTrees::writeXgboost),
          new Sample("income-lgb", IncomeTrees::writeLightgbm),
          new Sample("conditional", ConditionalSample::write));

  private SampleGenerator() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SampleGenerator <outputDir>   (e.g. samples/models)");
      System.exit(2);
    }
    List<String> failed = generate(Path.of(args[0]), System.err);
    if (!failed.isEmpty()) {
      System.err.println("not written: " + String.join(", ", failed));
      System.exit(1);
    }
  }

  /**
   * Writes every sample under {@code outputDir}, replacing each sample's folder; a sample that
   * fails is reported on {@code err}, its folder is removed (no half-written sample stays behind),
   * and the others are still written.
   *
   * @return the names of the samples that could not be written
   */
  public static List<String> generate(Path outputDir, PrintStream err) {
    List<String> failed = new ArrayList<>();
    for (Sample sample : SAMPLES) {
      try {
        write(sample, outputDir);
      } catch (IOException | RuntimeException e) {
        err.println(sample.name() + ": " + e);
        failed.add(sample.name());
        deleteQuietly(outputDir.resolve(sample.name()), err);
      }
    }
    return failed;
  }

  /** Replaces {@code outputDir/<sample>} with freshly written files. */
  public static void write(Sample sample, Path outputDir) throws IOException {
    Path modelDir = outputDir.resolve(sample.name());
    deleteRecursively(modelDir);
    Files.createDirectories(modelDir);
    sample.writer().write(modelDir);
  }

  private static void deleteQuietly(Path dir, PrintStream err) {
    try {
      deleteRecursively(dir);
    } catch (IOException e) {
      err.println("cannot remove " + dir + ": " + e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
