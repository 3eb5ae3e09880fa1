package io.trantor.agent.runtime.custom;

import io.trantor.agent.sdk.Model;
import io.trantor.agent.sdk.ModelContext;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelSignature;
import java.io.IOException;
import java.net.URLClassLoader;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One custom model instance and the class loader it came from. The model's own class loader is
 * the thread's context loader while it runs, since libraries inside custom models (JSON mappers,
 * service lookups) often load classes through it.
 */
final class JavaLoadedModel implements LoadedModel {
  private static final Logger LOG = LoggerFactory.getLogger(JavaLoadedModel.class);
  private static final String PLATFORM = "java";

  private final ModelArtifact artifact;
  private final Model model;
  private final URLClassLoader loader;
  private final ModelSignature signature;

  JavaLoadedModel(ModelArtifact artifact, Model model, URLClassLoader loader) {
    this.artifact = artifact;
    this.model = model;
    this.loader = loader;
    this.signature = new ModelSignature(PLATFORM, artifact.declaredInputs(), artifact.declaredOutputs());
  }

  /** Calls {@link Model#load}; a failure there is a load failure with the model's message. */
  void start() throws ModelLoadException {
    ModelContext context = new ModelContext(
        artifact.name(), artifact.version(), artifact.directory(), artifact.parameters(),
        artifact.declaredInputs(), artifact.declaredOutputs());
    ClassLoader previous = swapContextLoader(loader);
    try {
      model.load(context);
    } catch (Exception e) {
      throw new ModelLoadException(
          "model '" + artifact.name() + "': " + model.getClass().getName() + ".load failed: " + reason(e), e);
    } finally {
      swapContextLoader(previous);
    }
  }

  @Override
  public ModelSignature signature() {
    return signature;
  }

  @Override
  public List<Tensor> infer(InferenceRequest request) {
    ClassLoader previous = swapContextLoader(loader);
    try {
      return model.infer(request);
    } catch (RuntimeException e) {
      // OipExceptions reach the caller as they are; the registry reports any other one as a
      // model failure with its cause attached.
      throw e;
    } catch (Exception e) {
      throw new InferenceFailedException("model '" + artifact.name() + "' failed: " + reason(e), e);
    } finally {
      swapContextLoader(previous);
    }
  }

  @Override
  public void close() {
    ClassLoader previous = swapContextLoader(loader);
    try {
      model.unload();
    } catch (RuntimeException e) {
      // The class loader is closed below whatever the model did, so memory is freed anyway.
      LOG.warn("Model {} version {}: unload failed", artifact.name(), artifact.version(), e);
    } finally {
      swapContextLoader(previous);
      try {
        loader.close();
      } catch (IOException e) {
        LOG.warn("Model {} version {}: closing its jars failed", artifact.name(), artifact.version(), e);
      }
    }
  }

  private static String reason(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank()
        ? e.getClass().getSimpleName()
        : message.strip().lines().findFirst().orElse("");
  }

  private static ClassLoader swapContextLoader(ClassLoader next) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(next);
    return previous;
  }
}
