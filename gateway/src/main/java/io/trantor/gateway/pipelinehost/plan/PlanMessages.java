package io.trantor.gateway.pipelinehost.plan;

import io.trantor.protocol.control.PipelinePlanMessage;
import io.trantor.protocol.control.PlanFlow;
import io.trantor.protocol.control.PlanPayload;
import io.trantor.protocol.control.PlanSource;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the control plane's {@code PipelinePlanMessage} into the plan this gateway runs. */
public final class PlanMessages {
  /** The {@code plan_format_version} this gateway understands. */
  public static final int FORMAT_VERSION = 1;

  private PlanMessages() {}

  /** @throws IllegalArgumentException for a format this gateway does not know or a plan it cannot run */
  public static PipelinePlan read(PipelinePlanMessage message) {
    if (message.getPlanFormatVersion() != FORMAT_VERSION) {
      throw new IllegalArgumentException("pipeline " + message.getName() + ": plan format "
          + message.getPlanFormatVersion() + " is not " + FORMAT_VERSION + " (is the gateway older than the control plane?)");
    }
    List<Flow> flows = message.getFlowsList().stream().map(PlanMessages::flow).toList();
    Set<String> topics = new LinkedHashSet<>(message.getTopicsList());
    return new PipelinePlan(message.getNamespace(), message.getName(), message.getVersion(), message.getUid(),
        Set.copyOf(topics), List.copyOf(message.getStepModelsList()), message.getInputsTopic(), message.getOutputsTopic(),
        message.getErrorsTopic(), flows, message.getAllowCycles(), message.getMaxStepRevisits());
  }

  private static Flow flow(PlanFlow flow) {
    if (flow.getInputsCount() == 0 || flow.getJoinWindowMs() <= 0) {
      throw new IllegalArgumentException("flow " + flow.getName() + ": needs an input and a positive join window");
    }
    return new Flow(flow.getName(), Flow.Role.valueOf(strip(flow.getRole().name(), "PLAN_FLOW_ROLE_")),
        sources(flow.getInputsList()), join(flow.getInputsJoin().name()), sources(flow.getTriggersList()),
        join(flow.getTriggersJoin().name()), flow.getJoinWindowMs(), flow.getSink(), payload(flow.getSinkPayload()),
        flow.getBatchSize(), flow.getBatchWindowMs());
  }

  private static List<FlowSource> sources(List<PlanSource> sources) {
    return sources.stream().map(s -> new FlowSource(s.getTopic(), s.getPipeline(), payload(s.getPayload()),
        List.copyOf(s.getTensorsList()), Map.copyOf(s.getRenamesMap()))).toList();
  }

  private static JoinType join(String name) {
    return name.equals("PLAN_JOIN_UNSPECIFIED") ? JoinType.INNER : JoinType.valueOf(strip(name, "PLAN_JOIN_"));
  }

  private static Payload payload(PlanPayload payload) {
    return Payload.valueOf(strip(payload.name(), "PLAN_PAYLOAD_"));
  }

  /** The enum constant's name without its prefix; unknown or unset values are refused. */
  private static String strip(String name, String prefix) {
    if (!name.startsWith(prefix) || name.endsWith("_UNSPECIFIED")) {
      throw new IllegalArgumentException("unknown plan value " + name);
    }
    return name.substring(prefix.length());
  }
}
