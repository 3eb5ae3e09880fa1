package io.trantor.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set size of a process, from /proc/PID/status (Linux). */
final class ProcessMemory {
  private ProcessMemory() {}

  /** VmRSS in MiB, or -1 when it cannot be read. */
  static double rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }
}
