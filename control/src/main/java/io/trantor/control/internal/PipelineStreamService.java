package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.trantor.activities.PipelineGatewayState;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.control.live.ChangeFeed;
import io.trantor.control.live.PipelineFeed;
import io.trantor.control.live.PipelineTable;
import io.trantor.protocol.control.PipelineAssignment;
import io.trantor.protocol.control.PipelineBatch;
import io.trantor.protocol.control.PipelineServiceGrpc;
import io.trantor.protocol.control.PipelineStateAck;
import io.trantor.protocol.control.PipelineStateReport;
import io.trantor.protocol.control.WatchPipelinesRequest;
import io.trantor.protocol.control.watch.StreamPosition;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PipelineService}: streams the {@link PipelineTable}'s {@link ChangeFeed} to gateways (every
 * pipeline with its plan first, or what a resuming gateway missed, then each change) and takes their
 * reports. When a gateway's stream ends, its reports are forgotten, so a pipeline that only it ran is
 * no longer ready.
 */
public final class PipelineStreamService extends PipelineServiceGrpc.PipelineServiceImplBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineStreamService.class);

  private final PipelineTable table;
  private final ChangeFeed<PipelineAssignment> feed;
  private final FeedStreams<PipelineAssignment, PipelineBatch> streams;

  public PipelineStreamService(PipelineTable table) {
    this(table, TopicNames::of, LiveStateGate.open());
  }

  /**
   * @param topicNames a namespace's topic names (prefix from the Kafka settings), for the plans sent
   * @param gate no snapshot goes out before it opens (the table is rebuilt after a restart)
   */
  public PipelineStreamService(PipelineTable table, Function<String, TopicNames> topicNames, LiveStateGate gate) {
    this.table = requireNonNull(table, "table");
    this.feed = new PipelineFeed(table, topicNames).feed();
    this.streams = new FeedStreams<>(gate, PipelineAssignment::getNamespace, batch -> PipelineBatch.newBuilder()
        .setFull(batch.full()).addAllAssignments(batch.updates()).setEpoch(batch.epoch()).setVersion(batch.version()).build());
  }

  @Override
  public void watchPipelines(WatchPipelinesRequest request, StreamObserver<PipelineBatch> observer) {
    String namespace = request.getNamespace();
    String gateway = request.getGateway();
    streams.watch(feed, new StreamPosition(request.getEpoch(), request.getAfterVersion()), namespace,
        (ServerCallStreamObserver<PipelineBatch>) observer, () -> {
          if (!gateway.isBlank()) {
            table.forgetGateway(gateway);
          }
        });
    log.info("Gateway {} watches pipelines (namespace '{}')", gateway, namespace);
  }

  @Override
  public void reportPipelineState(PipelineStateReport report, StreamObserver<PipelineStateAck> observer) {
    if (report.getGateway().isBlank() || report.getName().isBlank()) {
      observer.onError(Status.INVALID_ARGUMENT.withDescription("a report needs gateway and name").asRuntimeException());
      return;
    }
    table.report(new PipelineGatewayState(report.getGateway(),
        report.getNamespace().isBlank() ? "default" : report.getNamespace(), report.getName(), report.getVersion(),
        report.getUid(), report.getState(), report.getReason()));
    log.debug("Gateway {}: pipeline {} v{} {}", report.getGateway(), report.getName(), report.getVersion(), report.getState());
    observer.onNext(PipelineStateAck.getDefaultInstance());
    observer.onCompleted();
  }

  @Override
  public void close() {
    streams.close();
  }
}
