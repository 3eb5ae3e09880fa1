package io.trantor.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trantor config add|activate|deactivate|list|remove}: named CLI configs, as Seldon's. */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Manage named CLI configs (Seldon's config files: controlplane.schedulerHost, dataplane.inferHost, kafka.bootstrap|namespace|topicPrefix).",
      "A flag overrides the active config, which overrides TRANTOR_* and SELDON_* variables."
    },
    subcommands = {ConfigCommand.Add.class, ConfigCommand.Activate.class, ConfigCommand.Deactivate.class,
        ConfigCommand.ListConfigs.class, ConfigCommand.Remove.class})
public final class ConfigCommand {

  /** What every config verb prints: one line, then done. */
  private abstract static class Verb implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      run(CliConfigs.forUser(), out);
      out.flush();
      return ExitCode.OK.code();
    }

    abstract void run(CliConfigs configs, PrintWriter out);
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Register a config file under KEY.")
  static final class Add extends Verb {
    @Parameters(index = "0", paramLabel = "KEY") String key;
    @Parameters(index = "1", paramLabel = "FILE") Path file;

    @Override
    void run(CliConfigs configs, PrintWriter out) {
      configs.add(key, file);
      out.printf("config %s added (%s)%n", key, file.toAbsolutePath().normalize());
    }
  }

  @Command(name = "activate", mixinStandardHelpOptions = true, description = "Use config KEY from now on.")
  static final class Activate extends Verb {
    @Parameters(paramLabel = "KEY") String key;

    @Override
    void run(CliConfigs configs, PrintWriter out) {
      configs.activate(key);
      out.printf("config %s active%n", key);
    }
  }

  @Command(name = "deactivate", mixinStandardHelpOptions = true, description = "Stop using config KEY.")
  static final class Deactivate extends Verb {
    @Parameters(paramLabel = "KEY") String key;

    @Override
    void run(CliConfigs configs, PrintWriter out) {
      configs.deactivate(key);
      out.printf("config %s inactive%n", key);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the configs; * marks the active one.")
  static final class ListConfigs extends Verb {
    @Override
    void run(CliConfigs configs, PrintWriter out) {
      out.printf("%-20s %-60s %s%n", "config", "path", "active");
      for (CliConfigs.Entry entry : configs.list()) {
        out.printf("%-20s %-60s %s%n", entry.key(), entry.path(), entry.active() ? "*" : "");
      }
    }
  }

  @Command(name = "remove", mixinStandardHelpOptions = true, description = "Forget config KEY.")
  static final class Remove extends Verb {
    @Parameters(paramLabel = "KEY") String key;

    @Override
    void run(CliConfigs configs, PrintWriter out) {
      configs.remove(key);
      out.printf("config %s removed%n", key);
    }
  }
}
