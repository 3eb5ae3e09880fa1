package io.trantor.activities;

/** A model (or pipeline) may be the default of one experiment only (reference §5). */
public final class ExperimentDefaultTakenException extends RuntimeException {
  /** @param kind {@code model} or {@code pipeline} */
  public ExperimentDefaultTakenException(String kind, String name, String experiment) {
    super(kind + " " + name + " is already the default of experiment " + experiment);
  }
}
