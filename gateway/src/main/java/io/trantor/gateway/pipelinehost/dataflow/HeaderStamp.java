package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.kafka.RecordHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * The last node before a sink: marks the record as this pipeline's ({@code pipeline},
 * {@code x-pipeline-version}, replacing earlier values) and drops the explainer headers, as Seldon's
 * engine does, so the next hop's header filter keeps it and an explainer's request type does not leak on.
 */
final class HeaderStamp implements FixedKeyProcessor<String, byte[], byte[]> {
  static final String ALIBI_TYPE = "x-seldon-alibi-type";
  static final String ALIBI_METHOD = "x-seldon-alibi-method";

  private final byte[] pipeline;
  private final byte[] version;
  private final boolean clearVisits;
  private FixedKeyProcessorContext<String, byte[]> context;

  /** @param clearVisits drop the loop counters ({@link RevisitGuard}): the request left the pipeline */
  HeaderStamp(String pipeline, long version, boolean clearVisits) {
    this.pipeline = pipeline.getBytes(StandardCharsets.UTF_8);
    this.version = Long.toString(version).getBytes(StandardCharsets.UTF_8);
    this.clearVisits = clearVisits;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    // A copy: a source record's headers object is shared by every branch that reads the same topic.
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders(record.headers().toArray());
    headers.remove(RecordHeaders.PIPELINE).remove(RecordHeaders.PIPELINE_VERSION).remove(ALIBI_TYPE).remove(ALIBI_METHOD);
    if (clearVisits) {
      for (var header : record.headers()) {
        if (header.key().startsWith(RevisitGuard.VISITS_PREFIX)) {
          headers.remove(header.key());
        }
      }
    }
    headers.add(RecordHeaders.PIPELINE, pipeline).add(RecordHeaders.PIPELINE_VERSION, version);
    context.forward(record.withHeaders(headers));
  }
}
