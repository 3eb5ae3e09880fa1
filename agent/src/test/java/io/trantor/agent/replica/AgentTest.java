package io.trantor.agent.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import io.trantor.agent.testing.FakeRuntime;
import io.trantor.agent.testing.ModelFolders;
import io.trantor.protocol.control.CommandResult;
import io.trantor.protocol.control.LoadModel;
import io.trantor.protocol.control.LoadedModel;
import io.trantor.protocol.control.ModelEvicted;
import io.trantor.protocol.control.Register;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  /** The committed samples, reached through a rewrite rule the way an air-gapped site would. */
  private static final String SAMPLES = "gs://seldon-models/samples/";
  private static final String SIMPLE_INFER = """
      {"inputs": [
        {"name": "INPUT0", "datatype": "INT32", "shape": [1, 16], "data": [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15]},
        {"name": "INPUT1", "datatype": "INT32", "shape": [1, 16], "data": [1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1]}
      ]}""";
  private static final String ECHO_INFER = """
      {"inputs": [{"name": "x", "datatype": "INT32", "shape": [1], "data": [7]}]}""";

  @TempDir Path tmp;
  final FakeRuntime triton = new FakeRuntime("onnxruntime_onnx");
  final FakeRuntime mlServer = new FakeRuntime("onnx");
  final FakeRuntime fake = new FakeRuntime();
  RuntimeRegistry runtimes;
  ModelFolders folders;
  FakeControlPlane controlPlane;
  Agent agent;

  @BeforeEach
  void setUp() {
    runtimes = new RuntimeRegistry(List.of(triton, mlServer, fake));
    folders = new ModelFolders(tmp.resolve("models"));
    controlPlane = FakeControlPlane.start();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (agent != null) {
      agent.close();
    }
    controlPlane.close();
    runtimes.close();
  }

  private Agent startAgent(long memoryBytes, int overcommitPercent) {
    AgentConfig config = new AgentConfig(
        "default", "mlserver", 2, controlPlane.target(), "127.0.0.1", 0, tmp.resolve("cache"),
        List.of(StorageRewrite.parse(SAMPLES + "=../samples/models/")),
        memoryBytes, overcommitPercent, Set.of(), Set.of("gpu"), "gateway.local:9000");
    agent = Agent.start(config, runtimes);
    return agent;
  }

  private static LoadModel load(String model, long version, String uri, long artifactVersion, long memoryBytes) {
    return LoadModel.newBuilder()
        .setModelName(model).setVersion(version).setStorageUri(uri)
        .setArtifactVersion(artifactVersion).setMemoryBytes(memoryBytes)
        .build();
  }

  private WebClient rest() {
    return WebClient.of("http://" + agent.endpoint());
  }

  private AggregatedHttpResponse infer(String servedName, String body) {
    return rest().blocking().prepare()
        .post("/v2/models/" + servedName + "/infer")
        .content(MediaType.JSON, body)
        .execute();
  }

  private AggregatedHttpResponse ready(String servedName) {
    return rest().blocking().get("/v2/models/" + servedName + "/ready");
  }

  // ---- registration ----

  @Test
  void registersWithItsIdentityMemoryAndCapabilities() throws InterruptedException {
    startAgent(1_000_000, 10);

    Register register = controlPlane.nextRegistration();

    assertThat(register.getNamespace()).isEqualTo("default");
    assertThat(register.getServerName()).isEqualTo("mlserver");
    assertThat(register.getReplicaIndex()).isEqualTo(2);
    assertThat(register.getEndpoint()).isEqualTo(agent.endpoint()).startsWith("127.0.0.1:");
    assertThat(register.getCapabilitiesList()).containsExactly("fake", "gpu", "onnx", "onnxruntime_onnx");
    assertThat(register.getMemoryBytes()).isEqualTo(1_000_000);
    assertThat(register.getOvercommitPercent()).isEqualTo(10);
    assertThat(register.getLoadedModelsList()).isEmpty();
    await().atMost(DEADLINE).until(agent::connected);
  }

  // ---- load, serve, unload ----

  @Test
  void loadsATritonSampleThroughARewriteRuleAndServesItAsModelUnderscoreVersion() throws InterruptedException {
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();

    CommandResult result = controlPlane.load(load("simple", 3, SAMPLES + "simple", 0, 1000));

    assertThat(result.getOk()).as(result.getError()).isTrue();
    assertThat(ready("simple_3").status()).isEqualTo(HttpStatus.OK);
    AggregatedHttpResponse response = infer("simple_3", SIMPLE_INFER);
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    assertThat(response.contentUtf8())
        .contains("\"model_name\":\"simple_3\"", "\"model_version\":\"1\"", "OUTPUT0", "OUTPUT1");
    assertThat(triton.latest("simple_3", "1").artifact().directory())
        .isEqualTo(Path.of("../samples/models/simple/1").toAbsolutePath().normalize());
    assertThat(ready("simple").status()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  @Test
  void loadsAnMlServerSampleInPlace() throws InterruptedException {
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();

    CommandResult result = controlPlane.load(load("iris", 1, SAMPLES + "iris", 0, 1000));

    assertThat(result.getOk()).as(result.getError()).isTrue();
    assertThat(mlServer.latest("iris_1", "1").artifact().uri())
        .isEqualTo(Path.of("../samples/models/iris/model.onnx").toAbsolutePath().normalize());
    assertThat(rest().blocking().get("/v2/models/iris_1").contentUtf8()).contains("\"name\":\"iris_1\"");
  }

  @Test
  void pointsAnExplainerAtTheModelOrPipelineItExplainsThroughTheGateway() throws InterruptedException {
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();

    LoadModel ofModel = load("iris-explainer", 1, SAMPLES + "iris", 0, 10).toBuilder()
        .putParameters("threshold", "0.9")
        .setExplainerType("anchor_tabular").setExplainerModelRef("iris").build();
    LoadModel ofPipeline = load("text-explainer", 2, SAMPLES + "iris", 0, 10).toBuilder()
        .setExplainerType("anchor_text").setExplainerPipelineRef("sentiment").build();
    assertThat(controlPlane.load(ofModel).getOk()).isTrue();
    assertThat(controlPlane.load(ofPipeline).getOk()).isTrue();

    // These parameters are what the MLServer runtime writes into parameters.extra.
    assertThat(mlServer.latest("iris-explainer_1", "1").artifact().parameters())
        .containsEntry("explainer_type", "anchor_tabular")
        .containsEntry("infer_uri", "http://gateway.local:9000/v2/models/iris/infer")
        .containsEntry("threshold", "0.9");
    assertThat(mlServer.latest("text-explainer_2", "1").artifact().parameters())
        .containsEntry("explainer_type", "anchor_text")
        .containsEntry("infer_uri", "http://gateway.local:9000/v2/pipelines/sentiment/infer");
  }

  @Test
  void anOrdinaryModelGetsNoExplainerParameters() throws InterruptedException {
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();

    assertThat(controlPlane.load(load("iris", 1, SAMPLES + "iris", 0, 10)).getOk()).isTrue();

    assertThat(mlServer.latest("iris_1", "1").artifact().parameters()).doesNotContainKeys("explainer_type", "infer_uri");
  }

  @Test
  void servesTheArtifactVersionFolderItIsTold() throws InterruptedException {
    Path simple = folders.simple("1", "2", "3");
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();

    assertThat(controlPlane.load(load("simple", 7, simple.toString(), 2, 10)).getOk()).isTrue();

    assertThat(fake.latest("simple_7", "1").artifact().directory()).isEqualTo(simple.resolve("2"));
    assertThat(infer("simple_7", SIMPLE_INFER).status()).isEqualTo(HttpStatus.OK);
  }

  @Test
  void unloadsAndTreatsRepeatedCommandsAsDone() throws InterruptedException {
    Path a = folders.bare("a", "model.fake", "a").getParent();
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();

    assertThat(controlPlane.load(load("a", 1, a.toString(), 0, 10)).getOk()).isTrue();
    assertThat(controlPlane.load(load("a", 1, a.toString(), 0, 10)).getOk()).isTrue();
    assertThat(fake.loaded()).hasSize(1);

    assertThat(controlPlane.unload("a", 1).getOk()).isTrue();
    assertThat(fake.latest("a_1", "1").isClosed()).isTrue();
    assertThat(ready("a_1").status()).isNotEqualTo(HttpStatus.OK);
    assertThat(controlPlane.unload("a", 1).getOk()).isTrue();
    assertThat(controlPlane.unload("never-loaded", 4).getOk()).isTrue();
  }

  @Test
  void listsWhatItHoldsWhenAsked() throws InterruptedException {
    Path a = folders.bare("a", "model.fake", "a").getParent();
    Path b = folders.bare("b", "model.fake", "b").getParent();
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();
    controlPlane.load(load("a", 1, a.toString(), 0, 10));
    controlPlane.load(load("b", 3, b.toString(), 0, 10));
    controlPlane.unload("a", 1);

    CommandResult listed = controlPlane.list();

    assertThat(listed.getOk()).isTrue();
    assertThat(listed.getLoadedModelsList())
        .containsExactly(LoadedModel.newBuilder().setModelName("b").setVersion(3).build());
  }

  // ---- failures ----

  @Test
  void reportsWhyALoadFailed() throws InterruptedException {
    Path broken = folders.bare("broken", "model.fake", "fail").getParent();
    Path simple = folders.simple("1");
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();

    CommandResult missing = controlPlane.load(load("gone", 1, SAMPLES + "no-such-model", 0, 10));
    assertThat(missing.getOk()).isFalse();
    assertThat(missing.getError()).contains("not found", "no-such-model", SAMPLES + "no-such-model");

    CommandResult failing = controlPlane.load(load("broken", 1, broken.toString(), 0, 10));
    assertThat(failing.getOk()).isFalse();
    assertThat(failing.getError()).contains("says fail");

    CommandResult noSuchVersion = controlPlane.load(load("simple", 1, simple.toString(), 5, 10));
    assertThat(noSuchVersion.getOk()).isFalse();
    assertThat(noSuchVersion.getError()).contains("artifactVersion 5");

    CommandResult scheme = controlPlane.load(load("x", 1, "ftp://host/x", 0, 10));
    assertThat(scheme.getError()).contains("ftp");

    // A failed model is not held: loading a fixed copy later works.
    ModelFolders.write(broken.resolve("model.fake"), "fixed");
    assertThat(controlPlane.load(load("broken", 1, broken.toString(), 0, 10)).getOk()).isTrue();
  }

  // ---- reconnection ----

  @Test
  void reconnectsAfterTheControlPlaneRestartsAndListsItsModels() throws InterruptedException {
    Path a = folders.bare("a", "model.fake", "a").getParent();
    startAgent(1_000_000, 0);
    controlPlane.nextRegistration();
    assertThat(controlPlane.load(load("a", 4, a.toString(), 0, 10)).getOk()).isTrue();
    await().atMost(DEADLINE).until(agent::connected);

    int port = controlPlane.port();
    controlPlane.close();
    await().atMost(DEADLINE).until(() -> !agent.connected());
    assertThat(infer("a_4", ECHO_INFER).status()).as("serving goes on without the control plane").isEqualTo(HttpStatus.OK);
    controlPlane = FakeControlPlane.startOn(port);

    Register again = controlPlane.nextRegistration();
    assertThat(again.getLoadedModelsList())
        .containsExactly(LoadedModel.newBuilder().setModelName("a").setVersion(4).build());
    await().atMost(DEADLINE).until(agent::connected);
    assertThat(controlPlane.unload("a", 4).getOk()).isTrue();
  }

  // ---- memory, overcommit, eviction ----

  @Test
  void evictsTheLeastRecentlyUsedModelAndReloadsItOnTheNextRequest() throws InterruptedException {
    List<Path> models = new ArrayList<>();
    for (String name : List.of("a", "b", "c", "d")) {
      models.add(folders.bare(name, "model.fake", name).getParent());
    }
    startAgent(100, 100);
    controlPlane.nextRegistration();

    assertThat(controlPlane.load(load("a", 1, models.get(0).toString(), 0, 60)).getOk()).isTrue();
    assertThat(controlPlane.load(load("b", 1, models.get(1).toString(), 0, 60)).getOk()).isTrue();
    await().atMost(DEADLINE).until(() -> controlPlane.evictions().size() == 1);
    assertThat(controlPlane.evictions()).containsExactly(evicted("a", 1));
    assertThat(fake.latest("a_1", "1").isClosed()).isTrue();

    assertThat(controlPlane.load(load("c", 1, models.get(2).toString(), 0, 60)).getOk()).isTrue();
    CommandResult full = controlPlane.load(load("d", 1, models.get(3).toString(), 0, 60));
    assertThat(full.getOk()).isFalse();
    assertThat(full.getError()).contains("d_1", "needs 60 bytes", "20 of its 200 bytes");
    CommandResult tooBig = controlPlane.load(load("e", 1, models.get(3).toString(), 0, 101));
    assertThat(tooBig.getError()).contains("more than the 100 bytes");

    // a was evicted (and then b): a request for it reloads it, evicting c, the least recently used.
    AggregatedHttpResponse response = infer("a_1", ECHO_INFER);
    assertThat(response.status()).isEqualTo(HttpStatus.OK);
    assertThat(response.contentUtf8()).contains("\"model_name\":\"a_1\"");
    assertThat(fake.latest("a_1", "1").isClosed()).isFalse();
    assertThat(fake.latest("c_1", "1").isClosed()).isTrue();
    await().atMost(DEADLINE).untilAsserted(() -> assertThat(controlPlane.evictions())
        .containsExactly(evicted("a", 1), evicted("b", 1), evicted("c", 1)));

    // Unloading an evicted model frees its registration: d fits now.
    assertThat(controlPlane.unload("b", 1).getOk()).isTrue();
    assertThat(controlPlane.load(load("d", 1, models.get(3).toString(), 0, 60)).getOk()).isTrue();
  }

  @Test
  void concurrentRequestsForAnEvictedModelShareOneReload() throws Exception {
    Path a = folders.bare("a", "model.fake", "a").getParent();
    Path b = folders.bare("b", "model.fake", "b").getParent();
    startAgent(100, 100);
    controlPlane.nextRegistration();
    assertThat(controlPlane.load(load("a", 1, a.toString(), 0, 60)).getOk()).isTrue();
    assertThat(controlPlane.load(load("b", 1, b.toString(), 0, 60)).getOk()).isTrue();
    long loadsOfA = fake.loaded().stream().filter(m -> m.artifact().name().equals("a_1")).count();

    CountDownLatch gate = fake.holdLoads();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    try {
      List<CompletableFuture<AggregatedHttpResponse>> responses = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        responses.add(CompletableFuture.supplyAsync(() -> infer("a_1", ECHO_INFER), clients));
      }
      await().atMost(DEADLINE).untilAsserted(() -> assertThat(
          rest().blocking().prepare().post("/v2/repository/index").content(MediaType.JSON, "{}").execute().contentUtf8())
          .containsPattern("\"name\":\"a_1\"[^}]*\"state\":\"LOADING\""));
      assertThat(responses).noneMatch(CompletableFuture::isDone);
      gate.countDown();

      for (CompletableFuture<AggregatedHttpResponse> response : responses) {
        assertThat(response.get(10, TimeUnit.SECONDS).status()).isEqualTo(HttpStatus.OK);
      }
    } finally {
      gate.countDown();
      clients.shutdownNow();
    }
    assertThat(fake.loaded().stream().filter(m -> m.artifact().name().equals("a_1")).count()).isEqualTo(loadsOfA + 1);
    assertThat(fake.latest("b_1", "1").isClosed()).isTrue();
  }

  @Test
  void aModelInUseIsNotEvicted() throws Exception {
    Path a = folders.bare("a", "model.fake", "a").getParent();
    Path b = folders.bare("b", "model.fake", "b").getParent();
    startAgent(100, 100);
    controlPlane.nextRegistration();
    assertThat(controlPlane.load(load("a", 1, a.toString(), 0, 60)).getOk()).isTrue();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = holdRequests(running);
    CompletableFuture<AggregatedHttpResponse> slow = CompletableFuture.supplyAsync(() -> infer("a_1", ECHO_INFER));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    CompletableFuture<CommandResult> loadB = controlPlane.loadAsync(load("b", 1, b.toString(), 0, 60));
    // b needs a's memory, but a is busy: b waits rather than evicting it mid-request.
    await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> !loadB.isDone());
    assertThat(fake.loaded()).noneMatch(m -> m.artifact().name().equals("b_1"));
    assertThat(fake.latest("a_1", "1").isClosed()).isFalse();
    release.countDown();

    assertThat(slow.get(10, TimeUnit.SECONDS).status()).isEqualTo(HttpStatus.OK);
    assertThat(loadB.get(10, TimeUnit.SECONDS).getOk()).isTrue();
    assertThat(fake.latest("a_1", "1").isClosed()).isTrue();
    assertThat(fake.latest("a_1", "1").inFlightAtClose()).isZero();
  }

  @Test
  void reportsTheRequestsItIsServingSoADrainCanWaitForZero() throws Exception {
    Path a = folders.bare("a", "model.fake", "a").getParent();
    startAgent(100, 100);
    controlPlane.nextRegistration();
    assertThat(controlPlane.load(load("a", 1, a.toString(), 0, 10)).getOk()).isTrue();
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch release = holdRequests(running);
    CompletableFuture<AggregatedHttpResponse> first = CompletableFuture.supplyAsync(() -> infer("a_1", ECHO_INFER));
    CompletableFuture<AggregatedHttpResponse> second = CompletableFuture.supplyAsync(() -> infer("a_1", ECHO_INFER));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(controlPlane.loadReport().getInFlightRequests()).isEqualTo(2);
    release.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS).status()).isEqualTo(HttpStatus.OK);
    assertThat(second.get(10, TimeUnit.SECONDS).status()).isEqualTo(HttpStatus.OK);
    await().atMost(DEADLINE).until(() -> controlPlane.loadReport().getInFlightRequests() == 0);
  }

  /** Requests count {@code running} down, then wait until the returned latch is released. */
  private CountDownLatch holdRequests(CountDownLatch running) {
    CountDownLatch release = new CountDownLatch(1);
    fake.behaviour((artifact, request) -> {
      running.countDown();
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return request.inputs();
    });
    return release;
  }

  private static ModelEvicted evicted(String model, long version) {
    return ModelEvicted.newBuilder().setModelName(model).setVersion(version).build();
  }
}
