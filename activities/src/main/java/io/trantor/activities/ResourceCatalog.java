package io.trantor.activities;

/** Which models and pipelines the control plane knows (its registry of applied resources). */
public interface ResourceCatalog {
  boolean isModel(String namespace, String name);

  boolean isPipeline(String namespace, String name);
}
