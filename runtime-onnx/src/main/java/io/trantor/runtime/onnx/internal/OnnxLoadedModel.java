package io.trantor.runtime.onnx.internal;

import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelSignature;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One ONNX Runtime session. {@link OrtSession#run} is thread-safe, so one session serves all. */
public final class OnnxLoadedModel implements LoadedModel {
  private static final Logger log = LoggerFactory.getLogger(OnnxLoadedModel.class);

  private final String name;
  private final OrtEnvironment env;
  private final OrtSession session;
  private final ModelSignature signature;
  private final List<String> tensorOutputs;
  private final Map<String, Datatype> inputTypes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private OnnxLoadedModel(
      String name,
      OrtEnvironment env,
      OrtSession session,
      ModelSignature signature,
      List<String> tensorOutputs) {
    this.name = name;
    this.env = env;
    this.session = session;
    this.signature = signature;
    this.tensorOutputs = List.copyOf(tensorOutputs);
    Map<String, Datatype> types = new HashMap<>();
    for (TensorMetadata input : signature.inputs()) {
      types.put(input.name(), input.datatype());
    }
    this.inputTypes = Map.copyOf(types);
  }

  /**
   * Opens a session on the artifact's ONNX file.
   *
   * @param intraOpThreads threads one inference may use inside an operator
   */
  public static OnnxLoadedModel open(OrtEnvironment env, ModelArtifact artifact, int intraOpThreads)
      throws ModelLoadException {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new ModelLoadException("the ONNX runtime needs a little-endian machine");
    }
    Path file;
    try {
      file = OnnxModelFile.require(artifact);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage());
    }
    OrtSession session;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      session = env.createSession(file.toString(), options);
    } catch (OrtException e) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': ONNX Runtime cannot load " + file + ": "
              + OrtMessages.text(e),
          e);
    }
    try {
      List<String> tensorOutputs = new ArrayList<>();
      ModelSignature signature = SignatureReader.read(session, artifact, tensorOutputs);
      log.debug("loaded ONNX model {} from {}", artifact.name(), file);
      return new OnnxLoadedModel(artifact.name(), env, session, signature, tensorOutputs);
    } catch (OrtException e) {
      closeQuietly(session, artifact.name());
      throw new ModelLoadException(
          "model '" + artifact.name() + "': cannot read the signature of " + file + ": "
              + OrtMessages.text(e),
          e);
    } catch (ModelLoadException | RuntimeException e) {
      closeQuietly(session, artifact.name());
      throw e;
    }
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    checkDatatypes(request);
    Set<String> wanted = wantedOutputs(request);
    try (OnnxInputs inputs = OnnxInputs.of(env, request.inputs());
        OrtSession.Result result = session.run(inputs.byName(), wanted)) {
      List<Tensor> outputs = new ArrayList<>(wanted.size());
      for (String output : wanted) {
        Optional<OnnxValue> value = result.get(output);
        if (value.isEmpty()) {
          throw new InferenceFailedException(
              "model '" + name + "' returned no output '" + output + "'", null);
        }
        outputs.add(OutputReader.read(output, value.get()));
      }
      return outputs;
    } catch (OrtException e) {
      throw OrtMessages.toOip(name, e);
    }
  }

  /**
   * ONNX Runtime's own datatype error does not name the tensor, so the datatypes are checked here
   * first (the caller usually has already; this is one map look-up per input).
   */
  private void checkDatatypes(InferenceRequest request) {
    for (Tensor input : request.inputs()) {
      Datatype expected = inputTypes.get(input.name());
      if (expected != null && expected != input.datatype()) {
        throw new InvalidInputException(
            "model '" + name + "': input '" + input.name() + "' must be " + expected + ", got "
                + input.datatype());
      }
    }
  }

  /** The requested outputs in request order, or every tensor output in model order. */
  private Set<String> wantedOutputs(InferenceRequest request) {
    if (request.outputs().isEmpty()) {
      return new LinkedHashSet<>(tensorOutputs);
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (InferenceRequest.RequestedOutput output : request.outputs()) {
      if (!tensorOutputs.contains(output.name())) {
        throw new InvalidInputException(
            "model '" + name + "' has no output '" + output.name() + "'; its outputs are "
                + tensorOutputs);
      }
      wanted.add(output.name());
    }
    return wanted;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      closeQuietly(session, name);
    }
  }

  private static void closeQuietly(OrtSession session, String name) {
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing a caller could do; the native memory is lost either way, so say so once.
      log.warn("closing the ONNX session of model {} failed: {}", name, OrtMessages.text(e));
    }
  }
}
