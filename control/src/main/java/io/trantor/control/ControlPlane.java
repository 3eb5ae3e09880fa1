package io.trantor.control;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.server.Server;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.grpc.GrpcService;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import io.trantor.activities.AgentActivitiesImpl;
import io.trantor.control.live.ClusterState;
import io.trantor.activities.ExperimentActivitiesImpl;
import io.trantor.activities.PlacementActivitiesImpl;
import io.trantor.activities.RouteActivitiesImpl;
import io.trantor.activities.PipelineActivitiesImpl;
import io.trantor.control.live.PipelineTable;
import io.trantor.control.live.RouteTable;
import io.trantor.activities.TopicProvisioner;
import io.trantor.compiler.pipeline.TopicNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.trantor.control.internal.LiveStateGate;
import io.trantor.control.internal.LiveStateRecovery;
import io.trantor.control.internal.OrphanReconciler;
import io.trantor.control.internal.PipelineStreamService;
import io.trantor.control.internal.PipelineWorkflows;
import io.trantor.kafka.KafkaSettings;
import io.trantor.security.BearerAuth;
import io.trantor.kafka.TopicAdmin;
import io.trantor.workflows.pipeline.PipelineWorker;
import java.util.Collection;
import java.util.function.Function;
import io.trantor.control.internal.AgentStreams;
import io.trantor.control.internal.ControlApi;
import io.trantor.control.internal.ControlGrpcService;
import io.trantor.control.internal.SeldonSchedulerService;
import io.trantor.control.internal.ControlHttpService;
import io.trantor.control.internal.ExperimentWorkflows;
import io.trantor.control.internal.ModelSignaller;
import io.trantor.control.internal.ModelWorkflows;
import io.trantor.control.internal.RegistryCatalog;
import io.trantor.control.internal.ResourceRegistry;
import io.trantor.control.internal.RouteStreamService;
import io.trantor.control.internal.ServerDrains;
import io.trantor.control.internal.SpecStore;
import io.trantor.workflows.TaskQueues;
import io.trantor.workflows.experiment.ExperimentWorker;
import io.trantor.workflows.model.ModelWorker;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control-plane service: the {@code ControlPlane} and {@code AgentService} gRPC APIs (and
 * JSON over HTTP) on one port, and the Temporal workers that run the workflows and activities.
 * Holds no state of its own beyond what agents report and the optional spec store.
 */
