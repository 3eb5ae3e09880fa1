package io.trantor.gateway.controlfeed;

import static java.util.Objects.requireNonNull;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.trantor.gateway.pipelinehost.PipelineHost;
import io.trantor.protocol.control.PipelineAssignment;
import io.trantor.protocol.control.PipelineBatch;
import io.trantor.protocol.control.PipelineServiceGrpc;
import io.trantor.protocol.control.PipelineStateReport;
import io.trantor.protocol.control.WatchPipelinesRequest;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a {@code PipelineService.WatchPipelines} stream to the control plane and tells a
 * {@link PipelineHost} what to run; sends the host's state changes back as reports. After a
 * reconnect it sends its latest reports again, so a restarted control plane learns them.
 */
public final class PipelineWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineWatcher.class);
  static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
  static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
  static final Duration RETRY_FAILED = Duration.ofSeconds(2);

  private final String target;
  private final String gateway;
  private final PipelineHost host;
  private final ManagedChannel channel;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("trantor-pipeline-watch").daemon().factory());
  // Assignments are applied in order, off the gRPC thread: starting a topology can take a while.
  private final ExecutorService applier =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("trantor-pipeline-apply").daemon().factory());
  private final Map<String, PipelineStateReport> lastReports = new ConcurrentHashMap<>();
  private final Map<String, PipelineAssignment> wanted = new ConcurrentHashMap<>();
  private Duration backoff = FIRST_BACKOFF;
  private ClientCallStreamObserver<WatchPipelinesRequest> call;
  private boolean closed;

  private PipelineWatcher(String target, String gateway, PipelineHost host) {
    this.target = target;
    this.gateway = gateway;
    this.host = host;
    this.channel = ManagedChannelBuilder.forTarget(target).usePlaintext().build();
  }

  /** Starts watching; assignments arrive asynchronously. */
  public static PipelineWatcher start(String controlTarget, String gateway, PipelineHost host) {
    PipelineWatcher watcher = new PipelineWatcher(requireNonNull(controlTarget, "controlTarget"),
        requireNonNull(gateway, "gateway"), requireNonNull(host, "host"));
    watcher.subscribe();
    return watcher;
  }

  /** Reports a pipeline version's state to the control plane (best effort; repeated after reconnects). */
  public void report(String namespace, String name, long version, String uid, String state, String reason) {
    PipelineStateReport report = PipelineStateReport.newBuilder()
        .setGateway(gateway).setNamespace(namespace).setName(name).setVersion(version).setUid(uid == null ? "" : uid)
        .setState(state).setReason(reason == null ? "" : reason)
        .build();
    lastReports.put(namespace + "/" + name, report);
    send(report);
  }

  private void send(PipelineStateReport report) {
    try {
      PipelineServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS).reportPipelineState(report);
    } catch (RuntimeException e) {
      log.debug("Pipeline report for {} not delivered ({}); it is sent again on reconnect", report.getName(), e.getMessage());
    }
  }

  private synchronized void subscribe() {
    if (closed) {
      return;
    }
    PipelineServiceGrpc.newStub(channel).watchPipelines(
        WatchPipelinesRequest.newBuilder().setGateway(gateway).build(), new Observer());
  }

  private synchronized void scheduleReconnect(Throwable cause) {
    if (closed) {
      return;
    }
    log.warn("Pipeline stream from {} ended ({}); pipelines keep running, reconnecting in {} ms", target,
        cause == null ? "completed" : cause.getMessage(), backoff.toMillis());
    retries.schedule(this::subscribe, backoff.toMillis(), TimeUnit.MILLISECONDS);
    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
  }

  private void apply(PipelineBatch batch) {
    Set<String> keep = new HashSet<>();
    for (PipelineAssignment assignment : batch.getAssignmentsList()) {
      String key = assignment.getNamespace() + "/" + assignment.getName();
      try {
        if (assignment.getRemoved()) {
          wanted.remove(key);
          host.remove(assignment.getNamespace(), assignment.getName());
          lastReports.remove(key);
        } else {
          keep.add(key);
          wanted.put(key, assignment);
          host.run(assignment);
        }
      } catch (RuntimeException e) {
        failed(assignment, e);
      }
    }
    if (batch.getFull()) {
      wanted.keySet().retainAll(keep);
      host.retainOnly(keep);
      lastReports.keySet().retainAll(keep);
      lastReports.values().forEach(this::send);
    }
  }

  /**
   * Reports the failure and tries the same assignment again later (Kafka may be starting, a topic
   * may not be visible yet), for as long as it is still the one wanted.
   */
  private void failed(PipelineAssignment assignment, RuntimeException e) {
    String key = assignment.getNamespace() + "/" + assignment.getName();
    log.warn("Pipeline {} v{}: {}; retrying in {} s", key, assignment.getVersion(), e.toString(), RETRY_FAILED.toSeconds());
    report(assignment.getNamespace(), assignment.getName(), assignment.getVersion(), assignment.getUid(), "Failed", e.getMessage());
    try {
      retries.schedule(() -> applier.execute(() -> {
        if (assignment.equals(wanted.get(key))) {
          try {
            host.run(assignment);
          } catch (RuntimeException again) {
            failed(assignment, again);
          }
        }
      }), RETRY_FAILED.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException closing) {
      // the watcher is closing
    }
  }

  @Override
  public void close() throws InterruptedException {
    ClientCallStreamObserver<WatchPipelinesRequest> current;
    synchronized (this) {
      closed = true;
      current = call;
    }
    if (current != null) {
      current.cancel("gateway is stopping", null);
    }
    retries.shutdownNow();
    applier.shutdownNow();
    applier.awaitTermination(5, TimeUnit.SECONDS);
    channel.shutdownNow();
    channel.awaitTermination(5, TimeUnit.SECONDS);
  }

  private final class Observer implements ClientResponseObserver<WatchPipelinesRequest, PipelineBatch> {
    private boolean first = true;

    @Override
    public void beforeStart(ClientCallStreamObserver<WatchPipelinesRequest> requestStream) {
      synchronized (PipelineWatcher.this) {
        call = requestStream;
      }
    }

    @Override
    public void onNext(PipelineBatch batch) {
      if (first) {
        first = false;
        synchronized (PipelineWatcher.this) {
          backoff = FIRST_BACKOFF;
        }
        log.info("Pipelines from {}: {}", target, batch.getAssignmentsCount());
      }
      applier.execute(() -> apply(batch));
    }

    @Override
    public void onError(Throwable t) {
      scheduleReconnect(t);
    }

    @Override
    public void onCompleted() {
      scheduleReconnect(null);
    }
  }
}
