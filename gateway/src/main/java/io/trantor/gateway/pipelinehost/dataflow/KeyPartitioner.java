package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.kafka.RecordKey;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Seldon's partitioner: a record goes to the partition number that leads its key
 * ({@code <partition>.<resource>.<requestId>}), so the answer reaches the partition the caller reads.
 */
final class KeyPartitioner implements StreamPartitioner<String, byte[]> {
  @Override
  public Optional<Set<Integer>> partitions(String topic, String key, byte[] value, int numPartitions) {
    return Optional.of(Set.of(RecordKey.partitionOf(key, numPartitions)));
  }
}
