package io.trantor.agent.repository;

import io.trantor.runtime.api.repository.ModelFolder;
import java.util.List;
import java.util.Optional;

/**
 * Where model folders are discovered. The default reads a directory laid out the MLServer way
 * ({@code <repo>/<model>/model-settings.json}) or the Triton way
 * ({@code <repo>/<model>/config.pbtxt} + numeric version folders), or a bare folder holding a
 * model file.
 */
public interface ModelRepository {

  /** Every model folder, parsed; folders that fail to parse carry their problems. */
  List<ModelFolder> list();

  /** The folder for that model name, re-read from disk so edits are seen on the next load. */
  Optional<ModelFolder> find(String name);
}
