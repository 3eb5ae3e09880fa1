package io.trantor.control.live;

import io.trantor.workflows.activity.PipelineVersion;

/** Told about every change of the {@link PipelineTable} (the gateways subscribe). */
public interface PipelineListener {

  void pipelineChanged(PipelineVersion version);

  void pipelineRemoved(String namespace, String name);
}
