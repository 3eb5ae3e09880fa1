package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.gateway.pipelinehost.plan.Flow;
import io.trantor.gateway.pipelinehost.plan.FlowSource;
import io.trantor.gateway.pipelinehost.plan.Payload;
import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Writes a {@link PipelinePlan} as a Kafka Streams {@link Topology}; shared by {@link Dataflows} and the
 * TopologyTestDriver tests. Per flow: each source is read (one stream per topic, shared by every flow
 * that reads it), filtered and converted by {@link SourceSelect}; several sources or any trigger go
 * through one {@link JoinProcessor}; {@link HeaderStamp} marks the result; the sink keeps the key and
 * its partition number ({@link KeyPartitioner}). Keys never change, so nothing is repartitioned.
 * Every node is named after its flow, so the topology description is stable across gateways.
 */
public final class PipelineTopology {
  private final PipelinePlan plan;
  private final StreamsBuilder builder = new StreamsBuilder();
  private final Map<String, KStream<String, byte[]>> topics = new HashMap<>();

  private PipelineTopology(PipelinePlan plan) {
    this.plan = plan;
  }

  public static Topology build(PipelinePlan plan) {
    PipelineTopology topology = new PipelineTopology(plan);
    plan.flows().forEach(topology::add);
    return topology.builder.build();
  }

  private void add(Flow flow) {
    KStream<String, byte[]> result;
    if (!flow.joins()) {
      result = select(flow, flow.inputs().get(0), "input-0", flow.sinkPayload());
    } else {
      result = join(flow);
    }
    if (flow.batchSize() > 0 && flow.sinkPayload() == Payload.REQUEST) {
      result = batch(flow, result);
    }
    if (plan.allowCycles() && flow.role() == Flow.Role.STEP) {
      String step = flow.name().substring("step-".length());
      sink(flow.name() + "-revisits-exceeded", plan.errorsTopic(), result.processValues(
          () -> new RevisitGuard(step, flow.sink(), plan.name(), plan.maxStepRevisits(), true),
          Named.as(flow.name() + "-revisits-exceeded")), false);
      result = result.processValues(
          () -> new RevisitGuard(step, flow.sink(), plan.name(), plan.maxStepRevisits(), false),
          Named.as(flow.name() + "-revisits"));
    }
    sink(flow.name(), flow.sink(), result, flow.role() == Flow.Role.OUTPUT);
  }

  private void sink(String name, String topic, KStream<String, byte[]> records, boolean clearVisits) {
    records.processValues(() -> new HeaderStamp(plan.name(), plan.version(), clearVisits), Named.as(name + "-stamp"))
        .to(topic, Produced.with(Serdes.String(), Serdes.ByteArray())
            .withStreamPartitioner(new KeyPartitioner()).withName(name + "-sink"));
  }

  private KStream<String, byte[]> join(Flow flow) {
    KStream<String, JoinPart> parts = null;
    List<FlowSource> sources = new ArrayList<>(flow.inputs());
    sources.addAll(flow.triggers());
    for (int slot = 0; slot < sources.size(); slot++) {
      boolean trigger = slot >= flow.inputs().size();
      String role = trigger ? "trigger-" + (slot - flow.inputs().size()) : "input-" + slot;
      // Triggers are only awaited: they keep their own payload and are never converted.
      FlowSource source = sources.get(slot);
      Payload target = trigger ? source.payload() : flow.sinkPayload();
      int tag = slot;
      KStream<String, JoinPart> part = select(flow, source, role, target)
          .mapValues(value -> new JoinPart(tag, value), Named.as(flow.name() + "-" + role + "-tag"));
      parts = parts == null ? part : parts.merge(part, Named.as(flow.name() + "-" + role + "-merge"));
    }
    String store = flow.name() + "-join";
    JoinRule rule = JoinRule.of(flow);
    Payload payload = flow.sinkPayload();
    // In a loop a request comes back to the same join: each visit must be able to fire again.
    boolean once = !plan.allowCycles();
    ProcessorSupplier<String, JoinPart, String, byte[]> supplier = new ProcessorSupplier<>() {
      @Override
      public JoinProcessor get() {
        return new JoinProcessor(store, rule, payload, once);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        StoreBuilder<KeyValueStore<String, byte[]>> builder =
            Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), Serdes.String(), Serdes.ByteArray());
        return Set.of(builder);
      }
    };
    return parts.process(supplier, Named.as(flow.name() + "-join"));
  }

  private KStream<String, byte[]> batch(Flow flow, KStream<String, byte[]> requests) {
    String store = flow.name() + "-batch";
    int size = flow.batchSize();
    long window = flow.batchWindowMs();
    ProcessorSupplier<String, byte[], String, byte[]> supplier = new ProcessorSupplier<>() {
      @Override
      public BatchProcessor get() {
        return new BatchProcessor(store, size, window, Payload.REQUEST);
      }

      @Override
      public Set<StoreBuilder<?>> stores() {
        return Set.of(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store), Serdes.String(),
            Serdes.ByteArray()));
      }
    };
    return requests.process(supplier, Named.as(flow.name() + "-batch"));
  }

  private KStream<String, byte[]> select(Flow flow, FlowSource source, String role, Payload target) {
    return topic(source.topic()).processValues(() -> new SourceSelect(source, target),
        Named.as(flow.name() + "-" + role + "-select"));
  }

  private KStream<String, byte[]> topic(String topic) {
    return topics.computeIfAbsent(topic, t -> builder.stream(t,
        Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("source-" + t)));
  }
}
