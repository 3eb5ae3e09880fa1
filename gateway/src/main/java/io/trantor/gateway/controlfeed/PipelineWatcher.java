package io.trantor.gateway.controlfeed;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import static java.util.Objects.requireNonNull;

import io.trantor.gateway.pipelinehost.PipelineHost;
import io.trantor.protocol.control.PipelineAssignment;
import io.trantor.protocol.control.PipelineBatch;
import io.trantor.protocol.control.PipelineServiceGrpc;
import io.trantor.protocol.control.PipelineStateReport;
import io.trantor.protocol.control.WatchPipelinesRequest;
import io.trantor.protocol.control.watch.WatchClient;
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
 * Holds a {@code PipelineService.WatchPipelines} stream to the control plane (through a
 * {@link WatchClient}, which reconnects with back-off) and tells a {@link PipelineHost} what to run;
 * sends the host's state changes back as reports. While the control plane is away the pipelines
 * keep running; the full batch after a reconnect replaces the set, and the latest reports are sent
 * again, so a restarted control plane learns them.
 */
public final class PipelineWatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PipelineWatcher.class);
  static final Duration RETRY_FAILED = Duration.ofSeconds(2);

  private final String gateway;
  private final PipelineHost host;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("trantor-pipeline-retry").daemon().factory());
  // Assignments are applied in order, off the gRPC thread: starting a topology can take a while.
  private final ExecutorService applier =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("trantor-pipeline-apply").daemon().factory());
  private final Map<String, PipelineStateReport> lastReports = new ConcurrentHashMap<>();
  private final Map<String, PipelineAssignment> wanted = new ConcurrentHashMap<>();
  private final WatchClient<WatchPipelinesRequest, PipelineBatch> client;

  private PipelineWatcher(String target, String gateway, PipelineHost host, ChannelCredentials credentials) {
    this.gateway = gateway;
    this.host = host;
    this.client = WatchClient.pipelines(target, gateway, credentials, batch -> applier.execute(() -> apply(batch)));
  }

  /** Starts watching; assignments arrive asynchronously. */
  public static PipelineWatcher start(String controlTarget, String gateway, PipelineHost host) {
    return start(controlTarget, gateway, host, InsecureChannelCredentials.create());
  }

  /** Starts watching over a channel with {@code credentials}. */
  public static PipelineWatcher start(String controlTarget, String gateway, PipelineHost host, ChannelCredentials credentials) {
    PipelineWatcher watcher = new PipelineWatcher(requireNonNull(controlTarget, "controlTarget"),
        requireNonNull(gateway, "gateway"), requireNonNull(host, "host"), requireNonNull(credentials, "credentials"));
    watcher.client.start();
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
      PipelineServiceGrpc.newBlockingStub(client.channel()).withDeadlineAfter(5, TimeUnit.SECONDS).reportPipelineState(report);
    } catch (RuntimeException e) {
      log.debug("Pipeline report for {} not delivered ({}); it is sent again on reconnect", report.getName(), e.getMessage());
    }
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
    client.close();
    retries.shutdownNow();
    applier.shutdownNow();
    applier.awaitTermination(5, TimeUnit.SECONDS);
  }
}
