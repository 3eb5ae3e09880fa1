package io.trantor.runtime.api;

import java.util.regex.Pattern;

/**
 * The part of a native library's error (XGBoost, LightGBM) a user can act on. Such messages start
 * with a timestamp and a source location and may end with a native stack trace; only the first
 * line's text is kept, so load and inference errors stay one readable line.
 */
public final class NativeErrorMessage {
  private static final Pattern TIME_AND_SOURCE = Pattern.compile("^\\[\\d{2}:\\d{2}:\\d{2}\\] \\S+: ");

  private NativeErrorMessage() {}

  public static String of(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getSimpleName();
    }
    String firstLine = message.strip().lines().findFirst().orElse("");
    return TIME_AND_SOURCE.matcher(firstLine).replaceFirst("");
  }
}
