package io.trantor.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.trantor.operator.testkit.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java types carry every field of Seldon's samples and of our own manifests: each one read into
 * its kind's class and written back is the manifest it was (so the operator, reading them typed,
 * loses nothing). The samples with a misspelt field do not read: fabric8's mapper refuses unknown
 * properties.
 */
class SampleManifestsRoundTripTest {
    private static final Map<String, String> MISSPELT = Map.of(
            "models/error-bad-spec.yaml", "\"storagUri\"",
            "experiments/error-bad-spec.yaml", "\"candidate\"",
            "pipelines/error-bad-spec.yaml", "\"input\"");

    private final KubernetesSerialization serialization = new KubernetesSerialization();

    @Test
    void everyManifestSurvivesTheTypesUnchanged() throws IOException {
        Map<String, String> changed = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        for (Path root : List.of(RepoPaths.seldonSamples(), RepoPaths.ourManifests())) {
            for (Path file : RepoPaths.yamlFiles(root)) {
                String yaml = Files.readString(file);
                @SuppressWarnings("unchecked")
                Map<String, Object> written = normalized(serialization.unmarshal(yaml, Map.class));
                String name = root.relativize(file).toString();
                try {
                    CustomResource<?, ?> typed = serialization.unmarshal(yaml, kindClass((String) written.get("kind")));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> back = normalized(serialization.convertValue(typed, Map.class));
                    if (!back.equals(written)) {
                        changed.put(name, "written back as " + back);
                    }
                } catch (IllegalArgumentException e) {
                    if (!e.getMessage().contains("Unrecognized property " + MISSPELT.getOrDefault(name, "?"))) {
                        changed.put(name, e.getMessage());
                    }
                    unreadable.add(name);
                }
            }
        }
        assertThat(changed).as("manifests the types change or refuse").isEmpty();
        assertThat(unreadable).containsExactlyInAnyOrderElementsOf(MISSPELT.keySet());
    }

    private static Class<? extends CustomResource<?, ?>> kindClass(String kind) {
        return SeldonCrds.KINDS.stream().filter(k -> k.getSimpleName().equals(kind)).findFirst()
                .orElseThrow(() -> new AssertionError("not a Seldon kind: " + kind));
    }

    /**
     * A map's null values left out (a record writes its unset fields as null), list items kept, and
     * scalars as strings: a quantity written {@code 1} comes back as {@code "1"}, the same quantity.
     */
    @SuppressWarnings("unchecked")
    private static <T> T normalized(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> result = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (v != null) {
                    result.put((String) k, normalized(v));
                }
            });
            return (T) result;
        }
        if (value instanceof List<?> list) {
            List<Object> result = new ArrayList<>();
            list.forEach(v -> result.add(normalized(v)));
            return (T) result;
        }
        return value == null ? null : (T) String.valueOf(value);
    }
}
