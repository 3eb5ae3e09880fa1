package io.trantor.gateway.pipelinehost.plan;

/** What a topic's record values are. */
public enum Payload {
  /** protobuf {@code inference.ModelInferRequest}: {@code *.inputs} topics */
  REQUEST,
  /** protobuf {@code inference.ModelInferResponse}: {@code *.outputs} topics */
  RESPONSE,
  /** UTF-8 error text: the errors topic; passed through untouched */
  ERROR_TEXT
}
