package io.trantor.runtime.python.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelSignature;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A Triton python-backend model: one worker process per instance ({@code instance_group} count,
 * 1 by default), as Triton runs one stub process per instance. Each request takes a free
 * instance, waiting for one when all are busy. When a worker dies, the request it was running
 * fails with the reason, and the next request on that instance starts a fresh worker (running
 * {@code initialize} again). Closing runs {@code finalize} in every worker and ends them.
 */
public final class PythonLoadedModel implements LoadedModel {
  static final String MODEL_FILE = "model.py";

  private final String name;
  private final ModelSignature signature;
  private final List<WorkerSlot> slots;
  private final BlockingQueue<WorkerSlot> idle;
  private volatile boolean closed;

  private PythonLoadedModel(String name, ModelSignature signature, List<WorkerSlot> slots) {
    this.name = name;
    this.signature = signature;
    this.slots = List.copyOf(slots);
    this.idle = new ArrayBlockingQueue<>(slots.size(), false, slots);
  }

  /**
   * Starts the workers (with environment {@code env}) and runs the model's {@code initialize} in
   * each; a failure there fails the load and ends the workers already started.
   */
  public static PythonLoadedModel open(
      ModelArtifact artifact, PythonCommand python, Map<String, String> env, WorkerScripts scripts)
      throws ModelLoadException {
    Path modelFile = modelFile(artifact);
    int instances;
    try {
      instances = InstanceCount.of(artifact);
    } catch (IllegalArgumentException e) {
      throw new ModelLoadException(e.getMessage());
    }
    String config = ModelConfigJson.of(artifact, modelFile.getFileName().toString(), instances);
    List<WorkerSlot> slots = new ArrayList<>();
    try {
      for (int i = 0; i < instances; i++) {
        WorkerSlot slot = new WorkerSlot(artifact.name(), python, Map.copyOf(env), scripts,
            initialize(artifact, modelFile, config, i));
        slots.add(slot);
        slot.start();
      }
    } catch (WorkerStartException e) {
      slots.forEach(WorkerSlot::close);
      throw new ModelLoadException(e.getMessage());
    }
    return new PythonLoadedModel(
        artifact.name(), new ModelSignature("python", artifact.declaredInputs(), artifact.declaredOutputs()), slots);
  }

  /**
   * Triton's initialize arguments. The version is the version folder's name, so that
   * {@code model_repository/model_version} is the folder model.py sits in, as model code expects.
   */
  private static Frame initialize(ModelArtifact artifact, Path modelFile, String config, int instance) {
    Path versionDir = modelFile.toAbsolutePath().getParent();
    ObjectNode header = Frame.JSON.createObjectNode()
        .put("type", "initialize")
        .put("model_file", modelFile.toAbsolutePath().toString());
    header.putObject("args")
        .put("model_config", config)
        .put("model_instance_kind", "CPU")
        .put("model_instance_name", artifact.name() + "_" + instance)
        .put("model_instance_device_id", "0")
        .put("model_repository", versionDir.getParent() == null ? versionDir.toString() : versionDir.getParent().toString())
        .put("model_version", versionDir.getFileName().toString())
        .put("model_name", artifact.name());
    return Frame.of(header);
  }

  private static Path modelFile(ModelArtifact artifact) throws ModelLoadException {
    Path file = artifact.uri() != null && Files.isRegularFile(artifact.uri())
        ? artifact.uri()
        : artifact.directory().resolve(MODEL_FILE);
    if (!Files.isRegularFile(file)) {
      throw new ModelLoadException("model '" + artifact.name() + "': the python backend needs " + file
          + " (a model.py defining class TritonPythonModel)");
    }
    return file;
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    if (closed) {
      throw new InferenceFailedException("model '" + name + "' is unloaded", null);
    }
    WorkerSlot slot;
    try {
      slot = idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InferenceFailedException("model '" + name + "': interrupted while waiting for a free instance", e);
    }
    try {
      if (closed) {
        // Unloaded while this request waited for an instance: starting a worker now would leak it.
        throw new InferenceFailedException("model '" + name + "' is unloaded", null);
      }
      return answer(slot.call(TensorCodec.execute(request)));
    } catch (WorkerGoneException e) {
      throw new InferenceFailedException(e.getMessage() + "; it is restarted for the next request", e);
    } catch (WorkerStartException e) {
      throw new InferenceFailedException("model '" + name + "': " + e.getMessage(), e);
    } finally {
      idle.add(slot);
    }
  }

  private List<Tensor> answer(Frame answer) {
    String message = answer.header().path("message").asText();
    return switch (answer.type()) {
      case "result" -> outputs(answer);
      // TritonError is the model's verdict on this request (Triton answers 400 as well).
      case "error" -> throw answer.header().path("triton").asBoolean()
          ? new InvalidInputException(message)
          : new InferenceFailedException("model '" + name + "' failed in execute: " + message, null);
      default -> throw new InferenceFailedException(
          "model '" + name + "': the python worker answered '" + answer.type() + "' to execute", null);
    };
  }

  private List<Tensor> outputs(Frame answer) {
    try {
      return TensorCodec.outputs(answer, name);
    } catch (InvalidInputException e) {
      // A malformed output is the model's fault, not the caller's.
      throw new InferenceFailedException("model '" + name + "' returned a malformed output: " + e.getMessage(), e);
    }
  }

  /** The pids of the instances' workers (-1 for one that has none now), for tests and tools. */
  public List<Long> workerPids() {
    return slots.stream().map(WorkerSlot::pid).toList();
  }

  /** Called once, after the last {@code infer} has returned: every slot is idle. */
  @Override
  public void close() {
    closed = true;
    slots.forEach(WorkerSlot::close);
  }
}
