package io.trantor.agent.testing;

import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.ModelSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runtime for registry tests. It claims an artifact whose {@code implementation} or
 * {@code platform} is its name (DECLARED) or whose folder holds {@code model.<name>}
 * (ARTIFACT_FILE). A model file containing {@code fail} makes the load fail. Its models run a
 * {@link Behaviour} (by default: declared output {@code i} is input {@code i} renamed), refuse
 * to run once closed, and count closes and requests in flight, so tests can see exactly when a
 * model was freed.
 */
public final class FakeRuntime implements ModelRuntime {

  /** What a fake model computes. */
  @FunctionalInterface
  public interface Behaviour {
    List<Tensor> infer(ModelArtifact artifact, InferenceRequest request);
  }

  /** Declared output i carries input i's data; with nothing declared, the inputs come back. */
  public static final Behaviour ECHO = (artifact, request) -> {
    List<TensorMetadata> outputs = artifact.declaredOutputs();
    if (outputs.isEmpty()) {
      return request.inputs();
    }
    List<Tensor> out = new ArrayList<>();
    for (int i = 0; i < outputs.size() && i < request.inputs().size(); i++) {
      out.add(request.inputs().get(i).withName(outputs.get(i).name()));
    }
    return out;
  };

  private final String name;
  private final List<FakeModel> loaded = new CopyOnWriteArrayList<>();
  private volatile Behaviour behaviour = ECHO;
  private volatile CountDownLatch loadGate;

  public FakeRuntime() {
    this("fake");
  }

  public FakeRuntime(String name) {
    this.name = name;
  }

  public String modelFileName() {
    return "model." + name;
  }

  public void behaviour(Behaviour next) {
    this.behaviour = next;
  }

  /** Makes every following load wait until {@link CountDownLatch#countDown()} is called. */
  public CountDownLatch holdLoads() {
    CountDownLatch gate = new CountDownLatch(1);
    loadGate = gate;
    return gate;
  }

  /** Every model this runtime loaded, oldest first, closed ones included. */
  public List<FakeModel> loaded() {
    return List.copyOf(loaded);
  }

  /** The last instance loaded for that model version. */
  public FakeModel latest(String model, String version) {
    return loaded.reversed().stream()
        .filter(m -> m.artifact().name().equals(model) && m.artifact().version().equals(version))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no instance of " + model + " version " + version + " was loaded"));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> capabilities() {
    return Set.of(name);
  }

  @Override
  public ArtifactMatch match(ModelArtifact artifact) {
    if (name.equals(artifact.implementation()) || name.equals(artifact.platform())) {
      return ArtifactMatch.DECLARED;
    }
    return Files.isRegularFile(artifact.directory().resolve(modelFileName()))
        ? ArtifactMatch.ARTIFACT_FILE
        : ArtifactMatch.NONE;
  }

  @Override
  public LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    Path file = artifact.directory().resolve(modelFileName());
    try {
      if (Files.isRegularFile(file) && Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1).contains("fail")) {
        throw new ModelLoadException("model '" + artifact.name() + "': " + file + " says fail");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CountDownLatch gate = loadGate;
    if (gate != null) {
      try {
        if (!gate.await(30, TimeUnit.SECONDS)) {
          throw new ModelLoadException("test never released the load gate");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ModelLoadException("interrupted", e);
      }
    }
    FakeModel model = new FakeModel(artifact);
    loaded.add(model);
    return model;
  }

  /** One loaded fake model. */
  public final class FakeModel implements LoadedModel {
    private final ModelArtifact artifact;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger closes = new AtomicInteger();
    private volatile int inFlightAtClose;

    FakeModel(ModelArtifact artifact) {
      this.artifact = artifact;
    }

    public ModelArtifact artifact() {
      return artifact;
    }

    public boolean isClosed() {
      return closes.get() > 0;
    }

    public int closeCount() {
      return closes.get();
    }

    public int inFlight() {
      return inFlight.get();
    }

    @Override
    public ModelSignature signature() {
      return new ModelSignature(name, artifact.declaredInputs(), artifact.declaredOutputs());
    }

    @Override
    public List<Tensor> infer(InferenceRequest request) {
      inFlight.incrementAndGet();
      try {
        if (isClosed()) {
          throw new IllegalStateException("model " + artifact.versionedName() + " used after close");
        }
        return behaviour.infer(artifact, request);
      } finally {
        inFlight.decrementAndGet();
      }
    }

    /** Requests that were still running when close was called; must be 0. */
    public int inFlightAtClose() {
      return inFlightAtClose;
    }

    @Override
    public void close() {
      inFlightAtClose = inFlight.get();
      closes.incrementAndGet();
    }
  }
}
