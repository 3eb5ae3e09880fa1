package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.cli.testing.CliRunner;
import io.trantor.control.ControlConfig;
import io.trantor.control.ControlPlane;
import io.trantor.control.EmbeddedTemporal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentCommandTest {
  private static final Path SAMPLES = Path.of("/work/shared/seldon-samples/experiments");
  private static final String MODELS = """
      apiVersion: mlops.seldon.io/v1alpha1
      kind: Model
      metadata:
        name: iris
      spec:
        storageUri: gs://models/iris
        requirements: [sklearn]
      ---
      apiVersion: mlops.seldon.io/v1alpha1
      kind: Model
      metadata:
        name: iris2
      spec:
        storageUri: gs://models/iris2
        requirements: [sklearn]
      """;

  @TempDir Path dir;
  EmbeddedTemporal temporal;
  ControlPlane control;

  @BeforeEach
  void start() {
    temporal = EmbeddedTemporal.start("127.0.0.1", 0);
    control = ControlPlane.start(new ControlConfig("127.0.0.1", 0, temporal.target(), "default", null), server -> {});
  }

  @AfterEach
  void stop() {
    control.close();
    temporal.close();
  }

  private CliRunner.Result run(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--control";
    all[args.length + 1] = "127.0.0.1:" + control.port();
    return CliRunner.run(all);
  }

  @Test
  void startWaitForReadyListAndStopAnExperiment() throws Exception {
    Path models = Files.writeString(dir.resolve("models.yaml"), MODELS);
    assertThat(run("model", "load", "-f", models.toString()).exitCode()).isZero();

    CliRunner.Result started = run("experiment", "start", "-f", SAMPLES.resolve("ab-default-model.yaml").toString());
    assertThat(started.out()).contains("experiment/experiment-sample created");

    CliRunner.Result status = run("experiment", "status", "experiment-sample", "-w", "ExperimentReady", "-o", "json");
    assertThat(status.exitCode()).isZero();
    assertThat(status.out()).contains("\"state\": \"ExperimentReady\"").contains("\"defaultModel\": \"iris\"");

    // Seldon's form: `seldon experiment status NAME -w` takes no state and waits until it is ready.
    CliRunner.Result seldonForm = run("experiment", "status", "experiment-sample", "-w");
    assertThat(seldonForm.exitCode()).as(seldonForm.err()).isZero();
    assertThat(seldonForm.out()).contains("ExperimentReady");
    CliRunner.Result beforeAnOption = run("experiment", "status", "experiment-sample", "-w", "-o", "json");
    assertThat(beforeAnOption.out()).contains("\"state\": \"ExperimentReady\"");

    CliRunner.Result list = run("experiment", "list");
    assertThat(list.out()).contains("NAME").contains("experiment-sample").contains("ExperimentReady")
        .contains("iris:50,iris2:50");

    CliRunner.Result stopped = run("experiment", "stop", "experiment-sample");
    assertThat(stopped.out()).contains("experiment/experiment-sample stopped");
    assertThat(control.routes().experiments()).isEmpty();
  }
}
