package io.trantor.activities;

import java.util.Collection;

/** Creates and deletes Kafka topics (the control plane wires the Kafka admin client in). */
public interface TopicProvisioner {

  /** Creates the topics that do not exist yet and waits until all exist. */
  void ensure(Collection<String> topics);

  void delete(Collection<String> topics);
}
