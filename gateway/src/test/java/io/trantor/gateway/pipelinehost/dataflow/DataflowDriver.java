package io.trantor.gateway.pipelinehost.dataflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.dsl.Manifests;
import io.trantor.dsl.Pipeline;
import io.trantor.dsl.ReadResult;
import io.trantor.kafka.RecordHeaders;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/**
 * A pipeline's topology in a {@link TopologyTestDriver}, with the gateway's real streams settings and
 * Seldon's record format: tests send requests and model responses by topic and read what the dataflow
 * wrote. Topic names are those of namespace {@code ns}.
 */
final class DataflowDriver implements AutoCloseable {
  static final TopicNames TOPICS = TopicNames.of("ns");

  final PipelinePlan plan;
  private final TopologyTestDriver driver;
  private final Path stateDir;

  private DataflowDriver(PipelinePlan plan) {
    this.plan = plan;
    try {
      this.stateDir = Files.createTempDirectory("dataflow-test");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    DataflowConfig config = new DataflowConfig(Map.of("bootstrap.servers", "unused:9092"), "test-", stateDir,
        64 * 1024 * 1024);
    Properties props = StreamsSettings.of(config, plan);
    this.driver = new TopologyTestDriver(PipelineTopology.build(plan), props, java.time.Instant.EPOCH);
  }

  static DataflowDriver of(PipelinePlan plan) {
    return new DataflowDriver(plan);
  }

  static DataflowDriver ofYaml(String yaml) {
    return of(Plans.plan(pipeline(yaml), 1, "uid-1", TOPICS));
  }

  static DataflowDriver ofSample(String name) {
    return of(Plans.plan(sample(name), 1, "uid-1", TOPICS));
  }

  static Pipeline pipeline(String yaml) {
    return valid(Manifests.read(yaml), "inline pipeline");
  }

  /** A sample pipeline, read in place from {@code shared/seldon-samples/pipelines}. */
  static Pipeline sample(String name) {
    try {
      return valid(Manifests.read(samples().resolve("pipelines").resolve(name)), name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Pipeline valid(ReadResult read, String what) {
    assertThat(read.problems()).as(what).isEmpty();
    return read.ofType(Pipeline.class).get(0);
  }

  private static Path samples() {
    String configured = System.getProperty("trantor.samples", System.getenv("TRANTOR_SAMPLES"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("seldon-samples");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no shared/seldon-samples above " + Path.of("").toAbsolutePath());
  }

  // ---- sending

  /** A request to the pipeline, as the pipeline gateway produces it. */
  void request(String requestId, ModelInferRequest request) {
    send(TOPICS.pipelineInputs(plan.name()), key(requestId), plan.name(), request.toByteArray());
  }

  /** A model's answer to a request of this pipeline, as the model gateway produces it. */
  void respond(String model, String requestId, ModelInferResponse response) {
    send(TOPICS.modelOutputs(model), key(requestId), plan.name(), response.toByteArray());
  }

  /** A model's answer to a request the dataflow sent, with that request's key and headers, as the model gateway does. */
  void answer(String model, TestRecord<String, byte[]> request, ModelInferResponse response) {
    driver.createInputTopic(TOPICS.modelOutputs(model), new StringSerializer(), new ByteArraySerializer())
        .pipeInput(new TestRecord<>(request.key(), response.toByteArray(), request.headers(), (Long) null));
  }

  void send(String topic, String key, String pipelineHeader, byte[] value, Header... extra) {
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
    if (pipelineHeader != null) {
      headers.add(RecordHeaders.PIPELINE, pipelineHeader.getBytes(StandardCharsets.UTF_8));
    }
    headers.add(RecordHeaders.REQUEST_ID, key.substring(key.lastIndexOf('.') + 1).getBytes(StandardCharsets.UTF_8));
    for (Header header : extra) {
      headers.add(header);
    }
    driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer())
        .pipeInput(new TestRecord<>(key, value, headers, (Long) null));
  }

  String key(String requestId) {
    return "0." + plan.name() + "." + requestId;
  }

  void advance(Duration duration) {
    driver.advanceWallClockTime(duration);
  }

  // ---- reading

  List<TestRecord<String, byte[]>> records(String topic) {
    return driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
  }

  /** The requests the dataflow sent to a model since the last read. */
  List<ModelInferRequest> requestsTo(String model) {
    return records(TOPICS.modelInputs(model)).stream().map(r -> parseRequest(r.value())).toList();
  }

  /** The single request sent to a model since the last read. */
  ModelInferRequest requestTo(String model) {
    List<ModelInferRequest> requests = requestsTo(model);
    assertThat(requests).as("requests to " + model).hasSize(1);
    return requests.get(0);
  }

  List<ModelInferResponse> answers() {
    return records(TOPICS.pipelineOutputs(plan.name())).stream().map(r -> parseResponse(r.value())).toList();
  }

  static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  static ModelInferRequest parseRequest(byte[] value) {
    try {
      return ModelInferRequest.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a ModelInferRequest", e);
    }
  }

  static ModelInferResponse parseResponse(byte[] value) {
    try {
      return ModelInferResponse.parseFrom(value);
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("not a ModelInferResponse", e);
    }
  }

  @Override
  public void close() throws IOException {
    driver.close();
    try (var files = Files.walk(stateDir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
