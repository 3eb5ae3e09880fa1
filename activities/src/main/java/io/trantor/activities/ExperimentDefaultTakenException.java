package io.trantor.activities;

/** A model may be the default of one experiment only (reference §5). */
public final class ExperimentDefaultTakenException extends RuntimeException {
  public ExperimentDefaultTakenException(String model, String experiment) {
    super("model " + model + " is already the default of experiment " + experiment);
  }
}
