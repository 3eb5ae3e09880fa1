package io.trantor.runtime.mlserver;

import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.json.OipJson;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelSignature;
import java.io.IOException;
import java.util.List;

/**
 * A model loaded into MLServer. Inference is forwarded to MLServer's REST endpoint as OIP JSON;
 * when MLServer answers 404 for it or cannot be reached (it crashed and was restarted, or lost
 * the model), the model is loaded again and the request replayed once, as Seldon's agent proxy
 * does. Closing unloads it from MLServer and removes its repository folder.
 */
final class MlServerModel implements LoadedModel {
  private final String name;
  private final ModelSignature signature;
  private final MlServerRuntime runtime;

  MlServerModel(String name, ModelSignature signature, MlServerRuntime runtime) {
    this.name = name;
    this.signature = signature;
    this.runtime = runtime;
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    byte[] body = OipJson.writeInferenceRequest(new InferenceRequest(
        name, null, request.id(), request.parameters(), request.inputs(), request.outputs()));
    MlServerClient.Reply reply;
    try {
      reply = runtime.client().infer(name, body);
      if (reply.status() == 404) {
        runtime.recover(name);
        reply = runtime.client().infer(name, body);
      }
    } catch (IOException unreachable) {
      try {
        runtime.recover(name);
        reply = runtime.client().infer(name, body);
      } catch (IOException | MlServerUnavailableException again) {
        throw new ModelNotReadyException("model '" + name + "': MLServer is not reachable: " + again.getMessage());
      }
    } catch (MlServerUnavailableException e) {
      throw new ModelNotReadyException("model '" + name + "': " + e.getMessage());
    }
    if (reply.ok()) {
      InferenceResponse response = OipJson.readInferenceResponse(reply.body(), -1);
      return response.outputs();
    }
    String error = "model '" + name + "': " + reply.error();
    throw switch (reply.status()) {
      case 400, 422 -> new InvalidInputException(error);
      case 404, 503 -> new ModelNotReadyException(error);
      default -> new InferenceFailedException(error, null);
    };
  }

  String name() {
    return name;
  }

  @Override
  public void close() {
    runtime.release(this);
  }
}
