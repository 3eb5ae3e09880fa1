package io.trantor.runtime.mlserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Puts one artifact into MLServer's repository the way Seldon's agent does
 * (seldon-behaviour §2.4): its files are copied to {@code <repository>/<served name>/1/} (the
 * version folder is always {@code 1}), and {@code model-settings.json} there is the artifact's own
 * with {@code name} = {@code <model>_<version>}, {@code parameters.version} = {@code "1"} and
 * {@code parameters.extra} holding the artifact's parameters (the settings' own extra plus the
 * Model's {@code parameters}); an artifact without settings gets them written, with the runtime
 * chosen from its files. The fetched artifact itself is never modified.
 */
final class ModelSettingsWriter {
  static final String FILE_NAME = "model-settings.json";
  static final String VERSION_FOLDER = "1";

  private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path repository;

  ModelSettingsWriter(Path repository) {
    this.repository = repository;
  }

  /** The folder this served name lives in, {@code <repository>/<name>}. */
  Path folderOf(String servedName) {
    return repository.resolve(servedName);
  }

  /**
   * Writes the artifact's version folder and settings; returns the settings written.
   *
   * @throws ModelLoadException when MLServer has no runtime for it or the files cannot be copied
   */
  ObjectNode write(ModelArtifact artifact) throws ModelLoadException {
    String name = artifact.name();
    ObjectNode settings = settings(artifact);
    Path target = folderOf(name).resolve(VERSION_FOLDER);
    try {
      delete(folderOf(name));
      copy(artifact.directory(), target);
      MAPPER.writeValue(target.resolve(FILE_NAME).toFile(), settings);
    } catch (IOException e) {
      throw new ModelLoadException("cannot write model " + name + " into MLServer's repository " + target + ": " + e, e);
    }
    return settings;
  }

  /** Removes the served name's folder; nothing to do when it is not there. */
  void remove(String servedName) throws IOException {
    delete(folderOf(servedName));
  }

  private static ObjectNode settings(ModelArtifact artifact) throws ModelLoadException {
    ObjectNode settings = readSource(artifact);
    ObjectNode parameters = settings.with("parameters");
    String implementation = settings.path("implementation").asText(null);
    if (implementation != null && !implementation.isBlank()) {
      String className = MlServerImplementation.declared(implementation).orElseThrow(() -> new ModelLoadException(
          "MLServer has no runtime for implementation '" + implementation + "' of model " + artifact.name()
              + "; name an MLServer runtime class such as " + MlServerImplementation.SKLEARN));
      settings.put("implementation", className);
    } else {
      MlServerImplementation chosen = MlServerImplementation.fromFiles(artifact.directory()).orElseThrow(() ->
          new ModelLoadException("no model-settings.json in " + artifact.directory() + " and no file MLServer's"
              + " runtimes recognise (*.joblib, *.pkl, *.pickle, *.json, *.ubj, *.bst, *.txt, MLmodel)"));
      settings.put("implementation", chosen.className());
      if (chosen.file() != null && !parameters.has("uri")) {
        parameters.put("uri", "./" + artifact.directory().relativize(chosen.file()));
      }
    }
    settings.put("name", artifact.name());
    parameters.put("version", VERSION_FOLDER);
    if (!artifact.parameters().isEmpty()) {
      ObjectNode extra = parameters.with("extra");
      for (Map.Entry<String, Object> entry : artifact.parameters().entrySet()) {
        extra.set(entry.getKey(), MAPPER.valueToTree(entry.getValue()));
      }
    }
    return settings;
  }

  private static ObjectNode readSource(ModelArtifact artifact) throws ModelLoadException {
    if (artifact.source() == null || !artifact.source().getFileName().toString().equals(FILE_NAME)) {
      return MAPPER.createObjectNode();
    }
    try {
      JsonNode json = MAPPER.readTree(artifact.source().toFile());
      if (json instanceof ObjectNode object) {
        return object;
      }
      throw new ModelLoadException(artifact.source() + " must hold a JSON object");
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + artifact.source() + ": " + e.getMessage(), e);
    }
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Path relative = from.relativize(file);
        if (!relative.toString().equals(FILE_NAME)) {
          Files.copy(file, to.resolve(relative.toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void delete(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
