package io.trantor.dsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The part of Kubernetes {@code ObjectMeta} that Trantor uses. Other ObjectMeta fields (uid,
 * resourceVersion, managedFields…) are accepted on read and dropped, as they belong to the cluster.
 *
 * @param namespace  defaults to {@code "default"}, as in Seldon outside Kubernetes
 * @param generation the Kubernetes generation when the manifest came from the API server, else null;
 *                   Seldon uses it as the first version number of a model
 */
public record Metadata(String name, String namespace, Map<String, String> labels,
                       Map<String, String> annotations, Long generation) {

    public static final String DEFAULT_NAMESPACE = "default";

    public Metadata {
        namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        labels = ordered(labels);
        annotations = ordered(annotations);
    }

    public static Metadata named(String name) {
        return new Metadata(name, null, null, null, null);
    }

    public Metadata withNamespace(String namespace) {
        return new Metadata(name, namespace, labels, annotations, generation);
    }

    // Insertion order is kept so that writing a manifest back reproduces the user's order.
    static Map<String, String> ordered(Map<String, String> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
