package io.trantor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.RecordHeaders;
import io.trantor.kafka.RecordKey;
import io.trantor.protocol.control.PipelineStepStatus;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ProtoCodec;
import io.trantor.protocol.json.OipJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code trantor pipeline inspect NAME[.step][.inputs|outputs][.tensor]}: the last records of the
 * pipeline's topics, decoded (OIP JSON, not bytes), as Seldon's {@code pipeline inspect} shows them.
 * Only records of this pipeline (header {@code pipeline}) are shown; {@code --request-id} narrows
 * them to one request.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Show the latest records of a pipeline's topics: every step's inputs and outputs, decoded.",
      "TARGET: NAME (every topic), NAME.inputs|outputs, NAME.STEP, NAME.STEP.inputs|outputs[.TENSOR]."
    })
public final class PipelineInspectCommand implements Callable<Integer> {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin endpoint;
  @Mixin NamespaceMixin ns;
  @Mixin KafkaMixin kafka;

  @Parameters(paramLabel = "TARGET", description = "Pipeline, optionally .STEP, .inputs|outputs and .TENSOR.")
  String target;

  @Option(names = "--request-id", paramLabel = "ID", description = "Only records of this request (x-request-id or record key).")
  String requestId;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "1", description = "How many of the latest records to read per topic. Default: ${DEFAULT-VALUE}.")
  int offset;

  @Option(names = {"-d", "--timeout-secs"}, paramLabel = "SECONDS", defaultValue = "5", description = "How long to read. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Option(names = {"-o", "--output", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
      description = "text (Seldon's raw) or json. Default: ${DEFAULT-VALUE}.")
  String format;

  @Option(names = {"-v", "--verbose"}, description = "Also show record headers.")
  boolean verbose;

  /** A topic to read and what to keep of it. */
  record Selection(String topic, String tensor) {}

  /** One record shown. */
  record Shown(String topic, int partition, long offset, String key, Map<String, String> headers, JsonNode value) {}

  @Override
  public Integer call() {
    if (offset < 1) {
      throw new UserInputException("--offset: must be >= 1, got " + offset);
    }
    if (format.equals("raw")) {
      format = "text";   // Seldon's --format raw: one line per record
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw new UserInputException("--output: must be text (raw) or json, got '" + format + "'");
    }
    String[] parts = target.split("\\.", -1);
    String pipeline = parts[0];
    ResourceStatus status;
    KafkaSettings settings;
    try (ControlClient client = endpoint.connect()) {
      status = client.status(ControlClient.ref(PipelineCommand.KIND, ns.namespace, pipeline));
      // Without --kafka or TRANTOR_KAFKA, read where the control plane's pipelines run.
      String named = kafka.clientCluster();
      settings = named != null ? kafka.settings(named) : kafka.settingsLearnedFrom(client.clusterInfo());
    }
    List<Selection> selections = selections(parts, status, settings.topics(status.getRef().getNamespace()));
    List<Shown> shown = read(settings, pipeline, selections);
    print(spec.commandLine().getOut(), shown);
    return ExitCode.OK.code();
  }

  static List<Selection> selections(String[] parts, ResourceStatus status, TopicNames topics) {
    String pipeline = parts[0];
    List<String> steps = status.getPipeline().getStepsList().stream().map(PipelineStepStatus::getName).toList();
    List<Selection> selections = new ArrayList<>();
    if (parts.length == 1) {
      for (String step : steps) {
        selections.add(new Selection(topics.modelInputs(step), null));
        selections.add(new Selection(topics.modelOutputs(step), null));
      }
      selections.add(new Selection(topics.pipelineInputs(pipeline), null));
      selections.add(new Selection(topics.pipelineOutputs(pipeline), null));
      selections.add(new Selection(topics.errors(), null));
      return selections;
    }
    if (parts.length == 2 && (parts[1].equals("inputs") || parts[1].equals("outputs"))) {
      selections.add(new Selection(parts[1].equals("inputs") ? topics.pipelineInputs(pipeline) : topics.pipelineOutputs(pipeline), null));
      return selections;
    }
    String step = parts[1];
    if (!steps.contains(step)) {
      throw new CommandFailure(ExitCode.NOT_FOUND, "pipeline " + pipeline + " has no step " + step + " (steps: " + String.join(", ", steps) + ")");
    }
    if (parts.length == 2) {
      selections.add(new Selection(topics.modelInputs(step), null));
      selections.add(new Selection(topics.modelOutputs(step), null));
      return selections;
    }
    if (parts.length > 4 || !(parts[2].equals("inputs") || parts[2].equals("outputs"))) {
      throw new UserInputException("TARGET: expected NAME[.STEP][.inputs|outputs[.TENSOR]], got '" + String.join(".", parts) + "'");
    }
    selections.add(new Selection(parts[2].equals("inputs") ? topics.modelInputs(step) : topics.modelOutputs(step),
        parts.length == 4 ? parts[3] : null));
    return selections;
  }

  private List<Shown> read(KafkaSettings settings, String pipeline, List<Selection> selections) {
    Map<String, Object> props = new HashMap<>(settings.clientProperties());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId("trantor-cli-" + UUID.randomUUID()));
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, settings.maxMessageBytes());
    props.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, settings.maxMessageBytes());
    long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
      // One metadata request for every topic: a topic that does not exist (yet) has nothing to show,
      // and asking for it alone would wait out the whole timeout.
      Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(timeoutSeconds));
      List<TopicPartition> partitions = new ArrayList<>();
      for (Selection selection : selections) {
        for (PartitionInfo info : existing.getOrDefault(selection.topic(), List.of())) {
          partitions.add(new TopicPartition(info.topic(), info.partition()));
        }
      }
      Map<String, List<Shown>> byTopic = new LinkedHashMap<>();
      selections.forEach(s -> byTopic.put(s.topic(), new ArrayList<>()));
      if (partitions.isEmpty()) {
        return List.of();
      }
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
      for (TopicPartition tp : partitions) {
        consumer.seek(tp, Math.max(begins.get(tp), ends.get(tp) - offset));
      }
      Map<String, Selection> selectionOf = new HashMap<>();
      selections.forEach(s -> selectionOf.putIfAbsent(s.topic(), s));
      while (System.nanoTime() < deadline && !reachedEnd(consumer, partitions, ends)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
          if (matches(record, pipeline)) {
            byTopic.get(record.topic()).add(decode(record, selectionOf.get(record.topic())));
          }
        }
      }
      List<Shown> shown = new ArrayList<>();
      for (List<Shown> fromTopic : byTopic.values()) {
        shown.addAll(fromTopic.size() > offset ? fromTopic.subList(fromTopic.size() - offset, fromTopic.size()) : fromTopic);
      }
      return shown;
    }
  }

  private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < ends.get(tp)) {
        return false;
      }
    }
    return true;
  }

  private boolean matches(ConsumerRecord<String, byte[]> record, String pipeline) {
    Header header = record.headers().lastHeader(RecordHeaders.PIPELINE);
    if (header == null || !pipeline.equals(new String(header.value(), StandardCharsets.UTF_8))) {
      return false;
    }
    if (requestId == null) {
      return true;
    }
    if (requestId.equals(record.key())) {
      return true;
    }
    Header id = record.headers().lastHeader(RecordHeaders.REQUEST_ID);
    if (id != null && requestId.equals(new String(id.value(), StandardCharsets.UTF_8))) {
      return true;
    }
    return RecordKey.tryParse(record.key()).map(k -> k.requestId().equals(requestId)).orElse(false);
  }

  private static Shown decode(ConsumerRecord<String, byte[]> record, Selection selection) {
    Map<String, String> headers = new LinkedHashMap<>();
    for (Header h : record.headers()) {
      headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
    }
    return new Shown(record.topic(), record.partition(), record.offset(), record.key(), headers, value(record, selection));
  }

  /** Inputs topics hold ModelInferRequest, outputs topics ModelInferResponse, the errors topic text. */
  static JsonNode value(ConsumerRecord<String, byte[]> record, Selection selection) {
    try {
      if (record.topic().endsWith(".inputs")) {
        // Decoded first, then filtered: with raw_input_contents (Triton's answers passed on) a tensor's
        // data is not in the tensor message, so filtering the message would drop it.
        var decoded = ProtoCodec.fromProto(ModelInferRequest.parseFrom(record.value()));
        if (selection.tensor() != null) {
          decoded = new io.trantor.protocol.InferenceRequest(decoded.modelName(), decoded.modelVersion(), decoded.id(),
              decoded.parameters(), decoded.inputs().stream().filter(t -> t.name().equals(selection.tensor())).toList(),
              decoded.outputs());
        }
        return MAPPER.readTree(OipJson.writeInferenceRequest(decoded));
      }
      if (record.topic().endsWith(".outputs")) {
        ModelInferResponse response = ModelInferResponse.parseFrom(record.value());
        var decoded = ProtoCodec.fromProto(response);
        if (selection.tensor() != null) {
          decoded = new io.trantor.protocol.InferenceResponse(decoded.modelName(), decoded.modelVersion(), decoded.id(),
              decoded.parameters(), decoded.outputs().stream().filter(t -> t.name().equals(selection.tensor())).toList());
        }
        return MAPPER.readTree(OipJson.writeInferenceResponse(decoded, null).bytes());
      }
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      // not protobuf (an external producer's JSON, or text): shown as text below
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return MAPPER.getNodeFactory().textNode(record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8));
  }

  private void print(PrintWriter out, List<Shown> shown) {
    if (format.equals("json")) {
      ArrayNode records = MAPPER.createArrayNode();
      for (Shown s : shown) {
        ObjectNode node = records.addObject();
        node.put("topic", s.topic()).put("partition", s.partition()).put("offset", s.offset()).put("key", s.key());
        node.set("headers", MAPPER.valueToTree(s.headers()));
        node.set("value", s.value());
      }
      out.println(records.toPrettyString());
    } else {
      for (Shown s : shown) {
        out.println(s.topic() + "\t" + s.key() + "\t" + s.value() + (verbose ? "\t" + s.headers() : ""));
      }
    }
    out.flush();
  }
}
