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

  private RecordHeaders() {}
}
