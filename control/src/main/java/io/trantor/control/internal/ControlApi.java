package io.trantor.control.internal;

import static java.util.Objects.requireNonNull;

import io.trantor.control.live.ClusterState;
import io.trantor.control.ServerReplicas;
import io.trantor.dsl.Experiment;
import io.trantor.dsl.FieldValidation;
import io.trantor.dsl.Kind;
import io.trantor.dsl.Manifests;
import io.trantor.dsl.Metadata;
import io.trantor.dsl.Model;
import io.trantor.dsl.Pipeline;
import io.trantor.control.live.PipelineTable;
import io.trantor.control.live.RouteTable;
import io.trantor.compiler.pipeline.TopicNames;
import io.trantor.dsl.Problem;
import io.trantor.dsl.ReadResult;
import io.trantor.dsl.Resource;
import io.trantor.dsl.Server;
import io.trantor.dsl.ServerSpec;
import io.trantor.protocol.control.AppliedResource;
import io.trantor.protocol.control.ApplyRequest;
import io.trantor.protocol.control.ApplyResponse;
import io.trantor.protocol.control.DeleteRequest;
import io.trantor.protocol.control.DeleteResponse;
import io.trantor.protocol.control.ListRequest;
import io.trantor.protocol.control.ListResponse;
import io.trantor.protocol.control.ResourceRef;
import io.trantor.protocol.control.ResourceStatus;
import io.trantor.workflows.model.ApplyResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control API's behaviour, shared by the gRPC and the HTTP edge: apply, delete, status, list.
 * Refusals are {@link ControlException}s.
 */
public final class ControlApi {
  private static final Logger log = LoggerFactory.getLogger(ControlApi.class);
  static final String NO_KAFKA = "pipelines need Kafka: start the control plane with a Kafka broker (trantor up embeds one; --kafka HOST:PORT)";

  private final ModelWorkflows models;
  private final ExperimentWorkflows experiments;
  private final PipelineWorkflows pipelines; // null: no Kafka, pipelines are refused
  private final PipelineTable pipelineTable;
  private final RouteTable routes;
  private final java.util.function.Function<String, TopicNames> topicNames;
  private final ResourceRegistry registry;
  private final ClusterState cluster;
  private final ServerReplicas servers;
  private final SpecStore store; // null: keep nothing
  private final ConcurrentMap<ResourceKey, Object> locks = new ConcurrentHashMap<>();
  private final java.util.function.BooleanSupplier recovering;

  public ControlApi(ModelWorkflows models, ExperimentWorkflows experiments, ResourceRegistry registry,
      ClusterState cluster, ServerReplicas servers, SpecStore store) {
    this(models, experiments, null, new PipelineTable(), new RouteTable(), TopicNames::of, registry, cluster, servers, store,
        () -> false);
  }

  public ControlApi(ModelWorkflows models, ExperimentWorkflows experiments, PipelineWorkflows pipelines,
      PipelineTable pipelineTable, RouteTable routes, java.util.function.Function<String, TopicNames> topicNames,
      ResourceRegistry registry, ClusterState cluster,
      ServerReplicas servers, SpecStore store, java.util.function.BooleanSupplier recovering) {
    this.models = requireNonNull(models, "models");
    this.recovering = requireNonNull(recovering, "recovering");
    this.experiments = requireNonNull(experiments, "experiments");
    this.pipelines = pipelines;
    this.pipelineTable = requireNonNull(pipelineTable, "pipelineTable");
    this.routes = requireNonNull(routes, "routes");
    this.topicNames = requireNonNull(topicNames, "topicNames");
    this.registry = requireNonNull(registry, "registry");
    this.cluster = requireNonNull(cluster, "cluster");
    this.servers = requireNonNull(servers, "servers");
    this.store = store;
  }

  // ------------------------------------------------------------------ apply

  public ApplyResponse apply(ApplyRequest request) {
    String source = request.getSource().isBlank() ? "-" : request.getSource();
    ReadResult read = Manifests.read(request.getManifest(), source, FieldValidation.STRICT);
    if (!read.ok()) {
      throw new ControlException.Invalid(read.problems().stream().map(ControlApi::describe).collect(Collectors.joining("\n")));
    }
    if (read.resources().isEmpty()) {
      throw new ControlException.Invalid(source + ": no resources in the manifest");
    }
    rejectUnsupported(read.resources());
    ApplyResponse.Builder response = ApplyResponse.newBuilder();
    for (Resource resource : read.resources()) {
      response.addResources(request.getDryRun() ? plan(resource) : apply(resource, false));
    }
    return response.build();
  }

