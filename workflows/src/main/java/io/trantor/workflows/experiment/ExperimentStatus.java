package io.trantor.workflows.experiment;

/**
 * The experiment's state: {@value #PROGRESSING}, {@value #READY}, {@value #FAILED} (with a reason)
 * or {@value #TERMINATED}.
 */
public record ExperimentStatus(String state, String reason, long generation) {
  public static final String PROGRESSING = "ExperimentProgressing";
  public static final String READY = "ExperimentReady";
  public static final String FAILED = "ExperimentFailed";
  public static final String TERMINATED = "ExperimentTerminated";
}
