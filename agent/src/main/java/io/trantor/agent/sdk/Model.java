package io.trantor.agent.sdk;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import java.util.List;

/**
 * A custom model written in Java: put a jar holding the implementation in the model folder and
 * name the class in model-settings.json's {@code implementation} (or register it in the jar's
 * {@code META-INF/services/io.trantor.agent.sdk.Model}). The built-in runtime creates one instance
 * per loaded model version, calls {@link #load} once, {@link #infer} from many threads, and
 * {@link #unload} once.
 */
public interface Model {

  /** Prepares the model: read files from {@code context.directory()}, parameters, etc. */
  default void load(ModelContext context) throws Exception {}

  /**
   * Computes the outputs. Throw {@link io.trantor.protocol.InvalidInputException} for bad input
   * (the caller gets a 400); any other exception is reported as a model failure.
   */
  List<Tensor> infer(InferenceRequest request) throws Exception;

  /** Releases what {@link #load} acquired. */
  default void unload() {}
}
