package io.trantor.agent.replica;

import io.trantor.agent.repository.ModelRepository;
import io.trantor.runtime.api.repository.ModelFolder;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The agent's model repository: what the control plane asked it to hold, by served name
 * ({@code <model>_<version>}), each pointing at its fetched folder. Nothing is read from disk here;
 * the folder was parsed when the model was registered, and a reload after an eviction reuses it.
 */
final class ServedModels implements ModelRepository {
  private final ConcurrentMap<String, ModelFolder> folders = new ConcurrentHashMap<>();

  void put(ModelFolder folder) {
    folders.put(folder.name(), folder);
  }

  void remove(String servedName) {
    folders.remove(servedName);
  }

  @Override
  public List<ModelFolder> list() {
    return folders.values().stream().sorted(Comparator.comparing(ModelFolder::name)).toList();
  }

  @Override
  public Optional<ModelFolder> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(folders.get(name));
  }
}
