package io.trantor.agent.repository;

import io.trantor.runtime.api.repository.ModelFolder;
import io.trantor.runtime.api.repository.ModelFolderReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A model repository on disk: every non-hidden sub-folder of the root is one model, laid out the
 * MLServer way, the Triton way or bare (see {@link ModelRepository}). Nothing is cached: each call
 * reads the folders again, so a reload sees the edits made since.
 *
 * <p>The model name is the folder name, except that an MLServer {@code model-settings.json}
 * {@code name} wins when it is set (as in MLServer). Two folders claiming the same name are both
 * reported as problems by {@link #list()}, never silently shadowed; {@link #find} prefers the
 * folder named like the model, reading the other folders only when there is none.
 */
public final class FileSystemModelRepository implements ModelRepository {
  private final Path root;
  private final ModelFolderReader reader = new ModelFolderReader();

  public FileSystemModelRepository(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Every model folder, sorted by name; an absent root is an empty repository. */
  @Override
  public List<ModelFolder> list() {
    List<ModelFolder> folders = modelFolders().stream().map(reader::read).toList();
    return withDuplicateNamesReported(folders).stream()
        .sorted(Comparator.comparing(ModelFolder::name).thenComparing(ModelFolder::path))
        .toList();
  }

  @Override
  public Optional<ModelFolder> find(String name) {
    if (!isPlainFolderName(name)) {
      return Optional.empty();
    }
    Path folder = root.resolve(name);
    if (Files.isDirectory(folder)) {
      ModelFolder direct = reader.read(folder);
      if (direct.name().equals(name)) {
        return Optional.of(direct);
      }
    }
    // The name may come from a model-settings.json in a folder named otherwise: only then is
    // every folder read.
    return list().stream().filter(f -> f.name().equals(name)).findFirst();
  }

  private List<Path> modelFolders() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> children = Files.list(root)) {
      return children
          .filter(Files::isDirectory)
          .filter(p -> !p.getFileName().toString().startsWith("."))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the model repository " + root, e);
    }
  }

  private static List<ModelFolder> withDuplicateNamesReported(List<ModelFolder> folders) {
    Map<String, List<ModelFolder>> byName =
        folders.stream().collect(Collectors.groupingBy(ModelFolder::name));
    List<ModelFolder> out = new ArrayList<>(folders.size());
    for (ModelFolder folder : folders) {
      List<ModelFolder> sameName = byName.get(folder.name());
      if (sameName.size() == 1) {
        out.add(folder);
        continue;
      }
      List<String> problems = new ArrayList<>(folder.problems());
      for (ModelFolder other : sameName) {
        if (other != folder) {
          problems.add(folder.path() + ": model name '" + folder.name() + "' is also used by " + other.path());
        }
      }
      out.add(new ModelFolder(folder.name(), folder.path(), List.of(), problems));
    }
    return out;
  }

  private static boolean isPlainFolderName(String name) {
    return name != null
        && !name.isEmpty()
        && !name.startsWith(".")
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && name.indexOf('\0') < 0;
  }
}
