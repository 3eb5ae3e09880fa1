package io.trantor.agent.artifact;

/**
 * A model artifact could not be fetched: missing, refused, unreadable or malformed. The message
 * names the storage URI (as written in the Model and, when a rewrite rule changed it, as fetched)
 * and never holds credentials.
 */
public final class ArtifactException extends RuntimeException {
  public ArtifactException(String message) {
    super(message);
  }

  public ArtifactException(String message, Throwable cause) {
    super(message, cause);
  }
}
