package io.trantor.gateway.pipelinehost;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.util.Exceptions;
import io.grpc.StatusRuntimeException;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.RecordHeaders;
import io.trantor.kafka.TopicAdmin;
import io.trantor.protocol.OipException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves models to Kafka (Seldon's model gateway, reference §4.4): reads
 * {@code <prefix>.<ns>.model.<m>.inputs} of subscribed models, calls the model through the
 * gateway's routing and writes the answer to {@code model.<m>.outputs} (same key, same partition
 * number, the input's headers plus the model's {@code x-*} response headers) or the error text to
 * the namespace's errors topic with header {@code seldon-pipeline-errors: <m>}.
 *
 * <p>Offsets are committed only once the answers are written (at least once), and an input whose
 * key was already answered is skipped, so a restart answers every accepted request exactly once.
 * All gateway replicas share one consumer group, so each input is served by one of them.
 */
public final class ModelGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ModelGateway.class);
  /** Seldon's MODELGATEWAY_WORKER_TIMEOUT_MS. */
  static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(100);
  /** Seldon runs 8 workers per consumer; a batch of this many runs concurrently. */
  private static final int BATCH = 16;

  private final KafkaSettings settings;
  private final ModelCaller models;
  private final KafkaConsumer<String, byte[]> consumer;
  private final KafkaProducer<String, byte[]> producer;
  private final AnsweredKeys answered;
  /** Subscribed input topic to its model and namespace. */
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private final LinkedBlockingQueue<Runnable> commands = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;
  private TopicAdmin admin; // guarded by this

  private record Subscription(String model, String namespace) {}

  /**
   * @param gatewayId names this replica's Kafka clients
   * @param models    how to reach a model (the gateway's routing)
   */
  public ModelGateway(KafkaSettings settings, String gatewayId, ModelCaller models) {
    this.settings = requireNonNull(settings, "settings");
    requireNonNull(gatewayId, "gatewayId");
    this.models = requireNonNull(models, "models");
    Map<String, Object> consumerProps = new HashMap<>(settings.consumerProperties("trantor-model-gateway"));
    consumerProps.put("client.id", gatewayId + "-model-gateway");
    // Requests written before a model was subscribed are still requests: read from the start.
    consumerProps.put("auto.offset.reset", "earliest");
    consumerProps.put("max.poll.records", BATCH);
    consumerProps.put("max.poll.interval.ms", (int) REQUEST_TIMEOUT.multipliedBy(2).toMillis());
    this.consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(), new ByteArrayDeserializer());
    Map<String, Object> producerProps = new HashMap<>(settings.producerProperties());
    producerProps.put("client.id", gatewayId + "-model-gateway");
    this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    this.answered = new AnsweredKeys(settings, gatewayId + "-model-gateway-answers");
    this.thread = Thread.ofPlatform().name(gatewayId + "-model-gateway").daemon().start(this::run);
  }

  /**
   * Starts serving {@code model}'s input topic; creates its two topics and the namespace's errors
   * topic when missing. Idempotent. Returns once the topics exist; the consumer picks the topic up
   * after the batch in hand (it does not wait for a slow model).
   */
  public void subscribe(String namespace, String model) {
    requireNonNull(model, "model");
    String ns = settings.namespace(namespace);
    if (subscriptions.containsKey(settings.modelInputs(ns, model))) {
      return; // every pipeline version subscribes its models again; their topics exist
    }
    admin().ensureTopics(List.of(settings.modelInputs(ns, model), settings.modelOutputs(ns, model), settings.errorsTopic(ns)));
    if (subscriptions.putIfAbsent(settings.modelInputs(ns, model), new Subscription(model, ns)) == null) {
      submit(this::resubscribe).whenComplete((ok, e) -> logFailure(e, "subscribe to " + settings.modelInputs(ns, model)));
      log.info("Model gateway serves {} in namespace {}", model, ns);
    }
  }

  /** One admin client for the gateway's life, created on the first subscription. */
  private synchronized TopicAdmin admin() {
    if (admin == null) {
      admin = new TopicAdmin(settings);
    }
    return admin;
  }

  /** Stops serving {@code model}; its topics stay. */
  public void unsubscribe(String namespace, String model) {
    String ns = settings.namespace(namespace);
    if (subscriptions.remove(settings.modelInputs(ns, model)) != null) {
      submit(this::resubscribe).whenComplete((ok, e) -> logFailure(e, "unsubscribe from " + settings.modelInputs(ns, model)));
      log.info("Model gateway no longer serves {} in namespace {}", model, ns);
    }
  }

  public boolean isSubscribed(String namespace, String model) {
    return subscriptions.containsKey(settings.modelInputs(namespace, model));
  }

  private void resubscribe() {
    if (subscriptions.isEmpty()) {
      consumer.unsubscribe();
    } else {
      consumer.subscribe(Set.copyOf(subscriptions.keySet()), new LearnAnswers());
    }
  }

  /** On every assignment, learn which pending inputs were already answered before. */
  private final class LearnAnswers implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      Map<TopicPartition, Long> ours = new HashMap<>();
      for (TopicPartition tp : partitions) {
        if (subscriptions.containsKey(tp.topic())) {
          OffsetAndMetadata offset = committed.get(tp);
          ours.put(tp, offset == null ? null : offset.offset());
        }
      }
      answered.learn(ours, tp -> {
        Subscription s = subscriptions.get(tp.topic());
        return s == null ? List.of() : List.of(settings.modelOutputs(s.namespace(), s.model()), settings.errorsTopic(s.namespace()));
      }, tp -> {
        Subscription s = subscriptions.get(tp.topic());
        return s == null ? "" : s.model();
      });
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // Each batch is committed before the next poll, so nothing is left to commit here.
    }
  }

  private void run() {
    try {
      while (running) {
        try {
          Runnable command = consumer.subscription().isEmpty() ? commands.poll(POLL.toMillis(), TimeUnit.MILLISECONDS) : commands.poll();
          while (command != null) {
            command.run();
            command = commands.poll();
          }
          if (!consumer.subscription().isEmpty()) {
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
            if (!records.isEmpty()) {
              serve(records);
            }
          }
        } catch (WakeupException e) {
          // close() woke the loop up; it ends now
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (RuntimeException e) {
          if (running) {
            log.warn("Model gateway loop failed, going on: {}", e.toString());
          }
        }
      }
    } finally {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }
  }

  /** Answers a batch concurrently, then commits it: nothing is committed before its answer is written. */
  private void serve(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    List<CompletableFuture<Void>> written = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    Map<TopicPartition, Long> firsts = new HashMap<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      firsts.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.offset());
      offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
      Subscription s = subscriptions.get(record.topic());
      if (s == null || answered.contains(s.model(), record.key())) {
        continue; // not ours (any more), or answered before a restart
      }
      written.add(serve(s, record));
    }
    try {
      CompletableFuture.allOf(written.toArray(CompletableFuture[]::new))
          .get(REQUEST_TIMEOUT.plusSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // Not committing means the batch comes again; answered keys are skipped then.
      log.warn("Writing answers failed, the batch will be read again: {}", e.toString());
      firsts.forEach(consumer::seek);
      return;
    }
    consumer.commitSync(offsets);
  }

  private CompletableFuture<Void> serve(Subscription s, ConsumerRecord<String, byte[]> record) {
    ModelPayload payload;
    try {
      payload = ModelPayload.decode(s.model(), record.value(), record.headers());
    } catch (RuntimeException e) {
      return writeError(s, record, reason(e));
    }
    return models.infer(s.model(), payload.request(), xHeaders(record.headers()))
        .orTimeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .handle((reply, error) -> error == null
            ? write(s, record, settings.modelOutputs(s.namespace(), s.model()), payload.encode(reply.response()), reply.headers(), null)
            : writeError(s, record, reason(error)))
        .thenCompose(f -> f);
  }

  private CompletableFuture<Void> writeError(Subscription s, ConsumerRecord<String, byte[]> record, String reason) {
    return write(s, record, settings.errorsTopic(s.namespace()), reason.getBytes(StandardCharsets.UTF_8), Map.of(), s.model());
  }

  /** Writes one answer to the input's partition number (clamped), then remembers its key. */
  private CompletableFuture<Void> write(Subscription s, ConsumerRecord<String, byte[]> input, String topic, byte[] value,
      Map<String, String> replyHeaders, String failedModel) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      int partitions = producer.partitionsFor(topic).size();
      ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, Math.min(input.partition(), partitions - 1), input.key(), value);
      for (Header h : input.headers()) {
        out.headers().add(h.key(), h.value());
      }
      replyHeaders.forEach((name, v) -> out.headers().add(name, v.getBytes(StandardCharsets.UTF_8)));
      if (failedModel != null) {
        out.headers().add(RecordHeaders.PIPELINE_ERRORS, failedModel.getBytes(StandardCharsets.UTF_8));
      }
      producer.send(out, (metadata, error) -> {
        if (error != null) {
          done.completeExceptionally(error);
        } else {
          answered.add(s.model(), input.key());
          done.complete(null);
        }
      });
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
    if (failedModel == null) {
      // An answer too large for Kafka still owes the caller an answer: the error instead.
      return done.exceptionallyCompose(error -> writeError(s, input, "cannot write the answer: " + reason(error)));
    }
    return done;
  }

  /** The error text for the errors topic: what the model or the gateway said, never a stack trace. */
  private static String reason(Throwable failure) {
    Throwable error = Exceptions.peel(failure);
    return switch (error) {
      case StatusRuntimeException status -> status.getStatus().getDescription() != null
          ? status.getStatus().getDescription() : status.getStatus().getCode().name();
      case OipException oip -> oip.getMessage();
      case TimeoutException timeout -> "the model did not answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
      default -> error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
    };
  }

  private static Map<String, String> xHeaders(Headers headers) {
    Map<String, String> out = new HashMap<>();
    for (Header h : headers) {
      String name = h.key().toLowerCase(Locale.ROOT);
      // The trace context too: the model's span then belongs to the pipeline request's trace.
      if (RecordHeaders.travels(name) && h.value() != null) {
        out.put(name, new String(h.value(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private CompletableFuture<Void> submit(Runnable command) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("the model gateway is closed"));
      return done;
    }
    commands.add(() -> {
      try {
        command.run();
        done.complete(null);
      } catch (RuntimeException e) {
        done.completeExceptionally(e);
      }
    });
    // No wakeup(): it would hit the command's own blocking calls; the loop polls in short steps.
    return done;
  }

  private static void logFailure(Throwable error, String what) {
    if (error != null) {
      log.warn("Model gateway could not {}: {}", what, error.toString());
    }
  }

  /** Finishes the batch in hand (its answers are written and committed), then stops. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(REQUEST_TIMEOUT.plusSeconds(40));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Runnable left;
    while ((left = commands.poll()) != null) {
      left.run();
    }
    producer.close(Duration.ofSeconds(5));
    synchronized (this) {
      if (admin != null) {
        admin.close();
      }
    }
  }
}
