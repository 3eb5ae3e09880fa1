package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliConfigsTest {
  @TempDir Path dir;

  private Path seldonConfig(String name, String json) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, json);
    return file;
  }

  @Test
  void theActiveConfigsSettingsAreReadInSeldonsFormat() throws Exception {
    CliConfigs configs = new CliConfigs(dir.resolve("registry"));
    Path file = seldonConfig("prod.json", """
        {"controlplane": {"schedulerHost": "scheduler:9004", "tls": false},
         "dataplane": {"inferHost": "gateway:9000"},
         "kafka": {"bootstrap": "kafka:9092", "namespace": "seldon", "topicPrefix": "team"}}
        """);
    assertThat(configs.activeSettings()).isEqualTo(CliConfigs.Settings.NONE);

    configs.add("prod", file);
    assertThat(configs.activeSettings()).isEqualTo(CliConfigs.Settings.NONE);
    configs.activate("prod");

    assertThat(configs.activeSettings())
        .isEqualTo(new CliConfigs.Settings("scheduler:9004", "gateway:9000", "kafka:9092", "seldon", "team"));
    assertThat(configs.list()).containsExactly(new CliConfigs.Entry("prod", file.toAbsolutePath().normalize(), true));
  }

  @Test
  void deactivateAndRemoveLeaveNoActiveConfig() throws Exception {
    CliConfigs configs = new CliConfigs(dir.resolve("registry"));
    configs.add("a", seldonConfig("a.json", "{\"controlplane\": {\"schedulerHost\": \"a:9004\"}}"));
    configs.add("b", seldonConfig("b.json", "{\"controlplane\": {\"schedulerHost\": \"b:9004\"}}"));
    configs.activate("a");

    configs.deactivate("b");
    assertThat(configs.activeSettings().schedulerHost()).isEqualTo("a:9004");
    configs.deactivate("a");
    assertThat(configs.activeSettings()).isEqualTo(CliConfigs.Settings.NONE);

    configs.activate("b");
    configs.remove("b");
    assertThat(configs.activeSettings()).isEqualTo(CliConfigs.Settings.NONE);
    assertThat(configs.list()).extracting(CliConfigs.Entry::key).containsExactly("a");
  }

  @Test
  void badInputSaysWhatToFix() throws Exception {
    CliConfigs configs = new CliConfigs(dir.resolve("registry"));

    assertThatThrownBy(() -> configs.add("x", dir.resolve("missing.json")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("missing.json: cannot read it as JSON");
    assertThatThrownBy(() -> configs.add("x", seldonConfig("list.json", "[1, 2]")))
        .isInstanceOf(UserInputException.class).hasMessageContaining("expected a JSON object");
    assertThatThrownBy(() -> configs.activate("nope"))
        .isInstanceOfSatisfying(CommandFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_FOUND));
    assertThatThrownBy(() -> configs.remove("nope"))
        .isInstanceOfSatisfying(CommandFailure.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.NOT_FOUND));
  }

  @Test
  void theFirstNonBlankValueWins() {
    assertThat(CliConfigs.first(null, " ", "config:9004", "env:9004")).isEqualTo("config:9004");
    assertThat(CliConfigs.first(null, null)).isNull();
  }
}
