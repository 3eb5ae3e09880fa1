package io.trantor.kafka;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes Trantor's topics with the partitions, replication and size limit of the
 * settings. Both operations are idempotent, so a retried control-plane step is harmless.
 */
public final class TopicAdmin implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);
  /** Seldon waits up to 60 describe attempts for new topics; so do we, as a deadline. */
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaSettings settings;
  private final Admin admin;

  public TopicAdmin(KafkaSettings settings) {
    this.settings = requireNonNull(settings, "settings");
    this.admin = Admin.create(settings.clientProperties());
  }

  /** Creates the topics that do not exist yet and returns once every one of them is visible. */
  public void ensureTopics(Collection<String> topics) {
    requireNonNull(topics, "topics");
    Set<String> wanted = Set.copyOf(topics);
    if (wanted.isEmpty()) {
      return;
    }
    List<NewTopic> newTopics = wanted.stream()
        .map(t -> new NewTopic(t, settings.partitions(), settings.replicationFactor()).configs(settings.topicConfig()))
        .toList();
    CreateTopicsResult result = admin.createTopics(newTopics);
    for (var entry : result.values().entrySet()) {
      try {
        await(entry.getValue());
        log.info("Created topic {}", entry.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new KafkaAdminException("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
    awaitVisible(wanted);
  }

  /** Deletes the topics; topics that do not exist are ignored. */
  public void deleteTopics(Collection<String> topics) {
    requireNonNull(topics, "topics");
    if (topics.isEmpty()) {
      return;
    }
    for (var entry : admin.deleteTopics(Set.copyOf(topics)).topicNameValues().entrySet()) {
      try {
        await(entry.getValue());
        log.info("Deleted topic {}", entry.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new KafkaAdminException("cannot delete topic " + entry.getKey() + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
  }

  /** The names of all topics in the cluster (internal ones excluded). */
  public Set<String> listTopics() {
    try {
      return await(admin.listTopics().names());
    } catch (ExecutionException e) {
      throw new KafkaAdminException("cannot list topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  /** A created topic's metadata reaches every broker a moment later; wait until it has. */
  private void awaitVisible(Set<String> topics) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    Set<String> missing = new HashSet<>(topics);
    while (true) {
      missing.removeAll(listTopics());
      if (missing.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new KafkaAdminException("topics " + missing + " did not appear within " + TIMEOUT, null);
      }
      try {
        Thread.sleep(POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KafkaAdminException("interrupted while waiting for topics " + missing, e);
      }
    }
  }

  private static <T> T await(KafkaFuture<T> future) throws ExecutionException {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KafkaAdminException("interrupted while talking to Kafka", e);
    } catch (TimeoutException e) {
      throw new KafkaAdminException("Kafka did not answer within " + TIMEOUT, e);
    }
  }
}