  /** Applies what the spec store kept (at start), keeping the stored generations. */
  public void restore(List<Resource> resources) {
    // Models before Servers: a model must be registered before the replicas that start with its
    // Server join, or it misses the join signal its ScheduleFailed workflow waits for. Experiments
    // and pipelines last: they refer to models. Within a rank the applies are independent and each
    // is a round trip to Temporal, so they run side by side (a restart of 20 models is that much shorter).
    Map<Integer, List<Resource>> byRank = new TreeMap<>();
    for (Resource r : resources) {
      int rank = switch (r.kind()) {
        case SERVER_CONFIG -> 0;
        case MODEL -> 1;
        case SERVER -> 2;
        case EXPERIMENT, PIPELINE -> 3;
      };
      byRank.computeIfAbsent(rank, k -> new ArrayList<>()).add(r);
    }
    try (ExecutorService restorers = Executors.newFixedThreadPool(
        RESTORE_PARALLELISM, Thread.ofPlatform().name("trantor-restore-", 0).factory())) {
      for (List<Resource> rank : byRank.values()) {
        List<Future<?>> applies = new ArrayList<>();
        for (Resource resource : rank) {
          applies.add(restorers.submit(() -> restoreOne(resource)));
        }
        for (Future<?> apply : applies) {
          try {
            apply.get();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          } catch (ExecutionException e) {
            log.warn("Restoring a stored resource failed: {}", e.getCause().toString());
          }
        }
      }
    }
  }

  /** Restores this many stored resources at a time: enough to hide Temporal's round trips, few enough for 2 cores. */
  static final int RESTORE_PARALLELISM = 4;

  private void restoreOne(Resource resource) {
    try {
      rejectUnsupported(List.of(resource));
      AppliedResource applied = apply(resource, true);
      log.info("Restored {} {}/{} (generation {}, {})", resource.kind().value(), resource.namespace(),
          resource.name(), applied.getGeneration(), applied.getAction());
    } catch (ControlException e) {
      log.warn("Stored {} {}/{} was not applied again: {}", resource.kind().value(), resource.namespace(),
          resource.name(), e.getMessage());
    }
  }

  /** {@code <source>: document N: <path>: <message>}, leaving out what is unknown. */
  static String describe(Problem p) {
    StringBuilder line = new StringBuilder();
    if (!p.source().isEmpty()) {
      line.append(p.source()).append(": ");
    }
    if (p.document() > 0) {
      line.append("document ").append(p.document()).append(": ");
    }
    if (!p.path().isEmpty()) {
      line.append(p.path()).append(": ");
    }
    return line.append(p.message()).toString();
  }

  private void rejectUnsupported(List<Resource> resources) {
    for (Resource r : resources) {
      if (r.kind() == Kind.PIPELINE && pipelines == null) {
        throw new ControlException.FailedPrecondition(NO_KAFKA);
      }
    }
  }

  private AppliedResource plan(Resource resource) {
    ResourceKey key = ResourceKey.of(resource);
    Optional<Applied> existing = registry.get(key);
    String action = existing.isEmpty() ? "created" : Resources.sameSpec(existing.get().resource(), resource) ? "unchanged" : "configured";
    long generation = existing.map(a -> action.equals("unchanged") ? a.generation() : a.generation() + 1).orElse(1L);
    return applied(resource, action, generation);
  }

