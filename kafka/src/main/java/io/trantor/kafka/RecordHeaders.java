package io.trantor.kafka;

/**
 * Kafka header names of Seldon's record format (reference seldon-behaviour.md §3.5, §4.2–4.6), kept
 * exactly so that existing consumers of Seldon topics keep working.
 */
public final class RecordHeaders {
  /** The pipeline a record belongs to; every dataflow source keeps only its own pipeline's records. */
  public static final String PIPELINE = "pipeline";
  /** The caller's request id (or a generated one). */
  public static final String REQUEST_ID = "x-request-id";
  /** Set by the dataflow on every step output. */
  public static final String PIPELINE_VERSION = "x-pipeline-version";
  /** On error records: the model (or pipeline) that failed; the value is the error text. */
  public static final String PIPELINE_ERRORS = "seldon-pipeline-errors";
  /** {@code json} or {@code proto} on records written by external producers (optional). */
  public static final String INFER_TYPE = "seldon-infer-type";

  /**
   * W3C trace context (OpenTelemetry): the pipeline gateway's span, carried from the pipeline's input
   * record through every step to the models it calls, so a pipeline request is one trace.
   */
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";

  private RecordHeaders() {}

  /** Whether a caller's header (lower case) travels with the records: Seldon's {@code x-*} ones and the trace context. */
  public static boolean travels(String name) {
    return name.startsWith("x-") || name.equals(TRACEPARENT) || name.equals(TRACESTATE);
  }
}
