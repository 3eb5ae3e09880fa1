package io.trantor.cli;

import io.trantor.protocol.control.ModelReplicaStatus;
import io.trantor.protocol.control.ResourceStatus;

/**
 * Where {@code model infer|metadata} sends a request, and under which model name.
 *
 * <p>With {@code --inference-host} or {@code TRANTOR_INFER} set, requests go to that gateway
 * with the {@code Seldon-Model} header, as with Seldon. Without either (there is no gateway in
 * this build yet), the CLI asks the control plane where the model is Available and calls that
 * replica directly as {@code <model>_<version>}, the name the replica serves it under.
 *
 * @param seldonModel value for the {@code Seldon-Model} header, or {@code null}
 */
record InferenceTarget(String endpoint, String modelName, String seldonModel) {

  static InferenceTarget resolve(String inferenceHost, ControlEndpointMixin control, String namespace, String model) {
    String gateway = inferenceHost != null && !inferenceHost.isBlank() ? inferenceHost : System.getenv("TRANTOR_INFER");
    if (gateway != null && !gateway.isBlank()) {
      return new InferenceTarget(gateway, model, model);
    }
    try (ControlClient client = new ControlClient(control.target())) {
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
