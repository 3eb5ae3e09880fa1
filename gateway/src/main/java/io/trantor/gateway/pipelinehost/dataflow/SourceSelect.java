package io.trantor.gateway.pipelinehost.dataflow;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trantor.gateway.pipelinehost.plan.FlowSource;
import io.trantor.gateway.pipelinehost.plan.Payload;
import io.trantor.kafka.RecordHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first node after a topic for one {@link FlowSource}: keeps the source pipeline's records (by the
 * {@code pipeline} header), keeps the selected tensors, renames them, drops the record when no tensor is
 * left (that silence is what makes conditional branches work), and converts it to what the flow writes.
 * Undecodable values are logged and skipped, as Seldon does, so one bad record cannot stop a pipeline.
 */
final class SourceSelect implements FixedKeyProcessor<String, byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(SourceSelect.class);

  private final FlowSource source;
  private final Payload target;
  private final byte[] pipeline;
  private FixedKeyProcessorContext<String, byte[]> context;

  SourceSelect(FlowSource source, Payload target) {
    this.source = source;
    this.target = target;
    this.pipeline = source.pipeline().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void init(FixedKeyProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(RecordHeaders.PIPELINE);
    if (header == null || !java.util.Arrays.equals(header.value(), pipeline) || record.value() == null) {
      return;
    }
    boolean untouched = source.tensors().isEmpty() && source.renames().isEmpty() && source.payload() == target;
    if (untouched || source.payload() == Payload.ERROR_TEXT || target == Payload.ERROR_TEXT) {
      // Nothing to select or convert: forward the bytes without decoding (large tensors cost to parse).
      context.forward(record);
      return;
    }
    OipMessage message;
    try {
      message = OipMessage.decode(record.value(), source.payload());
    } catch (InvalidProtocolBufferException e) {
      LOG.warn("skipping record {} of {}: not a {} ({})", record.key(), source.topic(), source.payload(),
          e.getMessage());
      return;
    }
    OipMessage selected = message.select(source.tensors()).rename(source.renames());
    if (!selected.isEmpty()) {
      context.forward(record.withValue(selected.encode(target)));
    }
  }
}
