package io.trantor.agent.replica;

/** One version of one model, as the control plane names it; served as {@code <model>_<version>}. */
record ModelKey(String model, long version) {

  ModelKey {
    if (model == null || model.isBlank()) {
      throw new LoadRefusedException("the command names no model");
    }
  }

  String servedName() {
    return model + "_" + version;
  }
}
