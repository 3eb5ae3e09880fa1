package io.trantor.gateway.pipelinehost.dataflow;

/** The state of one pipeline's dataflow on this gateway, as the control plane sees it. */
public sealed interface DataflowState {

  /** No topology runs for the pipeline (never started, or stopped). */
  record NotRunning() implements DataflowState {}

  /** The topology of {@code version} was started and is not yet processing (assigning partitions). */
  record Starting(long version) implements DataflowState {}

  /** The topology of {@code version} processes records; older versions were stopped. */
  record Running(long version) implements DataflowState {}

  /**
   * The topology of {@code version} stopped with an error; an older version that was running keeps running.
   *
   * @param reason what failed, for the pipeline's status
   */
  record Failed(long version, String reason) implements DataflowState {}
}
