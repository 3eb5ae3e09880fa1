package io.trantor.control;

import io.trantor.kafka.KafkaSettings;
import java.nio.file.Path;

/**
 * Settings of the control-plane process.
 *
 * @param host address the control API binds ({@code 127.0.0.1} locally)
 * @param port the control API port (gRPC for the CLI and agents, JSON over HTTP for curl); 9004 by
 *     default, 0 picks a free one
 * @param temporalTarget host:port of the Temporal frontend
 * @param temporalNamespace Temporal namespace ({@code default})
 * @param dataDir where applied specs are kept so a restart with a non-durable Temporal (the
 *     embedded test server) re-applies them; {@code null} keeps nothing
 * @param kafka the Kafka cluster pipelines run on (topics are created here); {@code null}: pipelines
 *     are refused
 * @param agentRejoinGrace after a restart, how long expected replicas may take to register again
 * @param orphanSweepInterval how often connected agents are asked what they hold, so that a model
 *     version no workflow wants there is unloaded
 */
public record ControlConfig(
    String host, int port, String temporalTarget, String temporalNamespace, Path dataDir, KafkaSettings kafka,
    java.time.Duration agentRejoinGrace, java.time.Duration orphanSweepInterval) {

  /**
   * After a restart, how long replicas that the workflows count on may take to register again
   * before their models are placed elsewhere (agents retry every 5 s at most).
   */
  public static final java.time.Duration DEFAULT_AGENT_REJOIN_GRACE = java.time.Duration.ofSeconds(15);

  public ControlConfig {
    agentRejoinGrace = agentRejoinGrace == null ? DEFAULT_AGENT_REJOIN_GRACE : agentRejoinGrace;
    orphanSweepInterval = orphanSweepInterval == null ? DEFAULT_ORPHAN_SWEEP_INTERVAL : orphanSweepInterval;
  }

  /** Often enough that an orphan is gone within seconds, rare enough to cost nothing (one small command per replica). */
  public static final java.time.Duration DEFAULT_ORPHAN_SWEEP_INTERVAL = java.time.Duration.ofSeconds(10);

  public ControlConfig(String host, int port, String temporalTarget, String temporalNamespace, Path dataDir) {
    this(host, port, temporalTarget, temporalNamespace, dataDir, null);
  }

  public ControlConfig(
      String host, int port, String temporalTarget, String temporalNamespace, Path dataDir, KafkaSettings kafka) {
    this(host, port, temporalTarget, temporalNamespace, dataDir, kafka, DEFAULT_AGENT_REJOIN_GRACE,
        DEFAULT_ORPHAN_SWEEP_INTERVAL);
  }

  /** The same settings with another rejoin grace. */
  public ControlConfig withAgentRejoinGrace(java.time.Duration grace) {
    return new ControlConfig(host, port, temporalTarget, temporalNamespace, dataDir, kafka, grace, orphanSweepInterval);
  }

  /** The same settings with another orphan sweep interval. */
  public ControlConfig withOrphanSweepInterval(java.time.Duration interval) {
    return new ControlConfig(host, port, temporalTarget, temporalNamespace, dataDir, kafka, agentRejoinGrace, interval);
  }

  public static final int DEFAULT_PORT = 9004;
}
