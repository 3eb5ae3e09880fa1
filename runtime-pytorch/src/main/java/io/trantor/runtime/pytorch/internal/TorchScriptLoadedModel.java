package io.trantor.runtime.pytorch.internal;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelSignature;
import io.trantor.runtime.api.NativeErrorMessage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One TorchScript module in LibTorch (Triton's {@code pytorch_libtorch}). TorchScript files carry
 * no tensor names or types, so config.pbtxt's declarations are the signature; inputs are passed to
 * {@code forward} positionally and results read back by position ({@link TensorOrder}). A
 * module's {@code forward} may run on many threads at once; each request owns its tensors in a
 * sub-manager that is closed (freeing native memory) when it returns.
 */
public final class TorchScriptLoadedModel implements LoadedModel {
  public static final String PLATFORM = "pytorch_libtorch";

  private final String name;
  private final Model model;
  private final Block block;
  private final ModelSignature signature;
  private final List<TensorMetadata> inputOrder;
  private final List<TensorMetadata> outputOrder;
  private final AtomicBoolean closed = new AtomicBoolean();

  private TorchScriptLoadedModel(
      String name, Model model, ModelSignature signature, List<TensorMetadata> inputOrder,
      List<TensorMetadata> outputOrder) {
    this.name = name;
    this.model = model;
    this.block = model.getBlock();
    this.signature = signature;
    this.inputOrder = List.copyOf(inputOrder);
    this.outputOrder = List.copyOf(outputOrder);
  }

  public static TorchScriptLoadedModel open(ModelArtifact artifact, Path file) throws ModelLoadException {
    for (String kind : List.of("input", "output")) {
      List<TensorMetadata> declared = kind.equals("input") ? artifact.declaredInputs() : artifact.declaredOutputs();
      if (declared.isEmpty()) {
        throw new ModelLoadException(
            "model '" + artifact.name() + "': config.pbtxt declares no " + kind + "s; a TorchScript"
                + " model has no tensor names or types, so they must be declared (as Triton requires)");
      }
    }
    List<TensorMetadata> inputs = TensorOrder.of(artifact, "input", artifact.declaredInputs());
    List<TensorMetadata> outputs = TensorOrder.of(artifact, "output", artifact.declaredOutputs());
    Model model = Model.newInstance(artifact.name(), EngineSettings.ENGINE);
    try {
      model.load(file.toAbsolutePath().getParent(), file.getFileName().toString());
    } catch (IOException | MalformedModelException | EngineException e) {
      model.close();
      throw new ModelLoadException(
          "model '" + artifact.name() + "': LibTorch cannot load the TorchScript file " + file + ": "
              + NativeErrorMessage.of(e), e);
    }
    ModelSignature signature =
        new ModelSignature(PLATFORM, artifact.declaredInputs(), artifact.declaredOutputs());
    return new TorchScriptLoadedModel(artifact.name(), model, signature, inputs, outputs);
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    try (NDManager manager = model.getNDManager().newSubManager()) {
      NDList inputs = new NDList(inputOrder.size());
      for (TensorMetadata declared : inputOrder) {
        Tensor input = request.input(declared.name());
        if (input == null) {
          throw new InvalidInputException(
              "model '" + name + "': input '" + declared.name() + "' is missing");
        }
        inputs.add(TorchTensors.toTorch(name, manager, input));
      }
      NDList results = block.forward(new ParameterStore(manager, false), inputs, false);
      if (results.size() < outputOrder.size()) {
        throw new InferenceFailedException(
            "model '" + name + "' returned " + results.size() + " tensors but config.pbtxt declares "
                + outputOrder.size() + " outputs",
            null);
      }
      List<Tensor> outputs = new ArrayList<>();
      for (TensorMetadata output : wanted(request)) {
        int index = outputOrder.indexOf(output);
        outputs.add(TorchTensors.fromTorch(name, output.name(), output.datatype(), results.get(index)));
      }
      return outputs;
    } catch (EngineException e) {
      throw new InferenceFailedException("model '" + name + "' failed: " + NativeErrorMessage.of(e), e);
    }
  }

  /** The requested outputs in request order, or all in declaration order. */
  private List<TensorMetadata> wanted(InferenceRequest request) {
    if (request.outputs().isEmpty()) {
      return signature.outputs();
    }
    List<TensorMetadata> wanted = new ArrayList<>();
    for (InferenceRequest.RequestedOutput requested : request.outputs()) {
      TensorMetadata output =
          outputOrder.stream().filter(o -> o.name().equals(requested.name())).findFirst()
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "unexpected inference output '" + requested.name() + "' for model '" + name
                              + "', allowed outputs are: "
                              + String.join(", ", outputOrder.stream().map(TensorMetadata::name).toList())));
      if (!wanted.contains(output)) {
        wanted.add(output);
      }
    }
    return wanted;
  }

  /** Frees the module and every tensor it still owns. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      model.close();
    }
  }
}
