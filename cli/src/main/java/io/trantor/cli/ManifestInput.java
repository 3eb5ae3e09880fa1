package io.trantor.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads {@code -f FILE} or {@code -f -} (standard input). */
final class ManifestInput {
  private ManifestInput() {}

  static String read(String file, InputStream stdin) {
    try {
      if ("-".equals(file)) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException("-f: " + file + ": no such file");
    } catch (IOException e) {
      throw new UserInputException("-f: " + file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  static String source(String file) {
    return "-".equals(file) ? "<stdin>" : file;
  }
}
