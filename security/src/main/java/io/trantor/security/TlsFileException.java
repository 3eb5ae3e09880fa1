package io.trantor.security;

import java.nio.file.Path;

/**
 * A certificate, key or CA file that cannot be used, with the file and the problem in one line
 * (the CLI prints it and exits with code 2). Never carries the file's content.
 */
public final class TlsFileException extends RuntimeException {
  private final Path file;

  public TlsFileException(Path file, String problem) {
    super(file + ": " + problem, null, false, false);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
