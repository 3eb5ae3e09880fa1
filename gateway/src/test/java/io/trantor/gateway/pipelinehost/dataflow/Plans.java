package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.activities.PipelinePlanMessages;
import io.trantor.compiler.pipeline.PipelinePlanner;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.dsl.Pipeline;
import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import io.trantor.gateway.pipelinehost.plan.PlanMessages;

/** Plans a pipeline as the control plane does and hands it over as a gateway receives it (through the wire message). */
final class Plans {
  private Plans() {}

  static PipelinePlan plan(Pipeline pipeline, long version, String uid, TopicNames topics) {
    return PlanMessages.read(PipelinePlanMessages.message(PipelinePlanner.plan(pipeline, version, uid, topics)));
  }
}
