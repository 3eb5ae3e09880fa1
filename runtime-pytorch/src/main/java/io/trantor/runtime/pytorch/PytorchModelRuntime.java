package io.trantor.runtime.pytorch;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.NativeErrorMessage;
import io.trantor.runtime.api.triton.TritonBackendRuntime;
import io.trantor.runtime.pytorch.internal.BundledNativeLibrary;
import io.trantor.runtime.pytorch.internal.EngineSettings;
import io.trantor.runtime.pytorch.internal.TorchScriptFile;
import io.trantor.runtime.pytorch.internal.TorchScriptLoadedModel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Serves Triton's TorchScript models ({@code platform: pytorch_libtorch}, {@code model.pt}) with
 * LibTorch through DJL, offline: the native library ships in a jar on the class path. Claims an
 * artifact that declares that platform (or backend {@code pytorch}), or holds {@code model.pt} and
 * declares no other runtime. LibTorch starts on the first model load, not at discovery.
 */
public final class PytorchModelRuntime extends TritonBackendRuntime<Path> {

  public PytorchModelRuntime() {
    super("pytorch", "PyTorch", Set.of(TorchScriptLoadedModel.PLATFORM, "pytorch"), BundledNativeLibrary.present());
  }

  @Override
  protected Optional<Path> modelFile(ModelArtifact artifact) {
    return TorchScriptFile.find(artifact);
  }

  @Override
  protected String missingFile() {
    return "TorchScript file";
  }

  @Override
  protected String expectedFiles() {
    return TorchScriptFile.DEFAULT_NAME + ", or default_model_filename in config.pbtxt";
  }

  @Override
  protected LoadedModel open(ModelArtifact artifact, Path file) throws ModelLoadException {
    startEngine();
    return TorchScriptLoadedModel.open(artifact, file);
  }

  private static void startEngine() throws ModelLoadException {
    EngineSettings.apply();
    try {
      Engine.getEngine(EngineSettings.ENGINE);
    } catch (EngineException | IllegalArgumentException | LinkageError e) {
      throw new ModelLoadException("LibTorch cannot start on this machine: " + NativeErrorMessage.of(e), e);
    }
  }
}
