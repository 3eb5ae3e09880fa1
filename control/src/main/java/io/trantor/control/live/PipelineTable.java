package io.trantor.control.live;

import static java.util.Objects.requireNonNull;

import io.trantor.activities.PipelineGatewayState;
import io.trantor.activities.PipelinePublisher;
import io.trantor.workflows.activity.PipelineVersion;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The pipeline versions the gateways should run, and what each gateway reported about them. In
 * memory: gateways report again after a control-plane restart (they replay their state on every
 * new stream), and the workflows publish again when they resume.
 */
public final class PipelineTable implements PipelinePublisher {

  private record Key(String namespace, String name) {}

  private final Map<Key, PipelineVersion> pipelines = new ConcurrentHashMap<>();
  private final Map<Key, Map<String, PipelineGatewayState>> reports = new ConcurrentHashMap<>();
  private final List<PipelineListener> listeners = new CopyOnWriteArrayList<>();
  // Changes made while a restarted control plane seeds the table win over seeds.
  private final SeedingGuard<Key> seeding = new SeedingGuard<>();

  public void startSeeding() {
    seeding.start();
  }

  public void seeded() {
    seeding.done();
  }

  /** A workflow's announced version, unless the pipeline was published or removed since seeding began. */
  public synchronized void seed(PipelineVersion version) {
    if (seeding.maySeed(new Key(version.namespace(), version.name()))) {
      publish(version);
    }
  }

  public void addListener(PipelineListener listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  public void removeListener(PipelineListener listener) {
    listeners.remove(listener);
  }

  /** Replaces the pipeline's version; listeners hear of it only when it changed. */
  @Override
  public synchronized void publish(PipelineVersion version) {
    requireNonNull(version, "version");
    seeding.touch(new Key(version.namespace(), version.name()));
    PipelineVersion old = pipelines.put(new Key(version.namespace(), version.name()), version);
    if (!Objects.equals(old, version)) {
      listeners.forEach(l -> l.pipelineChanged(version));
    }
  }

  @Override
  public synchronized void remove(String namespace, String name) {
    Key key = new Key(namespace, name);
    seeding.touch(key);
    reports.remove(key);
    if (pipelines.remove(key) != null) {
      listeners.forEach(l -> l.pipelineRemoved(namespace, name));
    }
  }

  public Optional<PipelineVersion> pipeline(String namespace, String name) {
    return Optional.ofNullable(pipelines.get(new Key(namespace, name)));
  }

  /** Every pipeline, ordered by namespace then name. */
  public List<PipelineVersion> pipelines() {
    return pipelines.values().stream()
        .sorted(Comparator.comparing(PipelineVersion::namespace).thenComparing(PipelineVersion::name))
        .toList();
  }

  /** A gateway's report replaces its previous one for that pipeline. */
  public void report(PipelineGatewayState state) {
    reports.computeIfAbsent(new Key(state.namespace(), state.pipeline()), k -> new ConcurrentHashMap<>())
        .put(state.gateway(), state);
  }

  /** A gateway went away: what it reported no longer holds. */
  public void forgetGateway(String gateway) {
    reports.values().forEach(byGateway -> byGateway.remove(gateway));
  }

  /** What the gateways reported about the pipeline, ordered by gateway. */
  @Override
  public List<PipelineGatewayState> reports(String namespace, String name) {
    return reports.getOrDefault(new Key(namespace, name), Map.of()).values().stream()
        .sorted(Comparator.comparing(PipelineGatewayState::gateway))
        .toList();
  }
}
