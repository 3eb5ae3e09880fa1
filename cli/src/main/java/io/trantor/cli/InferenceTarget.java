package io.trantor.cli;

import io.trantor.protocol.control.ModelReplicaStatus;
import io.trantor.protocol.control.ResourceStatus;

/**
 * Where {@code model infer|metadata} sends a request, and under which model name.
 *
 * <p>By default requests go to the gateway ({@code --inference-host}, else {@code TRANTOR_INFER},
 * else {@code localhost:9000}) with the {@code Seldon-Model} header, as with Seldon. With
 * {@code --direct} (a control plane without a gateway), the CLI asks the control plane where the
 * model is Available and calls that replica as {@code <model>_<version>}, the name the replica
 * serves it under.
 *
 * @param seldonModel value for the {@code Seldon-Model} header, or {@code null}
 */
record InferenceTarget(String endpoint, String modelName, String seldonModel) {

  static final String DEFAULT_GATEWAY = "localhost:9000";

  /**
   * The gateway ({@code --inference-host}, else the active config's {@code dataplane.inferHost}, else
   * {@code TRANTOR_INFER}, else Seldon's {@code SELDON_INFER_HOST}, else localhost:9000) with a
   * {@code Seldon-Model} header.
   */
  static InferenceTarget viaGateway(String inferenceHost, String modelName, String seldonModel) {
    String gateway = CliConfigs.resolve(inferenceHost, CliConfigs.Settings::inferHost, "TRANTOR_INFER", "SELDON_INFER_HOST");
    return new InferenceTarget(gateway != null ? gateway : DEFAULT_GATEWAY, modelName, seldonModel);
  }

  static InferenceTarget resolve(
      String inferenceHost, boolean direct, ControlEndpointMixin control, String namespace, String model) {
    if (!direct) {
      return viaGateway(inferenceHost, model, model);
    }
    try (ControlClient client = control.connect()) {
      ResourceStatus status = client.status(ControlClient.ref("Model", namespace, model));
      long version = status.getModel().getVersion();
      for (String wanted : new String[] {"Available", "Loaded"}) {
        for (ModelReplicaStatus replica : status.getModel().getReplicasList()) {
          if (replica.getState().equals(wanted) && !replica.getEndpoint().isEmpty()) {
            return new InferenceTarget(replica.getEndpoint(), model + "_" + replica.getVersion(), null);
          }
        }
      }
      throw new CommandFailure(
          ExitCode.FAILURE,
          "model " + model + " (version " + version + ") has no available replica: " + status.getState()
              + (status.getReason().isEmpty() ? "" : " (" + status.getReason() + ")"));
    }
  }
}
