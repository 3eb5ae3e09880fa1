package io.trantor.runtime.xgboost;

import java.util.regex.Pattern;

/**
 * The part of an XGBoost error a user can act on. XGBoost's messages start with a timestamp and
 * a source location and end with a native stack trace; only the first line's text is kept.
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
