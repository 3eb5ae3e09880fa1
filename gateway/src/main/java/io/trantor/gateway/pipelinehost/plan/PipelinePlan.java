package io.trantor.gateway.pipelinehost.plan;

import java.util.List;
import java.util.Set;

/**
 * A pipeline version as this gateway runs it: the dataflow half of the control plane's compiled
 * plan, read from the {@code PipelinePlanMessage} of an assignment ({@link PlanMessages#read}).
 * The gateway never plans; every field is what the control plane decided.
 *
 * @param uid             unique per version; names the Kafka Streams application
 * @param topics          every topic the dataflow reads or writes
 * @param stepModels      the models the steps call, in step order
 * @param flows           the dataflow, in the control plane's order (steps, input, output, errors)
 * @param maxStepRevisits how often one request may revisit a step of a cyclic pipeline (0 = unset)
 */
public record PipelinePlan(String namespace, String name, long version, String uid, Set<String> topics,
                           List<String> stepModels, String inputsTopic, String outputsTopic, String errorsTopic,
                           List<Flow> flows, boolean allowCycles, int maxStepRevisits) {}
