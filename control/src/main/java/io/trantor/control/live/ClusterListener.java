package io.trantor.control.live;

import io.trantor.activities.ReplicaSnapshot;
import java.util.Set;

/** Told when server replicas join or leave the {@link ClusterState}. Called outside its lock. */
public interface ClusterListener {

  void replicaJoined(ReplicaSnapshot replica);

  /** @param models the names of the models that held or reserved memory there */
  void replicaLeft(ReplicaSnapshot replica, Set<String> models);
}
