package io.trantor.activities;

/** Which models the control plane knows (its registry of applied resources). */
@FunctionalInterface
public interface ModelCatalog {
  boolean isModel(String namespace, String name);
}
