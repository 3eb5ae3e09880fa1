package io.trantor.runtime.onnx.internal;

import ai.onnxruntime.OrtEnvironment;
import io.trantor.runtime.api.ModelLoadException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gets ONNX Runtime's process-wide environment on a thread with a deep stack.
 *
 * <p>Why: creating the environment (the first {@code OrtEnvironment.getEnvironment()}) recurses in
 * native code about 300 bytes of stack per character of the process command line (measured with
 * onnxruntime 1.29.0; a 10,000-character {@code -cp} needs 4 MiB). On a normal 1 MiB Java thread a
 * JVM started with a long class path dies with SIGSEGV, without an hs_err file. A thread whose stack
 * is reserved at 256 MiB covers command lines of ~800,000 characters; the pages are only touched as
 * far as the recursion goes. Later calls return the existing environment and need no deep stack.
 */
public final class EnvironmentLoader {
  static final long STACK_BYTES = 256L * 1024 * 1024;

  private EnvironmentLoader() {}

  public static OrtEnvironment load() throws ModelLoadException {
    AtomicReference<OrtEnvironment> environment = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread creator =
        new Thread(
            null,
            () -> {
              try {
                environment.set(OrtEnvironment.getEnvironment());
              } catch (Throwable t) { // UnsatisfiedLinkError and the like: handed to the caller
                failure.set(t);
              }
            },
            "onnxruntime-environment",
            STACK_BYTES);
    creator.start();
    try {
      creator.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ModelLoadException("interrupted while starting ONNX Runtime", e);
    }
    if (failure.get() != null) {
      throw new ModelLoadException("ONNX Runtime cannot start on this machine: " + failure.get(), failure.get());
    }
    return environment.get();
  }
}
