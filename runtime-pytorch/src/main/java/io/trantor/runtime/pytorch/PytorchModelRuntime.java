package io.trantor.runtime.pytorch;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.NativeErrorMessage;
import io.trantor.runtime.pytorch.internal.BundledNativeLibrary;
import io.trantor.runtime.pytorch.internal.EngineSettings;
import io.trantor.runtime.pytorch.internal.TorchScriptFile;
import io.trantor.runtime.pytorch.internal.TorchScriptLoadedModel;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Set;

/**
 * Serves Triton's TorchScript models ({@code platform: pytorch_libtorch}, {@code model.pt}) with
 * LibTorch through DJL, offline: the native library ships in a jar on the class path. Claims an
 * artifact that declares that platform (or backend {@code pytorch}), or holds {@code model.pt} and
 * declares no other runtime. LibTorch starts on the first model load, not at discovery.
 */
public final class PytorchModelRuntime implements ModelRuntime {
  private static final Set<String> DECLARED = Set.of(TorchScriptLoadedModel.PLATFORM, "pytorch");

  @Override
  public String name() {
    return "pytorch";
  }

  private final Set<String> capabilities = BundledNativeLibrary.present() ? Set.of("pytorch") : Set.of();

  /** {@code pytorch}, when a LibTorch build for this machine is on the class path. */
  @Override
  public Set<String> capabilities() {
    return capabilities;
  }

  @Override
  public ArtifactMatch match(ModelArtifact artifact) {
    if (artifact.implementation() != null || artifact.platform() != null) {
      String platform = artifact.platform() == null ? "" : artifact.platform().strip().toLowerCase(Locale.ROOT);
      return artifact.implementation() == null && DECLARED.contains(platform)
          ? ArtifactMatch.DECLARED
          : ArtifactMatch.NONE;
    }
    return TorchScriptFile.find(artifact).isPresent() ? ArtifactMatch.ARTIFACT_FILE : ArtifactMatch.NONE;
  }

  @Override
  public LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    if (ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN) {
      throw new ModelLoadException("the PyTorch runtime needs a little-endian machine");
    }
    var file =
        TorchScriptFile.find(artifact)
            .orElseThrow(
                () ->
                    new ModelLoadException(
                        "model '" + artifact.name() + "': no TorchScript file in " + artifact.directory()
                            + " (expected " + TorchScriptFile.DEFAULT_NAME
                            + ", or default_model_filename in config.pbtxt)"));
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
