package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.trantor.activities.PipelineGatewayState;
import io.trantor.activities.PipelineListener;
import io.trantor.activities.PipelinePlanMessages;
import io.trantor.activities.PipelineTable;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.protocol.control.PipelineAssignment;
import io.trantor.protocol.control.PipelineBatch;
import io.trantor.protocol.control.PipelineServiceGrpc;
import io.trantor.protocol.control.PipelineStateAck;
import io.trantor.protocol.control.PipelineStateReport;
import io.trantor.protocol.control.WatchPipelinesRequest;
import io.trantor.workflows.activity.PipelineVersion;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PipelineService}: streams the {@link PipelineTable} to gateways (every pipeline first, then
 * each change) and takes their reports. When a gateway's stream ends, its reports are forgotten,
 * so a pipeline that only it ran is no longer ready.
 */
public final class PipelineStreamService extends PipelineServiceGrpc.PipelineServiceImplBase implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineStreamService.class);

  private final PipelineTable table;
  private final Function<String, TopicNames> topicNames;
  private final LiveStateGate gate;
  private final Set<Watcher> watchers = ConcurrentHashMap.newKeySet();

  public PipelineStreamService(PipelineTable table) {
    this(table, TopicNames::of, LiveStateGate.open());
  }

  /**
   * @param topicNames a namespace's topic names (prefix from the Kafka settings), for the plans sent
   * @param gate no snapshot goes out before it opens (the table is rebuilt after a restart)
   */
  public PipelineStreamService(PipelineTable table, Function<String, TopicNames> topicNames, LiveStateGate gate) {
    this.table = requireNonNull(table, "table");
    this.topicNames = requireNonNull(topicNames, "topicNames");
    this.gate = requireNonNull(gate, "gate");
  }

  @Override
  public void watchPipelines(WatchPipelinesRequest request, StreamObserver<PipelineBatch> observer) {
    Watcher watcher = new Watcher(request.getNamespace(), request.getGateway(), (ServerCallStreamObserver<PipelineBatch>) observer);
    watcher.call.setOnCancelHandler(watcher::stop);
    watchers.add(watcher);
    // No snapshot before the table is rebuilt after a restart: the gateway keeps what it runs.
    gate.whenOpen(() -> {
      synchronized (watcher) {
        if (!watchers.contains(watcher)) {
          return; // cancelled while the gate was closed
        }
        table.addListener(watcher);
        PipelineBatch.Builder full = PipelineBatch.newBuilder().setFull(true);
        table.pipelines().stream().filter(p -> watcher.wants(p.namespace())).forEach(p -> full.addAssignments(assignment(p)));
        watcher.send(full.build());
      }
    });
    log.info("Gateway {} watches pipelines (namespace '{}')", request.getGateway(), request.getNamespace());
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

  /** The version with the plan gateways run (compiled here, once per send). */
  PipelineAssignment assignment(PipelineVersion version) {
    return PipelinePlanMessages.assignment(version, topicNames.apply(version.namespace()));
  }

  @Override
  public void close() {
    for (Watcher watcher : watchers) {
      watcher.stop();
      synchronized (watcher) {
        try {
          watcher.call.onError(Status.UNAVAILABLE.withDescription("control plane is stopping").asRuntimeException());
        } catch (IllegalStateException e) {
          // already closed or cancelled
        }
      }
    }
  }

  private final class Watcher implements PipelineListener {
    private final String namespace;
    private final String gateway;
    private final ServerCallStreamObserver<PipelineBatch> call;

    Watcher(String namespace, String gateway, ServerCallStreamObserver<PipelineBatch> call) {
      this.namespace = namespace;
      this.gateway = gateway;
      this.call = call;
    }

    boolean wants(String pipelineNamespace) {
      return namespace.isEmpty() || namespace.equals(pipelineNamespace);
    }

    @Override
    public void pipelineChanged(PipelineVersion version) {
      if (wants(version.namespace())) {
        send(PipelineBatch.newBuilder().addAssignments(assignment(version)).build());
      }
    }

    @Override
    public void pipelineRemoved(String pipelineNamespace, String name) {
      if (wants(pipelineNamespace)) {
        send(PipelineBatch.newBuilder()
            .addAssignments(PipelineAssignment.newBuilder().setNamespace(pipelineNamespace).setName(name).setRemoved(true))
            .build());
      }
    }

    synchronized void send(PipelineBatch batch) {
      try {
        call.onNext(batch);
      } catch (RuntimeException e) {
        stop(); // the gateway went away between the change and the send
      }
    }

    void stop() {
      table.removeListener(this);
      if (watchers.remove(this) && !gateway.isBlank()) {
        table.forgetGateway(gateway);
      }
    }
  }
}
