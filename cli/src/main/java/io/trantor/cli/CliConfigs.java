package io.trantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CLI's named configurations, as Seldon's {@code seldon config add|activate|deactivate|list|remove}
 * keeps them: a registry of key → file, one of them active. Each file is in the format of Seldon's
 * CLI configs ({@code {"controlplane":{"schedulerHost":..},"dataplane":{"inferHost":..},
 * "kafka":{"bootstrap":..,"namespace":..,"topicPrefix":..}}}), so users' existing files work. An
 * explicit flag overrides the active config, which overrides the environment, as in Seldon's CLI.
 *
 * <p>The registry is {@code configs.json} in {@code $TRANTOR_CONFIG_DIR}, else
 * {@code $XDG_CONFIG_HOME/trantor/cli}, else {@code ~/.config/trantor/cli}.
 */
final class CliConfigs {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REGISTRY = "configs.json";

  /** What a config file sets; null where it says nothing. */
  record Settings(String schedulerHost, String inferHost, String kafkaBootstrap, String kafkaNamespace,
      String kafkaTopicPrefix) {
    static final Settings NONE = new Settings(null, null, null, null, null);
  }

  /** One registered config. */
  record Entry(String key, Path path, boolean active) {}

  private final Path dir;

  CliConfigs(Path dir) {
    this.dir = dir;
  }

  static CliConfigs forUser() {
    String explicit = System.getenv("TRANTOR_CONFIG_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return new CliConfigs(Path.of(explicit));
    }
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
    return new CliConfigs(base.resolve("trantor").resolve("cli"));
  }

  /** The active config's settings; {@link Settings#NONE} when none is active. */
  static Settings active() {
    return forUser().activeSettings();
  }

  Settings activeSettings() {
    ObjectNode registry = registry();
    JsonNode active = registry.path("active");
    if (!active.isTextual()) {
      return Settings.NONE;
    }
    JsonNode path = registry.path("configs").path(active.asText());
    if (!path.isTextual()) {
      return Settings.NONE;
    }
    return read(Path.of(path.asText()));
  }

  /** Registers {@code file} under {@code key} (replacing an older one); the file must be a readable config. */
  void add(String key, Path file) {
    requireKey(key);
    Path absolute = file.toAbsolutePath().normalize();
    read(absolute);
    ObjectNode registry = registry();
    registry.with("configs").put(key, absolute.toString());
    write(registry);
  }

  void activate(String key) {
    ObjectNode registry = registry();
    if (!registry.path("configs").has(key)) {
      throw new CommandFailure(ExitCode.NOT_FOUND, "config " + key + " not found: add it first (trantor config add " + key + " FILE)");
    }
    registry.put("active", key);
    write(registry);
  }

  void deactivate(String key) {
    ObjectNode registry = registry();
    if (registry.path("active").asText("").equals(key)) {
      registry.remove("active");
      write(registry);
    }
  }

  void remove(String key) {
    ObjectNode registry = registry();
    if (registry.with("configs").remove(key) == null) {
      throw new CommandFailure(ExitCode.NOT_FOUND, "config " + key + " not found");
    }
    if (registry.path("active").asText("").equals(key)) {
      registry.remove("active");
    }
    write(registry);
  }

  Iterable<Entry> list() {
    ObjectNode registry = registry();
    String active = registry.path("active").asText("");
    Map<String, Entry> entries = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = registry.path("configs").fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      entries.put(field.getKey(), new Entry(field.getKey(), Path.of(field.getValue().asText()), field.getKey().equals(active)));
    }
    return entries.values();
  }

  /** A config file's settings; a missing or malformed file is bad input naming the file. */
  static Settings read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UserInputException("config " + file + ": cannot read it as JSON (" + firstLine(e) + ")");
    }
    if (root == null || !root.isObject()) {
      throw new UserInputException("config " + file + ": expected a JSON object with controlplane, dataplane and kafka sections");
    }
    return new Settings(
        text(root, "controlplane", "schedulerHost"),
        text(root, "dataplane", "inferHost"),
        text(root, "kafka", "bootstrap"),
        text(root, "kafka", "namespace"),
        text(root, "kafka", "topicPrefix"));
  }

  private static String text(JsonNode root, String section, String field) {
    JsonNode value = root.path(section).path(field);
    return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
  }

  private ObjectNode registry() {
    Path file = dir.resolve(REGISTRY);
    if (!Files.exists(file)) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(Files.readString(file));
      return node instanceof ObjectNode object ? object : JSON.createObjectNode();
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot read the CLI's config registry (" + firstLine(e) + "); fix or delete it");
    }
  }

  private void write(ObjectNode registry) {
    try {
      Files.createDirectories(dir);
      Path next = dir.resolve(REGISTRY + ".tmp");
      Files.writeString(next, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(registry));
      Files.move(next, dir.resolve(REGISTRY), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.FAILURE, "cannot write " + dir.resolve(REGISTRY) + ": " + firstLine(e));
    }
  }

  private static void requireKey(String key) {
    if (key.isBlank()) {
      throw new UserInputException("config: a key is needed");
    }
  }

  private static String firstLine(Exception e) {
    return String.valueOf(e.getMessage()).lines().findFirst().orElse(e.getClass().getSimpleName());
  }

  /**
   * A client default in Seldon's order: the flag, else what the active config says (the registry is
   * read only when the flag is absent, so an explicit flag works whatever the config files hold),
   * else the first set environment variable; else null.
   */
  static String resolve(String flag, java.util.function.Function<Settings, String> fromConfig, String... variables) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    String configured = fromConfig.apply(active());
    if (configured != null) {
      return configured;
    }
    return first(java.util.Arrays.stream(variables).map(System::getenv).toArray(String[]::new));
  }

  /** The first non-blank of {@code values}, or null. */
  static String first(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
