package io.trantor.gateway.pipelinehost.dataflow;

import io.trantor.gateway.pipelinehost.plan.PipelinePlan;
import java.time.Duration;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One pipeline version's Kafka Streams application: owns the {@link KafkaStreams} client and its threads. */
final class DataflowApplication implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataflowApplication.class);
  static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final PipelinePlan plan;
  private final KafkaStreams streams;
  private final BiConsumer<DataflowApplication, DataflowState> listener;
  private volatile DataflowState state;
  private volatile Throwable failure;
  private volatile boolean closing;

  DataflowApplication(PipelinePlan plan, DataflowConfig config, BiConsumer<DataflowApplication, DataflowState> listener) {
    this.plan = plan;
    this.listener = listener;
    this.state = new DataflowState.Starting(plan.version());
    this.streams = new KafkaStreams(PipelineTopology.build(plan), StreamsSettings.of(config, plan));
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("dataflow {}/{} v{} failed", plan.namespace(), plan.name(), plan.version(), e);
      failure = e;
      // Seldon replaces the thread; a failure that repeats would loop silently, so the version fails
      // visibly instead and the control plane decides (an older version keeps running meanwhile).
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    });
    streams.setStateListener((next, previous) -> onStreamsState(next));
  }

  PipelinePlan plan() {
    return plan;
  }

  DataflowState state() {
    return state;
  }

  void start() {
    streams.start();
  }

  /** Marks a version that could not start as failed, without starting it. */
  void fail(String reason) {
    DataflowState failed = new DataflowState.Failed(plan.version(), reason);
    state = failed;
    closing = true;
    streams.close(CloseOptions.timeout(Duration.ZERO));
    listener.accept(this, failed);
  }

  private void onStreamsState(KafkaStreams.State next) {
    DataflowState mapped = switch (next) {
      // A rebalance after running is no outage of the pipeline: keep reporting it as running.
      case CREATED, REBALANCING -> state instanceof DataflowState.Running ? state
          : new DataflowState.Starting(plan.version());
      case RUNNING -> new DataflowState.Running(plan.version());
      case PENDING_ERROR, ERROR -> new DataflowState.Failed(plan.version(), reason());
      case PENDING_SHUTDOWN, NOT_RUNNING -> closing ? new DataflowState.NotRunning()
          : new DataflowState.Failed(plan.version(), reason());
    };
    if (state instanceof DataflowState.Failed && !(mapped instanceof DataflowState.Running)) {
      // A failed version stays failed while it is shut down; only a restart (a new client) clears it.
      return;
    }
    if (!mapped.equals(state)) {
      state = mapped;
      listener.accept(this, mapped);
    }
  }

  private String reason() {
    Throwable cause = failure;
    if (cause == null) {
      return "the Kafka Streams application stopped";
    }
    while (cause.getCause() != null && cause.getMessage() != null && cause.getMessage().startsWith("Exception caught")) {
      cause = cause.getCause();
    }
    String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
    if (cause instanceof MissingSourceTopicException) {
      // Kafka Streams does not say which: name what the dataflow reads, so the status is actionable.
      reason += "; the dataflow reads " + String.join(", ", OffsetHandover.sourceTopics(plan));
    }
    return reason;
  }

  /** Stops processing, leaves the consumer group (this version's group is never reused) and frees the state. */
  @Override
  public void close() {
    closing = true;
    if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
        .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
      LOG.warn("dataflow {}/{} v{} did not stop within {}", plan.namespace(), plan.name(), plan.version(),
          CLOSE_TIMEOUT);
    }
  }
}
