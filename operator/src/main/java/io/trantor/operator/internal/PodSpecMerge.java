package io.trantor.operator.internal;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Server's {@code podSpec} laid over its ServerConfig's (seldon-operator.md §4), on the JSON form of both so
 * every field of the pod spec is covered: a value set in the override wins; objects merge field by field;
 * lists of named items (containers, env, ports, volumes, volume mounts) merge by name, an item of the
 * override replacing or refining the base item of that name and new names coming after the base's; other
 * lists (tolerations, image pull secrets, args) are the override's when it sets them. Seldon appends every
 * list, so an env var set again in a Server appears twice; here it appears once, with the Server's value.
 */
final class PodSpecMerge {
    private final KubernetesSerialization serialization;

    PodSpecMerge(KubernetesSerialization serialization) {
        this.serialization = serialization;
    }

    /** {@code override} over {@code base}; either may be null. */
    PodSpec merge(PodSpec base, PodSpec override) {
        if (override == null) {
            return base == null ? new PodSpec() : serialization.clone(base);
        }
        if (base == null) {
            return serialization.clone(override);
        }
        Object merged = merge(asJson(base), asJson(override));
        return serialization.convertValue(merged, PodSpec.class);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> asJson(PodSpec spec) {
        return serialization.convertValue(spec, Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Object merge(Object base, Object override) {
        if (override == null) {
            return base;
        }
        if (base instanceof Map<?, ?> b && override instanceof Map<?, ?> o) {
            Map<String, Object> merged = new LinkedHashMap<>((Map<String, Object>) b);
            ((Map<String, Object>) o).forEach((key, value) -> merged.put(key, merge(merged.get(key), value)));
            return merged;
        }
        if (base instanceof List<?> b && override instanceof List<?> o && named(b) && named(o)) {
            List<Object> merged = new ArrayList<>(b);
            for (Object item : o) {
                Object name = ((Map<?, ?>) item).get("name");
                int at = indexOfName(merged, name);
                if (at < 0) {
                    merged.add(item);
                } else {
                    merged.set(at, merge(merged.get(at), item));
                }
            }
            return merged;
        }
        return override;
    }

    private static boolean named(List<?> items) {
        return !items.isEmpty() && items.stream().allMatch(i -> i instanceof Map<?, ?> m && m.get("name") instanceof String);
    }

    private static int indexOfName(List<Object> items, Object name) {
        for (int i = 0; i < items.size(); i++) {
            if (name.equals(((Map<?, ?>) items.get(i)).get("name"))) {
                return i;
            }
        }
        return -1;
    }
}
