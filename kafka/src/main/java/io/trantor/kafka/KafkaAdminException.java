package io.trantor.kafka;

/** A topic could not be created, listed or deleted; the message names the topic and Kafka's reason. */
public final class KafkaAdminException extends RuntimeException {
  public KafkaAdminException(String message, Throwable cause) {
    super(message, cause);
  }
}
