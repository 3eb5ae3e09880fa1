package io.trantor.control.internal;

/** What the control API refuses, as one-line messages; mapped to gRPC and HTTP in one place each. */
public sealed class ControlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ControlException(String message) {
    super(message);
  }

  /** The named resource does not exist. */
  public static final class NotFound extends ControlException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message);
    }
  }

  /** The request or manifest is wrong (every problem on its own line). */
  public static final class Invalid extends ControlException {
    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }

  /** The request is valid but cannot be carried out now, or not yet. */
  public static final class FailedPrecondition extends ControlException {
    private static final long serialVersionUID = 1L;

    public FailedPrecondition(String message) {
      super(message);
    }
  }
}
