package io.trantor.activities;

import io.trantor.compiler.pipeline.Flow;
import io.trantor.compiler.pipeline.FlowSource;
import io.trantor.compiler.pipeline.PipelinePlan;
import io.trantor.compiler.pipeline.PipelinePlanner;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.dsl.FieldValidation;
import io.trantor.dsl.Manifests;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.ReadResult;
import io.trantor.protocol.control.PipelineAssignment;
import io.trantor.protocol.control.PipelinePlanMessage;
import io.trantor.protocol.control.PlanFlow;
import io.trantor.protocol.control.PlanFlowRole;
import io.trantor.protocol.control.PlanJoin;
import io.trantor.protocol.control.PlanPayload;
import io.trantor.protocol.control.PlanSource;
import io.trantor.workflows.activity.PipelineVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pipeline version compiled once, on the control plane, and put in the form gateways receive
 * ({@code PipelinePlanMessage} in {@code trantor_control.proto}): the gateway runs the plan as it is.
 */
public final class PipelinePlanMessages {
  private static final Logger log = LoggerFactory.getLogger(PipelinePlanMessages.class);
  /** The {@code plan_format_version} written; bump it when a field changes meaning. */
  public static final int FORMAT_VERSION = 1;

  private PipelinePlanMessages() {}

  /**
   * The version's plan.
   *
   * @throws IllegalArgumentException when the stored spec is not one valid Pipeline or cannot be planned
   */
  public static PipelinePlan plan(PipelineVersion version, TopicNames topics) {
    ReadResult read = Manifests.read(version.specJson(), version.name(), FieldValidation.STRICT);
    if (!read.ok() || read.resources().size() != 1 || !(read.resources().getFirst() instanceof Pipeline pipeline)) {
      throw new IllegalArgumentException("the stored spec is not one valid Pipeline: " + read.problems());
    }
    return PipelinePlanner.plan(pipeline, version.version(), version.uid(), topics);
  }

  /**
   * What a gateway is sent to run the version: its plan, and the spec for display. A version that
   * cannot be planned (the workflow's createTopics would have failed first) goes without a plan,
   * which gateways report as failed.
   */
  public static PipelineAssignment assignment(PipelineVersion version, TopicNames topics) {
    PipelineAssignment.Builder out = PipelineAssignment.newBuilder()
        .setNamespace(version.namespace())
        .setName(version.name())
        .setVersion(version.version())
        .setUid(version.uid())
        .setSpecJson(version.specJson());
    try {
      out.setPlan(message(plan(version, topics)));
    } catch (IllegalArgumentException e) {
      log.warn("Pipeline {}/{} v{} cannot be planned: {}", version.namespace(), version.name(), version.version(),
          e.getMessage());
    }
    return out.build();
  }

  public static PipelinePlanMessage message(PipelinePlan plan) {
    PipelinePlanMessage.Builder out = PipelinePlanMessage.newBuilder()
        .setPlanFormatVersion(FORMAT_VERSION)
        .setNamespace(plan.namespace())
        .setName(plan.name())
        .setVersion(plan.version())
        .setUid(plan.uid())
        .addAllTopics(plan.topics().stream().sorted().toList())
        .addAllStepModels(plan.stepModels())
        .setInputsTopic(plan.inputsTopic())
        .setOutputsTopic(plan.outputsTopic())
        .setErrorsTopic(plan.errorsTopic())
        .setAllowCycles(plan.allowCycles())
        .setMaxStepRevisits(plan.maxStepRevisits());
    for (Flow flow : plan.flows()) {
      PlanFlow.Builder f = PlanFlow.newBuilder()
          .setName(flow.name())
          .setRole(PlanFlowRole.valueOf("PLAN_FLOW_ROLE_" + flow.role().name()))
          .setInputsJoin(PlanJoin.valueOf("PLAN_JOIN_" + flow.inputsJoin().name()))
          .setTriggersJoin(PlanJoin.valueOf("PLAN_JOIN_" + flow.triggersJoin().name()))
          .setJoinWindowMs(flow.joinWindowMs())
          .setSink(flow.sink())
          .setSinkPayload(payload(flow.sinkPayload()))
          .setBatchSize(flow.batchSize())
          .setBatchWindowMs(flow.batchWindowMs());
      flow.inputs().forEach(source -> f.addInputs(source(source)));
      flow.triggers().forEach(source -> f.addTriggers(source(source)));
      out.addFlows(f);
    }
    return out.build();
  }

  private static PlanSource source(FlowSource source) {
    return PlanSource.newBuilder()
        .setTopic(source.topic())
        .setPipeline(source.pipeline())
        .setPayload(payload(source.payload()))
        .addAllTensors(source.tensors())
        .putAllRenames(source.renames())
        .build();
  }

  private static PlanPayload payload(io.trantor.compiler.pipeline.Payload payload) {
    return PlanPayload.valueOf("PLAN_PAYLOAD_" + payload.name());
  }
}
