package io.trantor.gateway.ingress;

/**
 * Where one pipeline request goes: the {@code pipeline} that answers, and a {@code mirror}
 * pipeline that receives a copy whose answer is dropped ({@code null}: none).
 */
record PipelineRouting(String pipeline, String mirror) {

  /** Seldon's sticky-session value for a pipeline, {@code :<pipeline>.pipeline:} (reference §3.2). */
  static String seldonRoute(String pipeline) {
    return ":" + pipeline + PipelineEndpoint.SUFFIX + ":";
  }

  String seldonRoute() {
    return seldonRoute(pipeline);
  }
}
