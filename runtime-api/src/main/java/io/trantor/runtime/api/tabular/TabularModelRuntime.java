package io.trantor.runtime.api.tabular;

import io.trantor.runtime.api.ArtifactMatch;
import io.trantor.runtime.api.LoadedModel;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.ModelLoadException;
import io.trantor.runtime.api.ModelRuntime;
import io.trantor.runtime.api.NativeErrorMessage;
import java.nio.file.Path;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A runtime for one tree library's model files (XGBoost, LightGBM): named and tagged after the
 * library, claiming an artifact by {@link DeclaredOrWellKnownFile}, loading the file that {@link
 * WellKnownModelFile#locate} finds. A subclass reads the file into its native model and wraps it.
 */
public abstract class TabularModelRuntime implements ModelRuntime {
  private static final Logger log = LoggerFactory.getLogger(TabularModelRuntime.class);

  private final String name;
  private final String library;
  private final WellKnownModelFile files;
  private final String fileKind;
  private final DeclaredOrWellKnownFile claim;

  /**
   * @param name the runtime's name and its one capability, e.g. {@code xgboost}
   * @param library the library as a caller reads it, e.g. {@code XGBoost}
   * @param declaringNames what MLServer's implementation or Triton's platform says to declare it
   * @param fileKind appended to the list of well-known files in a "no model file" error, or empty
   */
  protected TabularModelRuntime(
      String name, String library, Set<String> declaringNames, WellKnownModelFile files, String fileKind) {
    this.name = name;
    this.library = library;
    this.files = files;
    this.fileKind = fileKind;
    this.claim = new DeclaredOrWellKnownFile(declaringNames, files::find);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<String> capabilities() {
    return Set.of(name);
  }

  @Override
  public final ArtifactMatch match(ModelArtifact artifact) {
    return claim.match(artifact);
  }

  @Override
  public final LoadedModel load(ModelArtifact artifact) throws ModelLoadException {
    return load(artifact, files.locate(artifact, fileKind));
  }

  /** Loads {@code file}, the artifact's model file. */
  protected abstract LoadedModel load(ModelArtifact artifact, Path file) throws ModelLoadException;

  /** A step on a native model that may fail with the library's checked error. */
  @FunctionalInterface
  protected interface NativeStep<M, R> {
    R apply(M model) throws Exception;
  }

  /** Frees a native model. */
  @FunctionalInterface
  protected interface NativeRelease<M> {
    void release(M model) throws Exception;
  }

  /**
   * Finishes loading a native model just read from {@code file}: when {@code finish} fails the model
   * is freed, and a library error becomes "{@code <library> cannot use <file>}".
   */
  protected final <M> LoadedModel finishOrFree(
      ModelArtifact artifact, Path file, M model, NativeStep<M, LoadedModel> finish, NativeRelease<M> free)
      throws ModelLoadException {
    try {
      return finish.apply(model);
    } catch (ModelLoadException | RuntimeException e) {
      freeQuietly(model, free);
      throw e;
    } catch (Exception e) {
      freeQuietly(model, free);
      throw new ModelLoadException(
          "model '" + artifact.name() + "': " + library + " cannot use " + file + ": " + NativeErrorMessage.of(e), e);
    }
  }

  private <M> void freeQuietly(M model, NativeRelease<M> free) {
    try {
      free.release(model);
    } catch (Exception e) {
      log.warn("freeing a {} booster that failed to load failed too: {}", library, NativeErrorMessage.of(e));
    }
  }
}
