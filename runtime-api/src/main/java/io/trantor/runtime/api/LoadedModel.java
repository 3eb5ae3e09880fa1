package io.trantor.runtime.api;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import java.util.List;

/**
 * A model held in memory by a runtime. {@link #infer} is called from many threads at once and
 * must be safe for that; {@link #close} frees every native handle and is called once, after the
 * last {@code infer} has returned.
 */
public interface LoadedModel extends AutoCloseable {

  ModelSignature signature();

  /**
   * Runs the model. The caller has already checked the inputs against {@link #signature()}
   * (names, datatypes, shapes) and filters the outputs the request asked for; a runtime may use
   * {@code request.outputs()} to compute less.
   *
   * @throws io.trantor.protocol.InvalidInputException when the input is wrong in a way only the
   *     model can tell
   * @throws io.trantor.protocol.InferenceFailedException when the model fails on valid input
   */
  List<Tensor> infer(InferenceRequest request);

  @Override
  void close();
}
