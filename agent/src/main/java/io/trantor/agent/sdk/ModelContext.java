package io.trantor.agent.sdk;

import io.trantor.protocol.TensorMetadata;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a custom {@link Model} is told when it loads.
 *
 * @param directory the model version's folder
 * @param parameters model-settings.json {@code parameters.extra} / config.pbtxt parameters
 * @param inputs declared inputs (metadata), possibly empty
 * @param outputs declared outputs (metadata), possibly empty
 */
public record ModelContext(
    String name,
    String version,
    Path directory,
    Map<String, Object> parameters,
    List<TensorMetadata> inputs,
    List<TensorMetadata> outputs) {}
