package io.trantor.runtime.api;

import io.trantor.protocol.TensorMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One version of one model, parsed from its folder and ready to hand to a runtime.
 *
 * @param name the model name (folder name, or the {@code name} of model-settings.json /
 *     config.pbtxt)
 * @param version the version as a string ({@code "1"}); Triton numeric folders give it, MLServer's
 *     {@code parameters.version} otherwise, else {@code "1"}
 * @param directory the folder holding this version's files (a Triton version folder, or the model
 *     folder itself)
 * @param uri the artifact MLServer's {@code parameters.uri} points at, resolved against the model
 *     folder; {@code null} when not given, and the runtime looks for its well-known file names
 * @param implementation MLServer's {@code implementation}, or {@code null}
 * @param platform Triton's {@code platform} or {@code backend}, or {@code null}
 * @param maxBatchSize Triton's {@code max_batch_size}: when above 0 every declared shape gets a
 *     leading variable batch dimension
 * @param declaredInputs inputs declared in config.pbtxt / model-settings.json (shape includes the
 *     batch dimension when {@code maxBatchSize > 0}); empty when not declared
 * @param declaredOutputs outputs declared likewise
 * @param parameters MLServer's {@code parameters.extra} and Triton's {@code parameters}
 * @param source the settings file this was read from, for error messages; {@code null} if none
 */
public record ModelArtifact(
    String name,
    String version,
    Path directory,
    Path uri,
    String implementation,
    String platform,
    int maxBatchSize,
    List<TensorMetadata> declaredInputs,
    List<TensorMetadata> declaredOutputs,
    Map<String, Object> parameters,
    Path source) {

  public ModelArtifact {
    declaredInputs = List.copyOf(declaredInputs);
    declaredOutputs = List.copyOf(declaredOutputs);
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  /** {@code name_version}: how Seldon names a model on a server replica. */
  public String versionedName() {
    return name + "_" + version;
  }
}
