package io.trantor.agent.runtime.custom;

import io.trantor.agent.sdk.Model;
import io.trantor.agent.sdk.ModelContext;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A custom model fixture: OUTPUT = INPUT × {@code factor} (a model parameter, default 2). A
 * {@code fail} parameter makes load fail; a negative first input makes infer throw a checked
 * exception; unload leaves an {@code unloaded} file in the model folder for the test to see.
 */
public class ScalingModel implements Model {
  private float factor = 2;
  private Path directory;

  @Override
  public void load(ModelContext context) throws Exception {
    if (context.parameters().containsKey("fail")) {
      throw new Exception("parameter 'factor' is unusable\nsecond line");
    }
    if (context.parameters().get("factor") instanceof Number n) {
      factor = n.floatValue();
    }
    directory = context.directory();
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) throws Exception {
    float[] in = request.input("INPUT").asFloats();
    if (in.length > 0 && in[0] < 0) {
      throw new Exception("negative input");
    }
    float[] out = new float[in.length];
    for (int i = 0; i < in.length; i++) {
      out[i] = in[i] * factor;
    }
    return List.of(Tensor.ofFloats("OUTPUT", request.input("INPUT").shape(), out));
  }

  @Override
  public void unload() {
    try {
      Files.writeString(directory.resolve("unloaded"), "yes");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
