package io.trantor.activities;

/** A model version's memory on one replica (reserved at placement, freed at release). */
public record ModelHolding(String model, long version, long memoryBytes) {

  /** The name the inference server knows it by. */
  public String servedName() {
    return model + "_" + version;
  }
}