  private AppliedResource apply(Resource resource, boolean restoring) {
    ResourceKey key = ResourceKey.of(resource);
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      if (restoring && store != null && !store.contains(key)) {
        // Deleted through the API after the store was read: it stays deleted.
        log.info("Stored {} {}/{} was deleted during the restore; not applied again", resource.kind().value(),
            resource.namespace(), resource.name());
        return applied(resource, "deleted", 0);
      }
      Optional<Applied> existing = registry.get(key);
      if (restoring && existing.isPresent()) {
        // Applied through the API after the store was read: that newer spec wins over the stored one.
        log.info("Stored {} {}/{} was applied again during the restore; the stored spec is not applied",
            resource.kind().value(), resource.namespace(), resource.name());
        return applied(existing.get().resource(), "unchanged", existing.get().generation());
      }
      if (!restoring && existing.isEmpty() && store != null) {
        // Not restored yet (the API serves while the restore runs): go on from the stored generation.
        existing = store.find(key).map(r -> new Applied(r, r.metadata().generation() == null ? 1L : r.metadata().generation()));
      }
      boolean unchanged = existing.isPresent() && Resources.sameSpec(existing.get().resource(), resource);
      long generation;
      if (unchanged) {
        generation = existing.get().generation();
      } else if (existing.isPresent()) {
        generation = existing.get().generation() + 1;
      } else if (restoring && resource.metadata().generation() != null) {
        generation = resource.metadata().generation();
      } else {
        generation = 1;
      }
      Resource stored = Resources.withGeneration(resource, generation);
      String action = existing.isEmpty() ? "created" : unchanged ? "unchanged" : "configured";
      switch (resource) {
        case Model model -> {
          ApplyResult result = models.apply(ModelDeployments.of(model, generation));
          action = result.action();
        }
        case Server server -> servers.scale(server);
        case Experiment experiment -> action = experiments.apply(experiment, generation);
        case Pipeline pipeline -> action = pipelines.apply(pipeline, generation);
        default -> {
          // ServerConfig: remembered; Servers read it when they are (re)started.
        }
      }
      registry.put(new Applied(stored, generation));
      if (store != null) {
        store.save(stored);
      }
      log.info("Applied {} {}/{}: {} (generation {})", resource.kind().value(), resource.namespace(), resource.name(),
          action, generation);
      return applied(resource, action, generation);
    }
  }

  private static AppliedResource applied(Resource resource, String action, long generation) {
    return AppliedResource.newBuilder()
        .setRef(Statuses.ref(resource.kind(), resource.namespace(), resource.name()))
        .setAction(action)
        .setGeneration(generation)
        .build();
  }

  // ------------------------------------------------------------------ delete

  public DeleteResponse delete(DeleteRequest request) {
    List<ResourceKey> keys = new ArrayList<>();
    for (ResourceRef ref : request.getRefsList()) {
      keys.add(keyOf(ref));
    }
    if (!request.getManifest().isBlank()) {
      ReadResult read = Manifests.read(request.getManifest(), "-", FieldValidation.STRICT);
      if (!read.ok()) {
        throw new ControlException.Invalid(read.problems().stream().map(ControlApi::describe).collect(Collectors.joining("\n")));
      }
      read.resources().forEach(r -> keys.add(ResourceKey.of(r)));
    }
    DeleteResponse.Builder response = DeleteResponse.newBuilder();
    for (ResourceKey key : keys) {
      if (delete(key)) {
        response.addDeleted(Statuses.ref(key.kind(), key.namespace(), key.name()));
      }
    }
    return response.build();
  }

  private boolean delete(ResourceKey key) {
    synchronized (locks.computeIfAbsent(key, k -> new Object())) {
      Optional<Applied> removed = registry.remove(key);
      if (store != null) {
        store.delete(key);
      }
      boolean existed = removed.isPresent();
      switch (key.kind()) {
        case MODEL -> existed |= models.delete(key.namespace(), key.name());
        case SERVER -> removed.ifPresent(a -> servers.scale(scaledToZero((Server) a.resource())));
        case SERVER_CONFIG -> {}
        case EXPERIMENT -> existed |= experiments.delete(key.namespace(), key.name());
        case PIPELINE -> existed |= pipelines != null && pipelines.delete(key.namespace(), key.name());
      }
      log.info("Deleted {} {}/{} (existed: {})", key.kind().value(), key.namespace(), key.name(), existed);
      return existed;
    }
  }

  private static Server scaledToZero(Server server) {
    ServerSpec s = server.spec();
    return new Server(
        server.metadata(),
        new ServerSpec(s.serverConfig(), s.extraCapabilities(), s.capabilities(), s.imageOverrides(), s.podSpec(),
            s.statefulSetPersistentVolumeClaimRetentionPolicy(), 0, 0, s.maxReplicas(), s.deploymentStrategy(),
            s.disableAutoUpdate()));
  }

  // ------------------------------------------------------------------ status and list

  public ResourceStatus status(ResourceRef ref) {
    ResourceKey key = keyOf(ref);
    return switch (key.kind()) {
      case MODEL -> models.status(key.namespace(), key.name())
          .map(Statuses::ofModel)
          .map(this::whileRecovering)
          .orElseThrow(() -> new ControlException.NotFound("model " + key.name() + " not found"));
      case SERVER -> {
        Applied applied = registry.get(key).orElse(null);
        if (applied == null && !cluster.servers(key.namespace()).contains(key.name())) {
          throw new ControlException.NotFound("server " + key.name() + " not found");
        }
        yield Statuses.ofServer(key.namespace(), key.name(), applied, cluster);
      }
      case SERVER_CONFIG -> registry.get(key)
          .map(Statuses::ofServerConfig)
          .orElseThrow(() -> new ControlException.NotFound("serverconfig " + key.name() + " not found"));
      case EXPERIMENT -> registry.get(key)
          .map(this::experimentStatus)
          .orElseThrow(() -> new ControlException.NotFound("experiment " + key.name() + " not found"));
      case PIPELINE -> registry.get(key)
          .map(this::pipelineStatus)
          .orElseThrow(() -> new ControlException.NotFound("pipeline " + key.name() + " not found"));
    };
  }

  /** The resource as last applied, if it is. */
  public Optional<Resource> applied(ResourceRef ref) {
    return registry.get(keyOf(ref)).map(Applied::resource);
  }

  public ListResponse list(ListRequest request) {
    String namespace = request.getNamespace().isBlank() ? null : request.getNamespace();
    List<Kind> kinds =
        request.getKind().isBlank() ? List.of(Kind.SERVER_CONFIG, Kind.SERVER, Kind.MODEL, Kind.PIPELINE, Kind.EXPERIMENT) : List.of(Kinds.parse(request.getKind()));
    ListResponse.Builder response = ListResponse.newBuilder();
    for (Kind kind : kinds) {
      switch (kind) {
        case MODEL -> registry.list(Kind.MODEL, namespace).forEach(a -> response.addItems(modelStatus(a)));
        case SERVER -> serverStatuses(namespace).forEach(response::addItems);
        case SERVER_CONFIG -> registry.list(Kind.SERVER_CONFIG, namespace).forEach(a -> response.addItems(Statuses.ofServerConfig(a)));
        case EXPERIMENT -> registry.list(Kind.EXPERIMENT, namespace).forEach(a -> response.addItems(experimentStatus(a)));
        case PIPELINE -> registry.list(Kind.PIPELINE, namespace).forEach(a -> response.addItems(pipelineStatus(a)));
      }
    }
    return response.build();
  }

  private ResourceStatus experimentStatus(Applied applied) {
    Resource experiment = applied.resource();
    return Statuses.ofExperiment(applied, experiments.status(experiment.namespace(), experiment.name()).orElse(null));
  }

  private ResourceStatus pipelineStatus(Applied applied) {
    Pipeline pipeline = (Pipeline) applied.resource();
    return Statuses.ofPipeline(applied, pipelines == null ? null : pipelines.status(pipeline.namespace(), pipeline.name()).orElse(null),
        pipelineTable.reports(pipeline.namespace(), pipeline.name()),
        step -> routes.isAvailable(pipeline.namespace(), step),
        step -> models.status(pipeline.namespace(), step).map(s -> s.state()).orElse("ModelNotFound"),
        topicNames.apply(pipeline.namespace()));
  }

  private ResourceStatus modelStatus(Applied applied) {
    Resource model = applied.resource();
    return models.status(model.namespace(), model.name())
        .map(Statuses::ofModel)
        .map(this::whileRecovering)
        .orElseGet(() -> ResourceStatus.newBuilder()
            .setRef(Statuses.ref(Kind.MODEL, model.namespace(), model.name()))
            .setState("ModelStateUnknown")
            .setReason("no workflow runs for this model")
            .setGeneration(applied.generation())
            .build());
  }

  /**
   * Until a restarted control plane has rebuilt its view, a model its workflow calls Available may
   * not be routable yet: say so instead.
   */
  private ResourceStatus whileRecovering(ResourceStatus status) {
    if (recovering.getAsBoolean() && "ModelAvailable".equals(status.getState())) {
      return status.toBuilder().setState("ModelProgressing").setReason(LiveStateRecovery.REASON).build();
    }
    return status;
  }

  private List<ResourceStatus> serverStatuses(String namespace) {
    TreeSet<String> namespaces = new TreeSet<>();
    if (namespace != null) {
      namespaces.add(namespace);
    } else {
      namespaces.addAll(cluster.namespaces());
      registry.list(Kind.SERVER, null).forEach(a -> namespaces.add(a.resource().namespace()));
    }
    List<ResourceStatus> statuses = new ArrayList<>();
    for (String ns : namespaces) {
      TreeSet<String> names = new TreeSet<>(cluster.servers(ns));
      registry.list(Kind.SERVER, ns).forEach(a -> names.add(a.resource().name()));
      for (String name : names) {
        Applied applied = registry.get(new ResourceKey(ns, Kind.SERVER, name)).orElse(null);
        statuses.add(Statuses.ofServer(ns, name, applied, cluster));
      }
    }
    return statuses;
  }

  static ResourceKey keyOf(ResourceRef ref) {
    if (ref.getName().isBlank()) {
      throw new ControlException.Invalid("a resource reference needs a name");
    }
    String namespace = ref.getNamespace().isBlank() ? Metadata.DEFAULT_NAMESPACE : ref.getNamespace();
    return new ResourceKey(namespace, Kinds.parse(ref.getKind()), ref.getName());
  }
}
