package io.trantor.dsl;

import com.fasterxml.jackson.databind.JsonNode;

/** Defensive copies of the Kubernetes pass-through trees held by records (JsonNode is mutable). */
final class JsonTrees {

    private JsonTrees() {
    }

    static JsonNode copy(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.deepCopy();
    }
}
