package io.trantor.bench;

/** Model manifests for the iris sample under a given name. */
final class Manifests {
  static final String IRIS = "samples/models/iris";

  private Manifests() {}

  static String iris(String name, String memory) {
    return "apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata:\n  name: " + name + "\nspec:\n"
        + "  storageUri: " + IRIS + "\n  requirements:\n  - onnx\n"
        + (memory == null ? "" : "  memory: " + memory + "\n");
  }
}
