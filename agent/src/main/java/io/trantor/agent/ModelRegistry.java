package io.trantor.agent;

import io.trantor.agent.internal.ModelSlot;
import io.trantor.agent.internal.ModelState;
import io.trantor.agent.internal.RequestValidator;
import io.trantor.agent.internal.ServedVersion;
import io.trantor.agent.repository.ModelRepository;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.OipException;
import io.trantor.protocol.RepositoryModel;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.ModelSignature;
import io.trantor.runtime.api.RuntimeRegistry;
import io.trantor.runtime.api.repository.ModelFolder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models this server holds: loads them from a {@link ModelRepository} with the runtime that
 * claims them, tracks their state (loading, ready, unavailable with a reason), validates requests
 * against their signatures and runs them. Thread-safe: inference never waits on a load or unload
 * of another model. Closing it unloads everything.
 *
 * <p>Every method that names a model throws {@link io.trantor.protocol.ModelNotFoundException}
 * for a name (or version) it does not know, and
 * {@link io.trantor.protocol.ModelNotReadyException} for one that is known but not ready.
 *
 * <p>A version given as {@code null} or {@code ""} (gRPC's default) means the newest ready
 * version. A model is known once {@link #loadAll}, {@link #load} or {@link #unload} has seen it;
 * requests never read the disk. A reload loads the new instances while the old ones keep serving,
 * swaps them in at once, and closes each old instance when its last in-flight request returns; a
 * reload that fails leaves the old instances serving.
 */
public final class ModelRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);
  private static final String UNLOADED = "unloaded";
  private static final String NOT_LOADED = "not loaded";
  private static final int MAX_REASON_LENGTH = 200;

  private final ModelRepository repository;
  private final RuntimeRegistry runtimes;
  private final ModelAccess access;
  private final ConcurrentMap<String, ModelSlot> slots = new ConcurrentHashMap<>();

  public ModelRegistry(ModelRepository repository, RuntimeRegistry runtimes) {
    this(repository, runtimes, ModelAccess.ALWAYS_LOADED);
  }

  /**
   * A registry whose requests (infer, metadata, ready) first go through {@code access}, which may
   * load the model on demand (the agent's reload of evicted models).
   */
  public ModelRegistry(ModelRepository repository, RuntimeRegistry runtimes, ModelAccess access) {
    this.repository = repository;
    this.runtimes = runtimes;
    this.access = access;
  }

  /** Loads every servable folder; a failure is recorded (see {@link #index}) and does not stop the rest. */
  public void loadAll() {
    for (ModelFolder folder : repository.list()) {
      try {
        load(folder);
      } catch (OipException e) {
        LOG.warn("Model {} is not served: {}", folder.name(), e.getMessage());
      }
    }
  }

  /**
   * Loads (or reloads, new instance first, then the old one is closed) the model's versions.
   *
   * @throws io.trantor.protocol.InvalidInputException when loading fails, with the reason
   */
  public void load(String name) {
    ModelFolder folder =
        repository.find(name)
            .orElseThrow(() -> new ModelNotFoundException("model '" + name + "' is not in the model repository"));
    load(folder);
  }

  private void load(ModelFolder folder) {
    String name = folder.name();
    ModelSlot slot = slots.computeIfAbsent(name, n -> new ModelSlot(new ModelState.Unavailable(NOT_LOADED)));
    slot.lifecycle().lock();
    try {
      ModelState previous = slot.state();
      boolean serving = previous instanceof ModelState.Ready;
      if (!folder.isServable()) {
        String reason = folder.problems().isEmpty()
            ? "no version to serve in " + folder.path()
            : String.join("; ", folder.problems());
        failLoad(slot, serving, name, reason, null);
      }
      if (!serving) {
        slot.set(new ModelState.Loading());
      }
      List<ServedVersion> loaded = new ArrayList<>();
      try {
        for (ModelArtifact artifact : folder.versions()) {
          ModelRuntime runtime = runtimes.choose(artifact);
          LoadedModel model = runtime.load(artifact);
          // Only Triton's layout puts a version in a numbered folder of its own.
          boolean tritonFormat = !artifact.directory().equals(folder.path());
          loaded.add(new ServedVersion(name, artifact.version(), model, tritonFormat));
          LOG.info("Loaded model {} version {} with runtime {}", name, artifact.version(), runtime.name());
        }
      } catch (ModelLoadException e) {
        loaded.forEach(ServedVersion::retire);
        failLoad(slot, serving, name, e.getMessage(), e);
      } catch (RuntimeException | LinkageError e) {
        loaded.forEach(ServedVersion::retire);
        failLoad(slot, serving, name, "the runtime failed: " + shortReason(e), e);
      }
      // Swap first, retire second: a request that still sees the old state and finds its
      // version retired re-reads the state and gets the new one (see acquire).
      slot.set(ModelState.Ready.of(loaded));
      if (previous instanceof ModelState.Ready old) {
        old.versions().values().forEach(ServedVersion::retire);
      }
    } finally {
      slot.lifecycle().unlock();
    }
  }

  /** Records a failed load (unless old instances keep serving) and throws it to the caller. */
  private static void failLoad(ModelSlot slot, boolean serving, String name, String reason, Throwable cause) {
    if (!serving) {
      slot.set(new ModelState.Unavailable(reason));
    }
    throw new InvalidInputException("failed to load '" + name + "': " + reason, cause);
  }

  /** Unloads every version of the model and frees its memory. */
  public void unload(String name) {
    ModelSlot slot = slots.get(name);
    if (slot == null) {
      if (repository.find(name).isEmpty()) {
        throw new ModelNotFoundException("model '" + name + "' is not in the model repository");
      }
      slot = slots.computeIfAbsent(name, n -> new ModelSlot(new ModelState.Unavailable(UNLOADED)));
    }
    slot.lifecycle().lock();
    try {
      ModelState previous = slot.state();
      slot.set(new ModelState.Unavailable(UNLOADED));
      if (previous instanceof ModelState.Ready old) {
        old.versions().values().forEach(ServedVersion::retire);
        LOG.info("Unloaded model {} versions {}", name, old.versions().keySet());
      }
    } finally {
      slot.lifecycle().unlock();
    }
  }

  /**
   * True when that model (and version, if not null) is loaded and ready (after the
   * {@link ModelAccess} had its chance to load it); never throws.
   */
  public boolean isReady(String name, String version) {
    if (name == null) {
      return false;
    }
    try (ModelAccess.Lease lease = access.acquire(name)) {
      return isReadyNow(name, version);
    } catch (OipException e) {
      return false;
    }
  }

  private boolean isReadyNow(String name, String version) {
    ModelSlot slot = slots.get(name);
    return slot != null
        && slot.state() instanceof ModelState.Ready ready
        && (isNewest(version) || ready.versions().containsKey(version));
  }

  /**
   * Whether {@code name} is served from a Triton-format folder ({@code config.pbtxt}): its gRPC answers
   * then carry their tensors in {@code raw_output_contents}, as Triton's always do, while answers of
   * MLServer-format folders keep typed contents, as MLServer's do.
   */
  public boolean answersLikeTriton(String name) {
    ModelSlot slot = name == null ? null : slots.get(name);
    return slot != null && slot.state() instanceof ModelState.Ready ready
        && ready.versions().values().stream().anyMatch(ServedVersion::tritonFormat);
  }

  public ModelMetadata metadata(String name, String version) {
    try (ModelAccess.Lease lease = access.acquire(name)) {
      ModelState.Ready ready = requireReady(name);
      ServedVersion served = pick(ready, name, version);
      ModelSignature signature = served.model().signature();
      return new ModelMetadata(
          name, List.copyOf(ready.versions().keySet()), signature.platform(), signature.inputs(),
          signature.outputs(), Map.of());
    }
  }

  /**
   * Checks the request against the model's signature (unknown, missing, mistyped and misshaped
   * inputs are {@link io.trantor.protocol.InvalidInputException}s naming the tensor), runs the
   * model, keeps the requested outputs, and echoes the id.
   */
  public InferenceResponse infer(InferenceRequest request) {
    String name = request.modelName();
    try (ModelAccess.Lease lease = name == null ? ModelAccess.Lease.NONE : access.acquire(name)) {
      return inferNow(name, request);
    }
  }

  private InferenceResponse inferNow(String name, InferenceRequest request) {
    ServedVersion served = acquire(name, request.modelVersion());
    try {
      LoadedModel model = served.model();
      ModelSignature signature = model.signature();
      RequestValidator.validate(name, signature, request);
      List<Tensor> outputs;
      try {
        outputs = model.infer(request);
      } catch (OipException e) {
        throw e;
      } catch (RuntimeException | LinkageError e) {
        throw new InferenceFailedException("model '" + name + "' failed: " + shortReason(e), e);
      }
      if (outputs == null) {
        throw new InferenceFailedException("model '" + name + "' failed: it returned no outputs", null);
      }
      return new InferenceResponse(
          name, served.version(), request.id(), Map.of(), requestedOutputs(name, signature, request, outputs));
    } finally {
      served.release();
    }
  }

  /** Repository index: every folder with its state and, when not ready, the reason. */
  public List<RepositoryModel> index(boolean readyOnly) {
    Map<String, ModelFolder> folders = new TreeMap<>();
    for (ModelFolder folder : repository.list()) {
      folders.putIfAbsent(folder.name(), folder);
    }
    TreeMap<String, ModelState> states = new TreeMap<>();
    slots.forEach((name, slot) -> states.put(name, slot.state()));
    folders.forEach((name, folder) -> states.putIfAbsent(name, new ModelState.Unavailable(
        folder.problems().isEmpty() ? NOT_LOADED : String.join("; ", folder.problems()))));

    List<RepositoryModel> rows = new ArrayList<>();
    states.forEach((name, state) -> {
      switch (state) {
        case ModelState.Ready ready -> ready.versions().keySet()
            .forEach(v -> rows.add(new RepositoryModel(name, v, state.stateName(), "")));
        case ModelState.Loading loading -> rows.add(new RepositoryModel(name, "", state.stateName(), ""));
        case ModelState.Unavailable unavailable ->
            rows.add(new RepositoryModel(name, "", state.stateName(), unavailable.reason()));
      }
    });
    return readyOnly ? rows.stream().filter(r -> r.state().equals("READY")).toList() : List.copyOf(rows);
  }

  /** Capability tags of the runtimes this registry loads with. */
  public Set<String> capabilities() {
    return runtimes.capabilities();
  }

  /** Unloads every model; the runtimes stay open (their owner closes the {@link RuntimeRegistry}). */
  @Override
  public void close() {
    for (Map.Entry<String, ModelSlot> entry : slots.entrySet()) {
      ModelSlot slot = entry.getValue();
      slot.lifecycle().lock();
      try {
        if (slot.state() instanceof ModelState.Ready old) {
          slot.set(new ModelState.Unavailable(UNLOADED));
          old.versions().values().forEach(ServedVersion::retire);
        }
      } finally {
        slot.lifecycle().unlock();
      }
    }
  }

  /** A reference to the version to run, held until {@link ServedVersion#release()}. */
  private ServedVersion acquire(String name, String version) {
    while (true) {
      ServedVersion served = pick(requireReady(name), name, version);
      if (served.tryAcquire()) {
        return served;
      }
      // Retired between the state read and the acquire: a reload or unload has already swapped
      // the state, so reading it again gives the successor (or the reason it is gone).
      Thread.onSpinWait();
    }
  }

  private ModelState.Ready requireReady(String name) {
    ModelSlot slot = name == null ? null : slots.get(name);
    if (slot == null) {
      throw new ModelNotFoundException("model '" + name + "' is not found");
    }
    return switch (slot.state()) {
      case ModelState.Ready ready -> ready;
      case ModelState.Loading loading -> throw new ModelNotReadyException("model '" + name + "' is loading");
      case ModelState.Unavailable unavailable ->
          throw new ModelNotReadyException("model '" + name + "' is unavailable: " + unavailable.reason());
    };
  }

  private static ServedVersion pick(ModelState.Ready ready, String name, String version) {
    if (isNewest(version)) {
      return ready.newest();
    }
    ServedVersion served = ready.versions().get(version);
    if (served == null) {
      throw new ModelNotFoundException(
          "model '" + name + "' has no version '" + version + "' (ready versions: "
              + String.join(", ", ready.versions().keySet()) + ")");
    }
    return served;
  }

  private static boolean isNewest(String version) {
    return version == null || version.isEmpty();
  }

  /**
   * The outputs the request asked for, in its order, or everything the model returned when it
   * asked for none. A declared output the model chose not to produce (a conditional model) is
   * left out rather than an error.
   */
  private static List<Tensor> requestedOutputs(
      String name, ModelSignature signature, InferenceRequest request, List<Tensor> produced) {
    if (request.outputs().isEmpty()) {
      return produced;
    }
    Map<String, Tensor> byName = new LinkedHashMap<>();
    produced.forEach(t -> byName.putIfAbsent(t.name(), t));
    List<Tensor> kept = new ArrayList<>();
    for (InferenceRequest.RequestedOutput wanted : request.outputs()) {
      Tensor tensor = byName.get(wanted.name());
      if (tensor != null) {
        kept.add(tensor);
      } else if (signature.outputs().isEmpty()) {
        throw RequestValidator.unknownOutput(name, wanted.name(), List.copyOf(byName.keySet()));
      }
    }
    return kept;
  }

  /** First line of the message, bounded, for a user-facing error; the cause keeps the rest. */
  private static String shortReason(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      return e.getClass().getSimpleName();
    }
    String firstLine = message.strip().lines().findFirst().orElse("");
    return firstLine.length() <= MAX_REASON_LENGTH
        ? firstLine
        : firstLine.substring(0, MAX_REASON_LENGTH) + "...";
  }
}
