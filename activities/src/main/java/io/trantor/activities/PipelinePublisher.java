package io.trantor.activities;

import io.trantor.workflows.activity.PipelineVersion;
import java.util.List;

/** Where the pipeline activities put the versions gateways should run, and read what gateways reported. */
public interface PipelinePublisher {

  /** Replaces the pipeline's version. */
  void publish(PipelineVersion version);

  /** Stops the pipeline (every version) and forgets its reports. */
  void remove(String namespace, String name);

  /** What the gateways reported about the pipeline, ordered by gateway. */
  List<PipelineGatewayState> reports(String namespace, String name);
}
