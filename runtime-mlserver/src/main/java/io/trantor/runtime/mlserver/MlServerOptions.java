package io.trantor.runtime.mlserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How to run one MLServer for one agent replica.
 *
 * @param executable the {@code mlserver} console script (its interpreter runs MLServer)
 * @param host address MLServer binds and is called on ({@code 127.0.0.1} locally)
 * @param workDir this replica's folder: the model repository ({@code models/}) and
 *     {@code mlserver.log}; created if missing
 * @param parallelWorkers MLServer's {@code MLSERVER_PARALLEL_WORKERS} (default 1): every worker
 *     holds its own copy of each model, which the agent's memory accounting counts
 * @param startTimeout how long MLServer may take to answer {@code /v2/health/ready}
 */
public record MlServerOptions(
    Path executable, String host, Path workDir, int parallelWorkers, Duration startTimeout) {

  public static final int DEFAULT_PARALLEL_WORKERS = 1;
  public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(120);

  public MlServerOptions {
    Objects.requireNonNull(executable, "executable");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(workDir, "workDir");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (parallelWorkers < 0) {
      throw new IllegalArgumentException("parallelWorkers must be >= 0, got " + parallelWorkers);
    }
  }

  /** Options with Seldon's defaults: one parallel worker, two minutes to start. */
  public static MlServerOptions of(Path executable, String host, Path workDir) {
    return new MlServerOptions(executable, host, workDir, DEFAULT_PARALLEL_WORKERS, DEFAULT_START_TIMEOUT);
  }

  /** The folder MLServer serves as its model repository. */
  Path repository() {
    return workDir.resolve("models");
  }
}