public final class ControlPlane implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ControlPlane.class);

  /** How long an agent command may take before the activity fails (and is retried). */
  static final Duration AGENT_COMMAND_TIMEOUT = Duration.ofSeconds(60);
  /** How often WatchStatus looks for a change. */
  static final Duration WATCH_POLL_INTERVAL = Duration.ofMillis(200);

  private final Server server;
  private final ClusterState cluster;
  private final RouteTable routes;
  private final Deque<AutoCloseable> closeables;

  private ControlPlane(Server server, ClusterState cluster, RouteTable routes, Deque<AutoCloseable> closeables) {
    this.server = server;
    this.cluster = cluster;
    this.routes = routes;
    this.closeables = closeables;
  }

  /**
   * Connects to Temporal at {@code config.temporalTarget()}, starts the workers and the API, and
   * (with a data dir) re-applies the stored specs.
   */
  public static ControlPlane start(ControlConfig config, ServerReplicas servers) {
    return start(config, servers, ControlSecurity.NONE, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /**
   * As {@link #start(ControlConfig, ServerReplicas)}, recording into {@code meters} and serving it
   * on {@code /metrics} ({@code trantor up} shares one registry among its parts).
   */
  public static ControlPlane start(ControlConfig config, ServerReplicas servers, PrometheusMeterRegistry meters) {
    return start(config, servers, ControlSecurity.NONE, meters);
  }

  /**
   * As {@link #start(ControlConfig, ServerReplicas)}, with TLS on the API port and, with a token,
   * the control API ({@code ControlPlane} gRPC service and {@code /v1/} JSON) closed to callers
   * without it.
   */
  public static ControlPlane start(ControlConfig config, ServerReplicas servers, ControlSecurity security) {
    return start(config, servers, security, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
  }

  /** With TLS and a token as {@code security} says, recording into {@code meters} (served on {@code /metrics}). */
  public static ControlPlane start(ControlConfig config, ServerReplicas servers, ControlSecurity security,
      PrometheusMeterRegistry meters) {
    requireNonNull(config, "config");
    requireNonNull(meters, "meters");
    requireNonNull(servers, "servers");
    requireNonNull(security, "security");
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
          WorkflowServiceStubsOptions.newBuilder().setTarget(config.temporalTarget()).build());
      started.push(() -> {
        stubs.shutdown();
        stubs.awaitTermination(5, TimeUnit.SECONDS);
      });
      WorkflowClient client = WorkflowClient.newInstance(
          stubs, WorkflowClientOptions.newBuilder().setNamespace(config.temporalNamespace()).build());

      ClusterState cluster = new ClusterState();
      RouteTable routes = new RouteTable();
      ResourceRegistry registry = new ResourceRegistry();
      SpecStore store = config.dataDir() == null ? null : new SpecStore(config.dataDir());
      ModelWorkflows models = new ModelWorkflows(client);
      AgentStreams agents = new AgentStreams(cluster);

      PipelineTable pipelineTable = new PipelineTable();
      KafkaSettings kafka = config.kafka();
      PipelineWorkflows pipelines = kafka == null ? null : new PipelineWorkflows(client);
      ExperimentWorkflows experiments = new ExperimentWorkflows(client);
      LiveStateGate gate = new LiveStateGate();
      ModelSignaller signaller = new ModelSignaller(models, registry, gate);
      cluster.addListener(signaller);
      started.push(signaller);
      OrphanReconciler orphans = new OrphanReconciler(cluster, agents, meters);
      started.push(orphans);
      LiveStateRecovery recovery = new LiveStateRecovery(registry, models, experiments, pipelines, cluster, routes,
          pipelineTable, orphans, gate, config.agentRejoinGrace(), meters);
      started.push(recovery);
      // Before any worker runs an activity: nothing decides on, or publishes into, a half-built view.
      recovery.begin();

      WorkerFactory factory = WorkerFactory.newInstance(client);
      Worker worker = factory.newWorker(TaskQueues.CONTROL, WorkerOptions.newBuilder()
          // The embedded test server strands tasks on a dead worker's sticky queue (temporal-spike.md §4).
          .setStickyQueueScheduleToStartTimeout(Duration.ZERO)
          .build());
      ModelWorker.register(worker);
      ExperimentWorker.register(worker);
      PipelineWorker.register(worker);
      io.trantor.workflows.server.ServerWorker.register(worker);
      Function<String, TopicNames> topicNames = kafka == null ? TopicNames::of : kafka::topics;
      if (kafka != null) {
        TopicAdmin admin = new TopicAdmin(kafka);
        started.push(admin);
        worker.registerActivitiesImplementations(new PipelineActivitiesImpl(pipelineTable, routes, new TopicProvisioner() {
          @Override
          public void ensure(Collection<String> topics) {
            admin.ensureTopics(topics);
          }

          @Override
          public void delete(Collection<String> topics) {
            admin.deleteTopics(topics);
          }
        }, topicNames));
      }
      worker.registerActivitiesImplementations(
          new PlacementActivitiesImpl(cluster),
          new AgentActivitiesImpl(agents, AGENT_COMMAND_TIMEOUT),
          new RouteActivitiesImpl(routes),
          new io.trantor.activities.DrainActivitiesImpl(cluster, cluster, agents, AGENT_COMMAND_TIMEOUT,
              (namespace, model, server, index) -> models.replicaDraining(namespace, model,
                  new io.trantor.workflows.model.ClusterChange(server, index, false))),
          new ExperimentActivitiesImpl(routes, new RegistryCatalog(registry)));
      factory.start();
      started.push(() -> {
        factory.shutdown();
        factory.awaitTermination(10, TimeUnit.SECONDS);
      });

      ControlApi api = new ControlApi(models, experiments, pipelines, pipelineTable, routes, topicNames, registry, cluster,
          servers, store, recovery::recovering, new ServerDrains(client));
      ControlGrpcService grpc = new ControlGrpcService(api, WATCH_POLL_INTERVAL, config.kafka());
      started.push(grpc);
      SeldonSchedulerService seldonScheduler = new SeldonSchedulerService(api, WATCH_POLL_INTERVAL, versionOfThisBuild());
      started.push(seldonScheduler);
      RouteStreamService routeStream = new RouteStreamService(routes, gate);
      PipelineStreamService pipelineStream = new PipelineStreamService(pipelineTable, topicNames, gate);

      ServerBuilder sb = Server.builder();
      security.listener().bind(sb, new InetSocketAddress(config.host(), config.port()));
      sb
          // Agents hold streams open; they are ended first (below), so no quiet period is needed.
          .gracefulShutdownTimeout(Duration.ZERO, Duration.ofSeconds(2))
          .service(GrpcService.builder()
              .addService(grpc)
              .addService(seldonScheduler)
              .addService(agents)
              .addService(routeStream)
              .addService(pipelineStream)
              .useBlockingTaskExecutor(true)
              .build());
      new ControlHttpService(api).configure(sb);
      security.token().ifPresent(token -> sb.decorator(new BearerAuth(token, ControlSecurity::guarded,
          "pass --token-file FILE or set TRANTOR_CONTROL_TOKEN")));
      sb.service("/metrics", (ctx, req) -> HttpResponse.of(HttpStatus.OK,
          MediaType.parse("text/plain; version=0.0.4; charset=utf-8"), meters.scrape()));
      Server server = sb.build();
      server.start().join();
      started.push(() -> server.stop().join());
      started.push(agents);
      // Popped before the agent streams end: a control plane that stops is not its replicas
      // leaving, so the model workflows must not hear that they left.
      started.push(() -> cluster.removeListener(signaller));
      started.push(routeStream);
      started.push(pipelineStream);
      log.info("Control plane listening on {}://{}:{}{} (Temporal {} namespace {}, specs {})",
          security.listener().scheme(), config.host(), server.activeLocalPort(),
          security.token().isPresent() ? " (control token required)" : "", config.temporalTarget(), config.temporalNamespace(),
          config.dataDir() == null ? "not kept" : config.dataDir());

      if (store != null) {
        api.restore(store.loadAll());
      }
      recovery.seed();
      orphans.start(config.orphanSweepInterval(), recovery::recovering);
      return new ControlPlane(server, cluster, routes, started);
    } catch (RuntimeException e) {
      closeAll(started);
      throw e;
    }
  }

  /** The bound API port. */
  public int port() {
    return server.activeLocalPort();
  }

  /** The live cluster view (what agents reported). */
  public ClusterState cluster() {
    return cluster;
  }

  /** The model routes for the data plane. */
  public RouteTable routes() {
    return routes;
  }

  @Override
  public void close() {
    closeAll(closeables);
    log.info("Control plane stopped");
  }

  /** Closes in reverse start order, going on when one part fails. */
  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      AutoCloseable part = started.pop();
      try {
        part.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.warn("Closing {} failed", part, e);
      }
    }
  }

  private static String versionOfThisBuild() {
    String version = ControlPlane.class.getPackage().getImplementationVersion();
    return version != null ? version : "0.1.0-SNAPSHOT";
  }
}
