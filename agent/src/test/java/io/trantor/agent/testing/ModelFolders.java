package io.trantor.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes model folders into a test's repository root, in each layout the repository reads.
 * Folders are created as needed; an existing file is overwritten, so tests can edit a model and
 * reload it.
 */
public final class ModelFolders {
  /**
   * Triton's {@code simple} model (shared reference §5.1 A1) as a {@link FakeRuntime} model:
   * INPUT0/INPUT1 INT32 [-1,16] to OUTPUT0/OUTPUT1.
   */
  public static final String SIMPLE_CONFIG = """
      name: "simple"
      platform: "fake"
      max_batch_size: 8
      input [
        { name: "INPUT0" data_type: TYPE_INT32 dims: [ 16 ] },
        { name: "INPUT1" data_type: TYPE_INT32 dims: [ 16 ] }
      ]
      output [
        { name: "OUTPUT0" data_type: TYPE_INT32 dims: [ 16 ] },
        { name: "OUTPUT1" data_type: TYPE_INT32 dims: [ 16 ] }
      ]
      version_policy: { all { } }
      """;

  private final Path root;

  public ModelFolders(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** {@code <root>/<folder>/model-settings.json} holding {@code json}. */
  public Path mlServer(String folder, String json) {
    return write(root.resolve(folder).resolve("model-settings.json"), json);
  }

  /**
   * {@code <root>/<folder>/config.pbtxt} (left out when {@code config} is null) and one version
   * folder per version, each holding {@code model.fake}.
   */
  public Path triton(String folder, String config, String... versions) {
    Path dir = root.resolve(folder);
    if (config != null) {
      write(dir.resolve("config.pbtxt"), config);
    }
    for (String version : versions) {
      write(dir.resolve(version).resolve("model.fake"), "version " + version);
    }
    return dir;
  }

  /** {@code <root>/<folder>/<file>} holding {@code content}, and nothing else. */
  public Path bare(String folder, String file, String content) {
    return write(root.resolve(folder).resolve(file), content);
  }

  /** The {@code simple} model with the given version folders. */
  public Path simple(String... versions) {
    return triton("simple", SIMPLE_CONFIG, versions);
  }

  /** Writes (or overwrites) one file, creating its folders. */
  public static Path write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
