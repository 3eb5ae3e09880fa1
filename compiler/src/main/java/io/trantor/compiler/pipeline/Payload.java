package io.trantor.compiler.pipeline;

/** What a topic's record values are (reference §4.2), decided by the topic's suffix. */
public enum Payload {
  /** protobuf {@code inference.ModelInferRequest}: {@code *.inputs} topics */
  REQUEST,
  /** protobuf {@code inference.ModelInferResponse}: {@code *.outputs} topics */
  RESPONSE,
  /** UTF-8 error text: the errors topic; passed through untouched */
  ERROR_TEXT;

  static Payload ofTopic(String topic) {
    if (topic.endsWith(".inputs")) {
      return REQUEST;
    }
    if (topic.endsWith(".outputs")) {
      return RESPONSE;
    }
    return ERROR_TEXT;
  }
}
