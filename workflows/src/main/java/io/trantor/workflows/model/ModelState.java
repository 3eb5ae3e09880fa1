package io.trantor.workflows.model;

/**
 * Model states reported by {@link ModelWorkflow#status()}. The constant names are Seldon's wire
 * names on purpose: {@code name()} is what users, the CLI and the operator see.
 */
enum ModelState {
  ModelProgressing,
  ModelAvailable,
  ModelFailed,
  ScheduleFailed,
  ModelScaledDown,
  ModelTerminating,
  ModelTerminated
}
