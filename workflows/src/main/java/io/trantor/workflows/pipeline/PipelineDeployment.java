package io.trantor.workflows.pipeline;

import java.util.List;

/**
 * A validated Pipeline spec as its workflow receives it.
 *
 * @param specJson            the manifest as JSON (what gateways compile)
 * @param stepModels          the models its steps call
 * @param cleanTopicsOnDelete Seldon's {@code dataflow.cleanTopicsOnDelete}
 */
public record PipelineDeployment(String namespace, String name, long generation, String specJson, List<String> stepModels,
    boolean cleanTopicsOnDelete) {
  public PipelineDeployment {
    stepModels = List.copyOf(stepModels);
  }
}
