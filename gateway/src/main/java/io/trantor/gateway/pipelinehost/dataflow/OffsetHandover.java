package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.gateway.pipelinehost.plan.Flow;
import io.trantor.gateway.pipelinehost.plan.FlowSource;
import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a new pipeline version starts reading when it replaces a running one: at the old version's committed
 * offsets. Everything the old version had not committed is read again by the new one (at-least-once, no
 * loss: the old one stops only once the new one runs), and nothing older is replayed, which
 * {@code auto.offset.reset=earliest} would do on topics with history. Partitions the old version never
 * committed start at their end: nothing of this pipeline can be in flight there yet.
 * When the new group already has offsets (another gateway replica started it, or this one restarted) they
 * are kept.
 */
final class OffsetHandover {
  private static final Logger LOG = LoggerFactory.getLogger(OffsetHandover.class);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private OffsetHandover() {}

  /** Commits the starting offsets of {@code next}'s application unless it has offsets already. */
  static void handOver(DataflowConfig config, PipelinePlan previous, PipelinePlan next) {
    String from = StreamsSettings.applicationId(config, previous);
    String to = StreamsSettings.applicationId(config, next);
    try (Admin admin = Admin.create(config.kafkaProperties())) {
      if (!committed(admin, to).isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> old = committed(admin, from);
      Set<String> topics = sourceTopics(next);
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
      Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(topics).topicNameValues();
      Set<String> missing = new TreeSet<>();
      Map<String, TopicDescription> descriptions = new HashMap<>();
      described.forEach((name, future) -> {
        try {
          descriptions.put(name, get(future));
        } catch (IllegalStateException e) {
          if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
            throw e;
          }
          missing.add(name);
        }
      });
      if (!missing.isEmpty()) {
        throw new IllegalStateException("topics do not exist: " + String.join(", ", missing));
      }
      for (TopicDescription topic : descriptions.values()) {
        topic.partitions().forEach(p -> {
          TopicPartition partition = new TopicPartition(topic.name(), p.partition());
          OffsetAndMetadata offset = old.get(partition);
          if (offset != null) {
            start.put(partition, new OffsetAndMetadata(offset.offset()));
          } else {
            ends.put(partition, OffsetSpec.latest());
          }
        });
      }
      if (!ends.isEmpty()) {
        get(admin.listOffsets(ends).all()).forEach((partition, info) ->
            start.put(partition, new OffsetAndMetadata(info.offset())));
      }
      get(admin.alterConsumerGroupOffsets(to, start).all());
      LOG.info("dataflow {}/{} v{} starts where v{} committed ({} partitions)", next.namespace(), next.name(),
          next.version(), previous.version(), start.size());
    } catch (GroupNotEmptyException e) {
      // Another gateway replica started this version first and owns its offsets.
      LOG.debug("dataflow {} already started elsewhere", to);
    }
  }

  static Set<String> sourceTopics(PipelinePlan plan) {
    Set<String> topics = new TreeSet<>();
    for (Flow flow : plan.flows()) {
      flow.inputs().stream().map(FlowSource::topic).forEach(topics::add);
      flow.triggers().stream().map(FlowSource::topic).forEach(topics::add);
    }
    return topics;
  }

  private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    // Partitions without a committed offset come back with a null value.
    get(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()).forEach((partition, offset) -> {
      if (offset != null) {
        offsets.put(partition, offset);
      }
    });
    return offsets;
  }

  private static <T> T get(KafkaFuture<T> future) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while handing offsets over", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof GroupNotEmptyException notEmpty) {
        throw notEmpty;
      }
      throw new IllegalStateException("cannot hand offsets over: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot hand offsets over: no answer from Kafka within " + TIMEOUT, e);
    }
  }
}
