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
 */
public record ControlConfig(
    String host, int port, String temporalTarget, String temporalNamespace, Path dataDir, KafkaSettings kafka) {

  public ControlConfig(String host, int port, String temporalTarget, String temporalNamespace, Path dataDir) {
    this(host, port, temporalTarget, temporalNamespace, dataDir, null);
  }

  public static final int DEFAULT_PORT = 9004;
}
