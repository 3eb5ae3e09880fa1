package io.trantor.runtime.api.repository;

import com.google.protobuf.TextFormat;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.ModelArtifact;
import io.trantor.runtime.api.repository.triton.DataType;
import io.trantor.runtime.api.repository.triton.ModelConfig;
import io.trantor.runtime.api.repository.triton.ModelInput;
import io.trantor.runtime.api.repository.triton.ModelOutput;
import io.trantor.runtime.api.repository.triton.ModelParameter;
import io.trantor.runtime.api.repository.triton.ModelVersionPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads a Triton-style folder: an optional {@code config.pbtxt} and numeric version folders. The
 * folder name is the model name (Triton requires config {@code name} to be empty or equal to it,
 * and Seldon's agent rewrites it to the folder name, so a differing config name is ignored).
 */
final class TritonConfigReader {
  static final String FILE_NAME = "config.pbtxt";

  // Real configs carry dynamic_batching, optimization, model_warmup...; we only need the subset
  // declared in model_config.proto, so everything else is skipped rather than rejected.
  private static final TextFormat.Parser PARSER =
      TextFormat.Parser.newBuilder().setAllowUnknownFields(true).setAllowUnknownExtensions(true).build();

  /**
   * protobuf-java reports every skipped field as a java.util.logging WARNING, which for Triton
   * configs is the normal case and would repeat on every repository read; only this one logger is
   * quietened. Held in a field because java.util.logging forgets the level of a collected logger.
   */
  private static final java.util.logging.Logger TEXT_FORMAT_LOGGER = quietTextFormatLogger();

  private static java.util.logging.Logger quietTextFormatLogger() {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(TextFormat.class.getName());
    logger.setLevel(java.util.logging.Level.SEVERE);
    return logger;
  }

  ModelFolder read(Path folder) {
    String name = folder.getFileName().toString();
    Path file = folder.resolve(FILE_NAME);
    boolean hasConfig = Files.isRegularFile(file);
    Problems problems = new Problems(hasConfig ? file : folder);

    ModelConfig config = ModelConfig.getDefaultInstance();
    if (hasConfig) {
      try {
        ModelConfig.Builder builder = ModelConfig.newBuilder();
        PARSER.merge(Files.readString(file), builder);
        config = builder.build();
      } catch (TextFormat.ParseException e) {
        problems.add("not a valid model configuration: " + e.getMessage());
        return new ModelFolder(name, folder, List.of(), problems.list());
      } catch (IOException e) {
        problems.add("cannot be read: " + e.getMessage());
        return new ModelFolder(name, folder, List.of(), problems.list());
      }
    }

    int maxBatchSize = config.getMaxBatchSize();
    if (maxBatchSize < 0) {
      problems.add("max_batch_size must be 0 or more, not " + maxBatchSize);
    }
    List<TensorMetadata> inputs = new ArrayList<>();
    for (int i = 0; i < config.getInputCount(); i++) {
      ModelInput in = config.getInput(i);
      add(inputs, "input[" + i + "]", in.getName(), in.getDataType(), in.getDimsList(), maxBatchSize, problems);
    }
    List<TensorMetadata> outputs = new ArrayList<>();
    for (int i = 0; i < config.getOutputCount(); i++) {
      ModelOutput out = config.getOutput(i);
      add(outputs, "output[" + i + "]", out.getName(), out.getDataType(), out.getDimsList(), maxBatchSize, problems);
    }
    Map<String, Object> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, ModelParameter> p : config.getParametersMap().entrySet()) {
      parameters.put(p.getKey(), p.getValue().getStringValue());
    }
    String platform =
        !config.getPlatform().isEmpty() ? config.getPlatform()
            : !config.getBackend().isEmpty() ? config.getBackend()
            : null;

    TreeMap<Long, String> folders = versionFolders(folder, problems);
    List<Long> versions = selectVersions(folder, folders, config.getVersionPolicy(), problems);
    if (!problems.isEmpty()) {
      return new ModelFolder(name, folder, List.of(), problems.list());
    }
    List<ModelArtifact> artifacts = new ArrayList<>();
    for (long version : versions) {
      Path versionDir = folder.resolve(folders.get(version));
      Path uri = config.getDefaultModelFilename().isEmpty()
          ? null
          : versionDir.resolve(config.getDefaultModelFilename());
      artifacts.add(
          new ModelArtifact(
              name, Long.toString(version), versionDir, uri, null, platform, maxBatchSize,
              inputs, outputs, parameters, hasConfig ? file : null));
    }
    return new ModelFolder(name, folder, artifacts, List.of());
  }

  /** True when the folder holds at least one numeric version folder (Triton auto-config). */
  static boolean hasVersionFolders(Path folder) {
    return !versionFolders(folder, null).isEmpty();
  }

  private static void add(
      List<TensorMetadata> into, String path, String name, DataType type, List<Long> dims,
      int maxBatchSize, Problems problems) {
    if (name.isEmpty()) {
      problems.add(path + ".name is missing");
      return;
    }
    Datatype datatype = switch (type) {
      case TYPE_BOOL -> Datatype.BOOL;
      case TYPE_UINT8 -> Datatype.UINT8;
      case TYPE_UINT16 -> Datatype.UINT16;
      case TYPE_UINT32 -> Datatype.UINT32;
      case TYPE_UINT64 -> Datatype.UINT64;
      case TYPE_INT8 -> Datatype.INT8;
      case TYPE_INT16 -> Datatype.INT16;
      case TYPE_INT32 -> Datatype.INT32;
      case TYPE_INT64 -> Datatype.INT64;
      case TYPE_FP16 -> Datatype.FP16;
      case TYPE_FP32 -> Datatype.FP32;
      case TYPE_FP64 -> Datatype.FP64;
      case TYPE_STRING -> Datatype.BYTES;
      case TYPE_INVALID -> null;
      case TYPE_BF16, UNRECOGNIZED -> null;
    };
    if (datatype == null) {
      problems.add(type == DataType.TYPE_INVALID
          ? path + " '" + name + "' has no data_type"
          : path + " '" + name + "' has data_type " + type + ", which the Open Inference Protocol cannot carry");
      return;
    }
    long[] shape = new long[dims.size() + (maxBatchSize > 0 ? 1 : 0)];
    int d = 0;
    if (maxBatchSize > 0) {
      shape[d++] = -1;
    }
    for (long dim : dims) {
      if (dim < -1) {
        problems.add(path + " '" + name + "' has dimension " + dim + " (use -1 for any size)");
        return;
      }
      shape[d++] = dim;
    }
    into.add(TensorMetadata.of(name, datatype, shape));
  }

  private static List<Long> selectVersions(
      Path folder, TreeMap<Long, String> folders, ModelVersionPolicy policy, Problems problems) {
    NavigableSet<Long> present = folders.navigableKeySet();
    if (present.isEmpty()) {
      problems.add("no version folders (1/, 2/, ...) in " + folder);
      return List.of();
    }
    return switch (policy.getPolicyChoiceCase()) {
      case ALL -> List.copyOf(present);
      case SPECIFIC -> {
        List<Long> chosen = new ArrayList<>();
        for (long wanted : new TreeSet<>(policy.getSpecific().getVersionsList())) {
          if (present.contains(wanted)) {
            chosen.add(wanted);
          } else {
            problems.add("version_policy.specific asks for version " + wanted
                + " but there is no folder " + folder.resolve(Long.toString(wanted)));
          }
        }
        yield chosen;
      }
      case LATEST -> {
        int count = policy.getLatest().getNumVersions();
        if (count < 1) {
          problems.add("version_policy.latest.num_versions must be at least 1");
          yield List.of();
        }
        yield latest(present, count);
      }
      case POLICYCHOICE_NOT_SET -> latest(present, 1);
    };
  }

  private static List<Long> latest(NavigableSet<Long> present, int count) {
    List<Long> newestFirst = new ArrayList<>(present.descendingSet()).subList(0, Math.min(count, present.size()));
    return newestFirst.reversed();
  }

  /** Version number to folder name ({@code 01/} is version 1); problems may be null. */
  private static TreeMap<Long, String> versionFolders(Path folder, Problems problems) {
    TreeMap<Long, String> versions = new TreeMap<>();
    try (Stream<Path> children = Files.list(folder)) {
      children
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> VersionOrder.isNumeric(n) && n.length() < 19)
          .forEach(n -> versions.putIfAbsent(Long.parseLong(n), n));
    } catch (IOException e) {
      if (problems != null) {
        problems.add("cannot list the version folders of " + folder + ": " + e.getMessage());
      }
    }
    return versions;
  }
}
