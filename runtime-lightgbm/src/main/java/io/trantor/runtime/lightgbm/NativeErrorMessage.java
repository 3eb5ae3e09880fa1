package io.trantor.runtime.lightgbm;

import java.util.regex.Pattern;

/**
 * The part of a LightGBM error a user can act on: the first line, without the timestamp and
 * source prefix native libraries put in front.
 */
final class NativeErrorMessage {
  private static final Pattern TIME_AND_SOURCE = Pattern.compile("^\\[\\d{2}:\\d{2}:\\d{2}\\] \\S+: ");

  private NativeErrorMessage() {}

  static String of(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getSimpleName();
    }
    String firstLine = message.strip().lines().findFirst().orElse("");
    return TIME_AND_SOURCE.matcher(firstLine).replaceFirst("");
  }
}
