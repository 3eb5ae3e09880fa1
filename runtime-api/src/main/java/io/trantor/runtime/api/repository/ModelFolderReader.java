package io.trantor.runtime.api.repository;

import io.trantor.runtime.api.ModelArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parses one model folder, whatever its layout: MLServer ({@code model-settings.json}) first,
 * then Triton ({@code config.pbtxt}, or numeric version folders alone), else a bare folder whose
 * files the runtimes recognise by name, served as version {@code 1}. Never throws: what is wrong
 * ends in {@link ModelFolder#problems()}. Public so the agent can read a fetched artifact folder
 * that is not part of a repository root.
 */
public final class ModelFolderReader {
  private static final String BARE_VERSION = "1";

  private final MlServerSettingsReader mlServer = new MlServerSettingsReader();
  private final TritonConfigReader triton = new TritonConfigReader();

  /** The parse of {@code folder}; never throws. */
  public ModelFolder read(Path folder) {
    if (Files.isRegularFile(folder.resolve(MlServerSettingsReader.FILE_NAME))) {
      return mlServer.read(folder);
    }
    if (Files.isRegularFile(folder.resolve(TritonConfigReader.FILE_NAME))
        || TritonConfigReader.hasVersionFolders(folder)) {
      return triton.read(folder);
    }
    return bare(folder);
  }

  private static ModelFolder bare(Path folder) {
    String name = folder.getFileName().toString();
    if (!holdsAFile(folder)) {
      return new ModelFolder(name, folder, List.of(), List.of(folder + ": holds no "
          + MlServerSettingsReader.FILE_NAME + ", " + TritonConfigReader.FILE_NAME
          + ", numeric version folder or model file"));
    }
    ModelArtifact artifact =
        new ModelArtifact(name, BARE_VERSION, folder, null, null, null, 0, List.of(), List.of(), Map.of(), null);
    return new ModelFolder(name, folder, List.of(artifact), List.of());
  }

  private static boolean holdsAFile(Path folder) {
    try (Stream<Path> children = Files.list(folder)) {
      return children.anyMatch(p -> Files.isRegularFile(p) && !p.getFileName().toString().startsWith("."));
    } catch (IOException e) {
      return false;
    }
  }
}
