package io.trantor.runtime.tensorflow.internal;

import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelSignature;
import io.trantor.runtime.api.NativeErrorMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TFInvalidArgumentException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * A TensorFlow graph with its session. {@link Session#run} is thread-safe, and the session runs
 * each request's ops on the calling thread (see {@link SessionConfig}), so one session serves all
 * requests side by side.
 */
public final class TensorflowLoadedModel implements LoadedModel {
  private static final Logger log = LoggerFactory.getLogger(TensorflowLoadedModel.class);

  private final String name;
  private final Session session;
  private final AutoCloseable owner;
  private final ModelSignature signature;
  private final Map<String, String> feeds;
  private final Map<String, String> fetches;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param owner closes the session and the graph (a Graph with its Session, or a SavedModelBundle)
   * @param feeds OIP input name to TensorFlow tensor name ({@code op:index})
   * @param fetches OIP output name to TensorFlow tensor name, in the order outputs are returned
   */
  TensorflowLoadedModel(
      String name,
      Session session,
      AutoCloseable owner,
      ModelSignature signature,
      Map<String, String> feeds,
      Map<String, String> fetches) {
    this.name = name;
    this.session = session;
    this.owner = owner;
    this.signature = signature;
    this.feeds = Map.copyOf(feeds);
    this.fetches = fetches;
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    List<String> wanted = wantedOutputs(request);
    List<org.tensorflow.Tensor> inputs = new ArrayList<>(request.inputs().size());
    try {
      Session.Runner runner = session.runner();
      for (Tensor input : request.inputs()) {
        String feed = feeds.get(input.name());
        if (feed == null) {
          throw new InvalidInputException(
              "unexpected inference input '" + input.name() + "' for model '" + name
                  + "', allowed inputs are: " + String.join(", ", feeds.keySet()));
        }
        org.tensorflow.Tensor tensor = TfTensors.toTensorflow(name, input);
        inputs.add(tensor);
        runner.feed(feed, tensor);
      }
      wanted.forEach(output -> runner.fetch(fetches.get(output)));
      try (Result result = runner.run()) {
        List<Tensor> outputs = new ArrayList<>(wanted.size());
        for (int i = 0; i < wanted.size(); i++) {
          outputs.add(TfTensors.fromTensorflow(name, wanted.get(i), result.get(i)));
        }
        return outputs;
      }
    } catch (TFInvalidArgumentException e) {
      throw new InvalidInputException("model '" + name + "': " + NativeErrorMessage.of(e), e);
    } catch (TensorFlowException e) {
      throw new InferenceFailedException("model '" + name + "' failed: " + NativeErrorMessage.of(e), e);
    } finally {
      inputs.forEach(org.tensorflow.Tensor::close);
    }
  }

  private List<String> wantedOutputs(InferenceRequest request) {
    if (request.outputs().isEmpty()) {
      return List.copyOf(fetches.keySet());
    }
    List<String> wanted = new ArrayList<>();
    for (InferenceRequest.RequestedOutput output : request.outputs()) {
      if (!fetches.containsKey(output.name())) {
        throw new InvalidInputException(
            "unexpected inference output '" + output.name() + "' for model '" + name
                + "', allowed outputs are: " + String.join(", ", fetches.keySet()));
      }
      if (!wanted.contains(output.name())) {
        wanted.add(output.name());
      }
    }
    return wanted;
  }

  /** Frees the session and the graph (native memory); later calls do nothing. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        owner.close();
      } catch (Exception e) {
        // Nothing a caller could do; say once that native memory may be lost.
        log.warn("closing the TensorFlow model {} failed: {}", name, NativeErrorMessage.of(e));
      }
    }
  }
}
