package io.trantor.activities;

/**
 * What one gateway reported about one pipeline version.
 *
 * @param state Creating, Ready, Failed or Terminated
 */
public record PipelineGatewayState(String gateway, String namespace, String pipeline, long version, String uid, String state,
    String reason) {
  public static final String READY = "Ready";
  public static final String FAILED = "Failed";
}
