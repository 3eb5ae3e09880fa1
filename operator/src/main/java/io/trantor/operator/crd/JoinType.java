package io.trantor.operator.crd;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How a pipeline step, input or output joins its sources: {@code inner}, {@code outer} or {@code any}. */
public enum JoinType {
    @JsonProperty("inner") INNER,
    @JsonProperty("outer") OUTER,
    @JsonProperty("any") ANY
}
