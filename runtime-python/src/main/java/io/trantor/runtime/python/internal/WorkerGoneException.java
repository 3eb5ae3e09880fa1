package io.trantor.runtime.python.internal;

import java.io.IOException;

/** The worker process exited or broke the protocol; the message says how, with its last output. */
final class WorkerGoneException extends IOException {
  WorkerGoneException(String message, Throwable cause) {
    super(message, cause);
  }
}
