package io.trantor.dsl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * {@code ServerConfig.spec}: a Kubernetes {@code PodSpec} (required, with {@code containers}) and the
 * StatefulSet's volume claim templates, both kept as JSON trees.
 */
public record ServerConfigSpec(JsonNode podSpec, List<VolumeClaimTemplate> volumeClaimTemplates) {

    public ServerConfigSpec {
        podSpec = JsonTrees.copy(podSpec);
        volumeClaimTemplates = volumeClaimTemplates == null ? List.of() : List.copyOf(volumeClaimTemplates);
    }

    @Override
    public JsonNode podSpec() {
        return JsonTrees.copy(podSpec);
    }

    /** {@code spec.volumeClaimTemplates[]}: a name and a {@code PersistentVolumeClaimSpec}. */
    public record VolumeClaimTemplate(String name, JsonNode spec) {

        public VolumeClaimTemplate {
            spec = JsonTrees.copy(spec);
        }

        @Override
        public JsonNode spec() {
            return JsonTrees.copy(spec);
        }
    }
}
