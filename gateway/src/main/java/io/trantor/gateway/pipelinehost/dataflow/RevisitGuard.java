package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.kafka.RecordHeaders;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Bounds the loops of a cyclic pipeline ({@code allowCycles}): counts a request's visits to one step in a
 * record header, which travels with the request through the model gateway (it copies every input header),
 * so the count needs no store and survives restarts. Two instances sit side by side on a step's stream: one
 * lets visits within {@code maxStepRevisits} revisits through with the count raised, the other turns the
 * visit beyond it into Seldon's error record for the errors topic, which ends the request with an error.
 */
final class RevisitGuard implements FixedKeyProcessor<String, byte[], byte[]> {
  /** Header prefix; one header per step. Not {@code x-}: those become model call metadata. */
  static final String VISITS_PREFIX = "trantor-step-visits.";

  private final String header;
  private final String topic;
  private final String pipeline;
  private final int maxStepRevisits;
  private final boolean exceeded;
  private FixedKeyProcessorContext<String, byte[]> context;

  /**
   * @param exceeded false: forward visits within the limit; true: forward only the visit beyond it, as an
   *                 error record
   */
  RevisitGuard(String step, String topic, String pipeline, int maxStepRevisits, boolean exceeded) {
    this.header = VISITS_PREFIX + step;
    this.topic = topic;
    this.pipeline = pipeline;
    this.maxStepRevisits = maxStepRevisits;
    this.exceeded = exceeded;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, byte[]> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> record) {
    int visits = visits(record) + 1;
    boolean over = visits - 1 > maxStepRevisits;
    if (over != exceeded) {
      return;
    }
    var headers = new org.apache.kafka.common.header.internals.RecordHeaders(record.headers().toArray());
    if (over) {
      headers.remove(RecordHeaders.PIPELINE_ERRORS).add(RecordHeaders.PIPELINE_ERRORS,
          pipeline.getBytes(StandardCharsets.UTF_8));
      String error = "ERROR: Max step revisits (" + maxStepRevisits + ") exceeded for request " + record.key()
          + " in topic " + topic;
      context.forward(record.withHeaders(headers).withValue(error.getBytes(StandardCharsets.UTF_8)));
    } else {
      headers.remove(header).add(header, Integer.toString(visits).getBytes(StandardCharsets.UTF_8));
      context.forward(record.withHeaders(headers));
    }
  }

  private int visits(FixedKeyRecord<String, byte[]> record) {
    Header last = record.headers().lastHeader(header);
    if (last == null || last.value() == null) {
      return 0;
    }
    try {
      return Integer.parseInt(new String(last.value(), StandardCharsets.UTF_8));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
