package io.trantor.samples.folder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The folder one sample is written into. Text is UTF-8 with {@code \n} line ends whatever the
 * platform, so the files are the same bytes everywhere.
 */
public record SampleFolder(Path directory) {

  /** Writes {@code relativePath} (e.g. {@code 1/model.onnx}), creating parent folders. */
  public void write(String relativePath, byte[] bytes) throws IOException {
    Path file = directory.resolve(relativePath);
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, bytes);
  }

  public void writeText(String relativePath, String text) throws IOException {
    write(relativePath, text.getBytes(StandardCharsets.UTF_8));
  }
}
