package io.trantor.gateway.pipelinehost;

import io.trantor.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the topics it follows, from the moment it starts following them, on one
 * thread that owns the consumer. Partitions are assigned directly (no consumer group): every
 * gateway replica sees every answer and keeps those it waits for, so no rebalance can strand a
 * waiting request.
 */
final class OutputTopicReader implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OutputTopicReader.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration METADATA_DEADLINE = Duration.ofSeconds(30);

  private final KafkaConsumer<String, byte[]> consumer;
  private final Consumer<ConsumerRecord<String, byte[]>> sink;
  private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
  private final Set<String> followed = ConcurrentHashMap.newKeySet();
  private final Thread thread;
  private volatile boolean running = true;

  OutputTopicReader(KafkaSettings settings, String clientId, Consumer<ConsumerRecord<String, byte[]>> sink) {
    Map<String, Object> props = new HashMap<>(settings.consumerProperties("unused"));
    props.remove("group.id"); // assigned partitions, no group
    props.put("client.id", clientId);
    props.put("fetch.max.wait.ms", 50); // a waiting caller should not wait for a fuller fetch
    this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    this.sink = sink;
    this.thread = Thread.ofPlatform().name(clientId).daemon().start(this::run);
  }

  /** Starts reading {@code topic} at its current end; completes once its positions are fixed. */
  CompletableFuture<Void> follow(String topic) {
    return submit(() -> {
      if (followed.contains(topic)) {
        return;
      }
      List<TopicPartition> added = partitionsOf(topic);
      Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
      assignment.addAll(added);
      consumer.assign(assignment);
      consumer.seekToEnd(added);
      // Resolve positions now, so that an answer produced after follow() returns is never skipped.
      added.forEach(consumer::position);
      followed.add(topic);
    });
  }

  CompletableFuture<Void> unfollow(String topic) {
    return submit(() -> {
      Set<TopicPartition> assignment = new HashSet<>(consumer.assignment());
      assignment.removeIf(tp -> tp.topic().equals(topic));
      consumer.assign(assignment);
      followed.remove(topic);
    });
  }

  boolean follows(String topic) {
    return followed.contains(topic);
  }

  private CompletableFuture<Void> submit(Runnable command) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("reader is closed"));
      return done;
    }
    commands.add(() -> {
      try {
        try {
          command.run();
        } catch (WakeupException e) {
          // A wakeup meant for poll() was still pending when the command made a blocking call;
          // it is consumed now, and the commands are idempotent.
          command.run();
        }
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    // No wakeup(): it would hit the command's own blocking calls; the loop polls in short steps.
    return done;
  }

  private List<TopicPartition> partitionsOf(String topic) {
    long deadline = System.nanoTime() + METADATA_DEADLINE.toNanos();
    while (true) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_DEADLINE);
      if (infos != null && !infos.isEmpty()) {
        List<TopicPartition> out = new ArrayList<>();
        infos.forEach(i -> out.add(new TopicPartition(topic, i.partition())));
        return out;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " does not exist");
      }
    }
  }

  private void run() {
    try {
      while (running) {
        try {
          Runnable command = consumer.assignment().isEmpty() ? commands.poll(POLL.toMillis(), TimeUnit.MILLISECONDS) : commands.poll();
          while (command != null) {
            command.run();
            command = commands.poll();
          }
          if (!consumer.assignment().isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
              deliver(record);
            }
          }
        } catch (WakeupException e) {
          // close() woke the loop up; it ends now
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          if (running) {
            log.warn("Reading pipeline outputs failed, going on: {}", e.toString());
          }
        }
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  private void deliver(ConsumerRecord<String, byte[]> record) {
    try {
      sink.accept(record);
    } catch (RuntimeException e) {
      log.warn("Handling a record of {} failed: {}", record.topic(), e.toString());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runnable left;
    while ((left = commands.poll()) != null) {
      left.run(); // completes (or fails) futures of callers still waiting; the consumer is closed
    }
  }
}
