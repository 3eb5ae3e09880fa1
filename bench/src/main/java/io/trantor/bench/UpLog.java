package io.trantor.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the output of {@code trantor up} says: its start time, and how often a line occurs. */
final class UpLog {
  private static final Pattern READY = Pattern.compile("ready in ([0-9.]+) s");
  private static final Pattern LEVEL = Pattern.compile("^\\S+ \\[[^]]*] (WARN|ERROR) (\\S+) - (.*)$");

  private final Path file;

  UpLog(Path file) {
    this.file = file;
  }

  private List<String> lines() throws IOException {
    return Files.readAllLines(file, StandardCharsets.UTF_8);
  }

  double readySeconds() throws IOException {
    for (String line : lines()) {
      Matcher m = READY.matcher(line);
      if (m.find()) {
        return Double.parseDouble(m.group(1));
      }
    }
    return Double.NaN;
  }

  long count(String needle) throws IOException {
    return lines().stream().filter(l -> l.contains(needle)).count();
  }

  /** WARN and ERROR lines grouped by logger and the first 80 characters of the message. */
  Map<String, Integer> problems() throws IOException {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (String line : lines()) {
      Matcher m = LEVEL.matcher(line);
      if (m.matches()) {
        String message = m.group(3).replaceAll("[0-9]+", "N");
        String key = m.group(1) + " " + m.group(2) + ": " + message.substring(0, Math.min(80, message.length()));
        counts.merge(key, 1, Integer::sum);
      }
    }
    return counts;
  }
}
