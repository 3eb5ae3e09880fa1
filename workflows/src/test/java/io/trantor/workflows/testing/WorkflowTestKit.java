package io.trantor.workflows.testing;

import static org.awaitility.Awaitility.await;

import io.temporal.client.WorkflowClient;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.trantor.workflows.TaskQueues;
import io.trantor.workflows.model.ApplyResult;
import io.trantor.workflows.model.ModelDeployment;
import io.trantor.workflows.model.ModelStarter;
import io.trantor.workflows.model.ModelStatus;
import io.trantor.workflows.model.ModelWorker;
import io.trantor.workflows.model.ModelWorkflow;
import io.trantor.workflows.model.ModelWorkflowOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Temporal's in-process test environment with the model workflow registered on
 * {@link TaskQueues#CONTROL} and recording fakes for its activities: a {@link FakeCluster} for
 * placement, {@link FakeAgents}, {@link FakeRoutes}, all writing to one {@link CallLog}.
 *
 * <pre>{@code
 * try (var kit = WorkflowTestKit.start(WorkflowTestKit.fastOptions())) {
 *   kit.cluster().addServer("mlserver", 2, 1000);
 *   kit.apply(WorkflowTestKit.deployment("ns", "iris", "gs://iris/1", 2));
 *   kit.awaitState("ns", "iris", "ModelAvailable");
 * }
 * }</pre>
 */
public final class WorkflowTestKit implements AutoCloseable {
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final TestWorkflowEnvironment env;
  private final CallLog log = new CallLog();
  private final FakeCluster cluster = new FakeCluster(log);
  private final FakeAgents agents = new FakeAgents(log, cluster);
  private final FakeRoutes routes = new FakeRoutes(log);
  private final FakeDrains drains = new FakeDrains(log, cluster);

  private WorkflowTestKit(ModelWorkflowOptions options) {
    env = TestWorkflowEnvironment.newInstance();
    Worker worker = env.newWorker(TaskQueues.CONTROL);
    ModelWorker.register(worker, options);
    io.trantor.workflows.server.ServerWorker.register(worker);
    worker.registerActivitiesImplementations(cluster, agents, routes, drains);
    drains.client(env.getWorkflowClient());
    env.start();
  }

  /** Options that make retries and failures take milliseconds; continue-as-new stays rare. */
  public static ModelWorkflowOptions fastOptions() {
    return new ModelWorkflowOptions(
        Duration.ofSeconds(5), 2, Duration.ofMillis(10), Duration.ofSeconds(5), 50, 2000);
  }

  public static WorkflowTestKit start(ModelWorkflowOptions options) {
    return new WorkflowTestKit(options);
  }

  /** A deployment with the given artifact and replica count, everything else plain. */
  public static ModelDeployment deployment(
      String namespace, String name, String storageUri, int replicas) {
    return new ModelDeployment(namespace, name, 1, storageUri, null, List.of("sklearn"), 100,
        replicas, 0, null, null, Map.of(), null, null);
  }

  /** {@code d} with another replica count and a newer generation (same version). */
  public static ModelDeployment withReplicas(ModelDeployment d, int replicas) {
    return new ModelDeployment(d.namespace(), d.name(), d.generation() + 1, d.storageUri(),
        d.artifactVersion(), d.requirements(), d.memoryBytes(), replicas, d.minReplicas(),
        d.maxReplicas(), d.server(), d.parameters(), d.secretName(), d.explainer());
  }

  /** {@code d} with another artifact and a newer generation (a new version). */
  public static ModelDeployment withStorageUri(ModelDeployment d, String storageUri) {
    return new ModelDeployment(d.namespace(), d.name(), d.generation() + 1, storageUri,
        d.artifactVersion(), d.requirements(), d.memoryBytes(), d.replicas(), d.minReplicas(),
        d.maxReplicas(), d.server(), d.parameters(), d.secretName(), d.explainer());
  }

  /** {@code d} with another memory requirement and a newer generation (a new version). */
  public static ModelDeployment withMemory(ModelDeployment d, long memoryBytes) {
    return new ModelDeployment(d.namespace(), d.name(), d.generation() + 1, d.storageUri(),
        d.artifactVersion(), d.requirements(), memoryBytes, d.replicas(), d.minReplicas(),
        d.maxReplicas(), d.server(), d.parameters(), d.secretName(), d.explainer());
  }

  public WorkflowClient client() {
    return env.getWorkflowClient();
  }

  public TestWorkflowEnvironment environment() {
    return env;
  }

  public CallLog calls() {
    return log;
  }

  public FakeCluster cluster() {
    return cluster;
  }

  public FakeAgents agents() {
    return agents;
  }

  public FakeRoutes routes() {
    return routes;
  }

  public FakeDrains drains() {
    return drains;
  }

  /** Update-with-start, exactly as the control API does it. */
  public ApplyResult apply(ModelDeployment deployment) {
    return ModelStarter.apply(client(), deployment);
  }

  public ModelWorkflow model(String namespace, String name) {
    return ModelStarter.existing(client(), namespace, name);
  }

  /** Polls the status query until the model reaches {@code state}; returns that status. */
  public ModelStatus awaitState(String namespace, String name, String state) {
    ModelWorkflow model = model(namespace, name);
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(model::status, s -> s.state().equals(state));
  }

  /** Waits until the workflow run chain completes (after delete). */
  public void awaitCompletion(String namespace, String name) throws Exception {
    client()
        .newUntypedWorkflowStub(ModelWorkflow.workflowId(namespace, name))
        .getResultAsync(Void.class)
        .get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
  }

  /** Id of the model's current run (it changes at every continue-as-new). */
  public String runId(String namespace, String name) {
    return client()
        .newUntypedWorkflowStub(ModelWorkflow.workflowId(namespace, name))
        .describe()
        .getExecution()
        .getRunId();
  }

  /**
   * Waits until the model's current run is no longer {@code previousRunId}. The Java test server
   * (unlike a real one) stalls an update that arrives while a run continues as new until the
   * workflow task times out (10 s), so tests that force continue-as-new wait for it first.
   */
  public String awaitNextRun(String namespace, String name, String previousRunId) {
    return await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .ignoreExceptions()
        .until(() -> runId(namespace, name), id -> !id.equals(previousRunId));
  }

  /** History of the model's latest run. */
  public WorkflowExecutionHistory history(String namespace, String name) {
    return client().fetchHistory(ModelWorkflow.workflowId(namespace, name));
  }

  @Override
  public void close() {
    agents.releaseUnloads();
    env.close();
  }
}
