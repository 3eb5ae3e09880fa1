package io.trantor.runtime.api.repository;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The problems found in one settings file, each prefixed with the file so a user can find it. */
final class Problems {
  private final Path file;
  private final List<String> problems = new ArrayList<>();

  Problems(Path file) {
    this.file = file;
  }

  void add(String whatIsWrong) {
    problems.add(file + ": " + whatIsWrong);
  }

  boolean isEmpty() {
    return problems.isEmpty();
  }

  List<String> list() {
    return List.copyOf(problems);
  }
}
