package io.trantor.gateway.pipelinehost.plan;

/** How a flow combines several sources: all of them, whatever arrived within the window, or the first. */
public enum JoinType { INNER, OUTER, ANY }
