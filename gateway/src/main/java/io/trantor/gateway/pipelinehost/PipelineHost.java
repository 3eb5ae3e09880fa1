package io.trantor.gateway.pipelinehost;

import io.trantor.protocol.control.PipelineAssignment;
import java.util.Set;

/** What runs pipelines inside a gateway: told by {@link PipelineWatcher} what the control plane wants. */
public interface PipelineHost {

  /** Starts the assignment's version (idempotent; a newer version replaces an older one). */
  void run(PipelineAssignment assignment);

  /** Stops the pipeline (every version). */
  void remove(String namespace, String name);

  /** After a full batch: stops every pipeline whose {@code namespace/name} is not in {@code keep}. */
  void retainOnly(Set<String> keep);
}
