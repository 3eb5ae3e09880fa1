package io.trantor.samples.conditional;

import io.trantor.agent.sdk.Model;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import java.util.List;

/**
 * The {@code conditional} sample model (shared reference §5.1 A5): when {@code CHOICE} is 0 it
 * returns only {@code OUTPUT0 = INPUT0}, otherwise only {@code OUTPUT1 = INPUT1}, so a pipeline
 * can branch on which output exists. It ships inside {@code conditional.jar}, never on the
 * agent's classpath.
 */
public final class ConditionalModel implements Model {

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    Tensor choice = required(request, "CHOICE");
    int[] values = choice.asInts();
    if (values.length != 1) {
      throw new InvalidInputException("tensor 'CHOICE' must hold exactly one INT32, not " + values.length);
    }
    return values[0] == 0
        ? List.of(required(request, "INPUT0").withName("OUTPUT0"))
        : List.of(required(request, "INPUT1").withName("OUTPUT1"));
  }

  private static Tensor required(InferenceRequest request, String name) {
    Tensor tensor = request.input(name);
    if (tensor == null) {
      throw new InvalidInputException("model 'conditional' needs input '" + name + "'");
    }
    return tensor;
  }
}
