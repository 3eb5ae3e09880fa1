package io.trantor.gateway.pipelinehost;

import static java.util.Objects.requireNonNull;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.RecordHeaders;
import io.trantor.kafka.RecordKey;
import io.trantor.kafka.TopicAdmin;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.PayloadTooLargeException;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Synchronous inference on a pipeline over Kafka (Seldon's pipeline gateway, reference §4.3): the
 * request becomes a record on {@code <prefix>.<ns>.pipeline.<p>.inputs} with key
 * {@code <partition>.<p>.<requestId>}, and the answer is the record with the same key on the
 * pipeline's outputs topic. Unlike Seldon it gives up after a timeout, and it forgets a request
 * whose caller went away (cancel the returned future).
 */
public final class PipelineGateway implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineGateway.class);

  private final KafkaSettings settings;
  private final Duration timeout;
  private final KafkaProducer<String, byte[]> producer;
  private final OutputTopicReader reader;
  private final ScheduledExecutorService timers;
  /** Registered pipelines: name to namespace (route names carry no namespace). */
  private final Map<String, String> registered = new ConcurrentHashMap<>();
  /** Registered pipelines: name to the models of their steps (readiness needs every one). */
  private final Map<String, List<String>> stepModels = new ConcurrentHashMap<>();
  private final Map<String, Integer> partitionsByTopic = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<ModelReply>> pending = new ConcurrentHashMap<>();

  /**
   * @param gatewayId names this gateway's Kafka clients (one per gateway replica)
   * @param timeout   how long a caller waits for the pipeline's answer before 504
   */
  public PipelineGateway(KafkaSettings settings, String gatewayId, Duration timeout) {
    this.settings = requireNonNull(settings, "settings");
    requireNonNull(gatewayId, "gatewayId");
    this.timeout = requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout: must be > 0, got " + timeout);
    }
    Map<String, Object> producerProps = new HashMap<>(settings.producerProperties());
    producerProps.put("client.id", gatewayId + "-pipeline-gateway");
    this.producer = new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer());
    this.timers = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().name(gatewayId + "-pipeline-timeouts").daemon().factory());
    this.reader = new OutputTopicReader(settings, gatewayId + "-pipeline-outputs", this::onOutput);
  }

  /**
   * Makes {@code pipeline} answerable: ensures its two topics exist and starts reading its outputs.
   * Idempotent; returns once an answer produced from now on will be seen.
   */
  public void register(String namespace, String pipeline) {
    register(namespace, pipeline, List.of());
  }

  /**
   * As {@link #register(String, String)}, naming the models of the pipeline's steps: the
   * pipeline is ready only while each of them can be reached (Seldon answers 424 otherwise).
   */
  public void register(String namespace, String pipeline, Collection<String> steps) {
    requireNonNull(pipeline, "pipeline");
    requireNonNull(steps, "steps");
    String ns = settings.namespace(namespace);
    try (TopicAdmin admin = new TopicAdmin(settings)) {
      admin.ensureTopics(List.of(settings.pipelineInputs(ns, pipeline), settings.pipelineOutputs(ns, pipeline)));
    }
    await(reader.follow(settings.pipelineOutputs(ns, pipeline)), "start reading " + settings.pipelineOutputs(ns, pipeline));
    stepModels.put(pipeline, List.copyOf(steps));
    registered.put(pipeline, ns);
    log.info("Pipeline {} in namespace {} registered", pipeline, ns);
  }

  /** Stops answering {@code pipeline}; requests still waiting for it fail with 404. */
  public void unregister(String namespace, String pipeline) {
    String ns = settings.namespace(namespace);
    if (!registered.remove(pipeline, ns)) {
      return;
    }
    await(reader.unfollow(settings.pipelineOutputs(ns, pipeline)), "stop reading " + settings.pipelineOutputs(ns, pipeline));
    pending.forEach((key, waiting) -> {
      if (RecordKey.tryParse(key).map(k -> k.resource().equals(pipeline)).orElse(false)) {
        waiting.completeExceptionally(new ModelNotFoundException("pipeline " + pipeline + " was removed"));
      }
    });
    log.info("Pipeline {} in namespace {} unregistered", pipeline, ns);
  }

  public boolean isRegistered(String namespace, String pipeline) {
    return settings.namespace(namespace).equals(registered.get(pipeline));
  }

  /** The namespace {@code pipeline} was registered under, if it was. */
  public Optional<String> namespaceOf(String pipeline) {
    return Optional.ofNullable(registered.get(pipeline));
  }

  /** The models of {@code pipeline}'s steps, as registered (empty when not given). */
  public List<String> stepModels(String pipeline) {
    return stepModels.getOrDefault(pipeline, List.of());
  }

  /** Requests waiting for their answer now. */
  public int pendingCount() {
    return pending.size();
  }

  /**
   * Sends {@code request} through the pipeline. Fails with {@link ModelNotFoundException} (404)
   * when the pipeline is not registered, {@link InvalidInputException} {@code "<step>: <reason>"}
   * (400) when a step failed, {@link PipelineTimeoutException} (504) after the timeout.
   * Cancelling the future forgets the request.
   *
   * @param headers the caller's headers; {@code x-*} ones and the trace context travel with the record, and
   *     {@code x-request-id} becomes the request id (a new one when absent)
   */
  public CompletableFuture<ModelInferResponse> infer(
      String namespace, String pipeline, ModelInferRequest request, Map<String, String> headers) {
    CompletableFuture<ModelReply> reply = exchange(namespace, pipeline, request, headers);
    CompletableFuture<ModelInferResponse> response = reply.thenApply(ModelReply::response);
    response.whenComplete((r, e) -> {
      if (response.isCancelled()) {
        reply.cancel(false);
      }
    });
    return response;
  }

  /** As {@link #infer}, with the {@code x-*} headers found on the output record. */
  public CompletableFuture<ModelReply> exchange(
      String namespace, String pipeline, ModelInferRequest request, Map<String, String> headers) {
    requireNonNull(pipeline, "pipeline");
    requireNonNull(request, "request");
    String ns = settings.namespace(namespace);
    if (!isRegistered(namespace, pipeline)) {
      return CompletableFuture.failedFuture(new ModelNotFoundException("pipeline " + pipeline + " not found"));
    }
    Map<String, String> xHeaders = xHeaders(headers == null ? Map.of() : headers);
    String requestId = xHeaders.get(RecordHeaders.REQUEST_ID);
    if (requestId == null || requestId.isBlank()) {
      requestId = UUID.randomUUID().toString().replace("-", "");
      xHeaders.put(RecordHeaders.REQUEST_ID, requestId);
    }
    String inputs = settings.pipelineInputs(ns, pipeline);
    int partition = ThreadLocalRandom.current().nextInt(partitions(inputs));
    String key = new RecordKey(partition, pipeline, requestId).toString();

    CompletableFuture<ModelReply> answer = new CompletableFuture<>();
    if (pending.putIfAbsent(key, answer) != null) {
      return CompletableFuture.failedFuture(new InvalidInputException(
          "a request with x-request-id " + requestId + " is already waiting for pipeline " + pipeline));
    }
    ScheduledFuture<?> timer = timers.schedule(() -> answer.completeExceptionally(new PipelineTimeoutException(
        "pipeline " + pipeline + " did not answer within " + timeout.toMillis() + " ms")), timeout.toMillis(), TimeUnit.MILLISECONDS);
    // Any end (answer, error, timeout, cancel by a caller that went away) forgets the request.
    answer.whenComplete((r, e) -> {
      pending.remove(key, answer);
      timer.cancel(false);
    });

    ModelInferRequest named = request.getModelName().isEmpty() ? request.toBuilder().setModelName(pipeline).build() : request;
    ProducerRecord<String, byte[]> record = new ProducerRecord<>(inputs, partition, key, named.toByteArray());
    xHeaders.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
    record.headers().add(RecordHeaders.PIPELINE, pipeline.getBytes(StandardCharsets.UTF_8));
    try {
      producer.send(record, (metadata, error) -> {
        if (error != null) {
          answer.completeExceptionally(writeFailure(inputs, error));
        }
      });
    } catch (RuntimeException e) {
      answer.completeExceptionally(writeFailure(inputs, e));
    }
    return answer;
  }

  /** Too large for Kafka is the caller's problem (413); anything else is Kafka's (503). */
  private RuntimeException writeFailure(String topic, Exception error) {
    if (error instanceof RecordTooLargeException) {
      return new PayloadTooLargeException("the request is larger than the Kafka limit of " + settings.maxMessageBytes() + " bytes");
    }
    return new ModelNotReadyException("cannot write the request to " + topic + ": " + error.getMessage());
  }

  private void onOutput(ConsumerRecord<String, byte[]> record) {
    if (record.key() == null) {
      return;
    }
    CompletableFuture<ModelReply> waiting = pending.get(record.key());
    if (waiting == null) {
      return; // another gateway replica's request, or one whose caller left
    }
    Header error = record.headers().lastHeader(RecordHeaders.PIPELINE_ERRORS);
    if (error != null) {
      String step = new String(error.value(), StandardCharsets.UTF_8);
      String reason = record.value() == null ? "failed" : new String(record.value(), StandardCharsets.UTF_8);
      waiting.completeExceptionally(new InvalidInputException(step + ": " + reason));
      return;
    }
    try {
      ModelInferResponse response = ModelInferResponse.parseFrom(record.value() == null ? new byte[0] : record.value());
      Map<String, String> headers = new HashMap<>();
      for (Header h : record.headers()) {
        String name = h.key().toLowerCase(Locale.ROOT);
        if (name.startsWith("x-") && !name.equals(RecordHeaders.REQUEST_ID) && !name.equals(RecordHeaders.PIPELINE_VERSION)) {
          headers.put(name, new String(h.value(), StandardCharsets.UTF_8));
        }
      }
      waiting.complete(new ModelReply(response, headers));
    } catch (InvalidProtocolBufferException e) {
      waiting.completeExceptionally(new InferenceFailedException(
          "pipeline output on " + record.topic() + " is not an OIP ModelInferResponse", e));
    }
  }

  private int partitions(String topic) {
    return partitionsByTopic.computeIfAbsent(topic, t -> producer.partitionsFor(t).size());
  }

  /** The caller's {@code x-*} headers (Seldon copies exactly these to Kafka) and trace context, lower-cased. */
  private static Map<String, String> xHeaders(Map<String, String> headers) {
    Map<String, String> out = new HashMap<>();
    headers.forEach((name, value) -> {
      String lower = name.toLowerCase(Locale.ROOT);
      if (RecordHeaders.travels(lower) && value != null) {
        out.put(lower, value);
      }
    });
    return out;
  }

  private void await(CompletableFuture<Void> step, String what) {
    try {
      step.get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot " + what + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      reader.close();
    } finally {
      pending.values().forEach(p -> p.completeExceptionally(new ModelNotReadyException("the gateway is shutting down")));
      timers.shutdownNow();
      producer.close(Duration.ofSeconds(5));
    }
  }
}
