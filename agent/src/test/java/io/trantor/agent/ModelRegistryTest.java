package io.trantor.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.agent.testing.FakeRuntime;
import io.trantor.agent.testing.FakeRuntime.FakeModel;
import io.trantor.agent.testing.ModelFolders;
import io.trantor.protocol.Datatype;
import io.trantor.protocol.InferenceFailedException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceRequest.RequestedOutput;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelMetadata;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.ModelNotReadyException;
import io.trantor.protocol.RepositoryModel;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.TensorMetadata;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);

  @TempDir Path root;
  ModelFolders folders;
  FakeRuntime fake;
  ModelRegistry registry;
  ExecutorService threads;

  @BeforeEach
  void setUp() {
    folders = new ModelFolders(root);
    fake = new FakeRuntime();
    registry = new ModelRegistry(new FileSystemModelRepository(root), new RuntimeRegistry(List.of(fake)));
    threads = Executors.newFixedThreadPool(4);
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    threads.shutdownNow();
    assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    registry.close();
  }

  private static int[] sixteen(int start) {
    int[] values = new int[16];
    for (int i = 0; i < 16; i++) {
      values[i] = start + i;
    }
    return values;
  }

  private static InferenceRequest simpleRequest(String version, String id, RequestedOutput... outputs) {
    return new InferenceRequest("simple", version, id, Map.of(),
        List.of(Tensor.ofInts("INPUT0", new long[] {1, 16}, sixteen(0)),
            Tensor.ofInts("INPUT1", new long[] {1, 16}, sixteen(100))),
        List.of(outputs));
  }

  private static InferenceRequest requestWith(Tensor... inputs) {
    return InferenceRequest.of("simple", List.of(inputs));
  }

  // ---- serving ----

  @Test
  void servesTheNewestVersionAndEchoesTheRequestId() {
    folders.simple("1", "2");
    registry.load("simple");

    InferenceResponse response = registry.infer(simpleRequest(null, "req-7"));

    assertThat(response.modelName()).isEqualTo("simple");
    assertThat(response.modelVersion()).isEqualTo("2");
    assertThat(response.id()).isEqualTo("req-7");
    assertThat(response.outputs()).extracting(Tensor::name).containsExactly("OUTPUT0", "OUTPUT1");
    assertThat(response.output("OUTPUT1").asInts()).containsExactly(sixteen(100));
  }

  @Test
  void servesAnExplicitVersionAndTreatsAnEmptyVersionAsTheNewest() {
    folders.simple("1", "2");
    registry.load("simple");

    assertThat(registry.infer(simpleRequest("1", null)).modelVersion()).isEqualTo("1");
    assertThat(registry.infer(simpleRequest("", null)).modelVersion()).isEqualTo("2");
  }

  @Test
  void rejectsAVersionItDoesNotServe() {
    folders.simple("1", "2");
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(simpleRequest("3", null)))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessage("model 'simple' has no version '3' (ready versions: 1, 2)");
    assertThat(registry.isReady("simple", "3")).isFalse();
    assertThat(registry.isReady("simple", "1")).isTrue();
    assertThat(registry.isReady("simple", null)).isTrue();
  }

  @Test
  void returnsOnlyTheRequestedOutputsInTheRequestedOrder() {
    folders.simple("1");
    registry.load("simple");

    InferenceResponse response = registry.infer(
        simpleRequest(null, null, RequestedOutput.named("OUTPUT1"), RequestedOutput.named("OUTPUT0")));

    assertThat(response.outputs()).extracting(Tensor::name).containsExactly("OUTPUT1", "OUTPUT0");
    assertThat(registry.infer(simpleRequest(null, null, RequestedOutput.named("OUTPUT1"))).outputs())
        .extracting(Tensor::name).containsExactly("OUTPUT1");
  }

  @Test
  void leavesOutADeclaredOutputTheModelChoseNotToProduce() {
    folders.simple("1");
    fake.behaviour((artifact, request) -> List.of(request.input("INPUT0").withName("OUTPUT0")));
    registry.load("simple");

    InferenceResponse response = registry.infer(
        simpleRequest(null, null, RequestedOutput.named("OUTPUT0"), RequestedOutput.named("OUTPUT1")));

    assertThat(response.outputs()).extracting(Tensor::name).containsExactly("OUTPUT0");
  }

  @Test
  void rejectsARequestedOutputTheModelDoesNotHave() {
    folders.simple("1");
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(simpleRequest(null, null, RequestedOutput.named("OUTPUT9"))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unexpected inference output 'OUTPUT9' for model 'simple', allowed outputs are: OUTPUT0, OUTPUT1");
  }

  @Test
  void reportsMetadataOfTheServedVersions() {
    folders.simple("1", "2");
    registry.load("simple");

    ModelMetadata metadata = registry.metadata("simple", null);

    assertThat(metadata.name()).isEqualTo("simple");
    assertThat(metadata.versions()).containsExactly("1", "2");
    assertThat(metadata.platform()).isEqualTo("fake");
    assertThat(metadata.inputs()).containsExactly(
        TensorMetadata.of("INPUT0", Datatype.INT32, -1, 16), TensorMetadata.of("INPUT1", Datatype.INT32, -1, 16));
    assertThat(metadata.outputs()).extracting(TensorMetadata::name).containsExactly("OUTPUT0", "OUTPUT1");
  }

  // ---- validation ----

  @Test
  void rejectsAnInputOfTheWrongShape() {
    folders.simple("1");
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(requestWith(
            Tensor.ofInts("INPUT0", new long[] {1, 20}, new int[20]),
            Tensor.ofInts("INPUT1", new long[] {1, 16}, sixteen(0)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unexpected shape for input 'INPUT0' for model 'simple'. Expected [-1,16], got [1,20]");
  }

  @Test
  void rejectsAnInputOfTheWrongRank() {
    folders.simple("1");
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(requestWith(
            Tensor.ofInts("INPUT0", new long[] {16}, sixteen(0)),
            Tensor.ofInts("INPUT1", new long[] {1, 16}, sixteen(0)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unexpected shape for input 'INPUT0' for model 'simple'. Expected [-1,16], got [16]");
  }

  @Test
  void acceptsAnyBatchSizeWhereTheShapeSaysMinusOne() {
    folders.simple("1");
    registry.load("simple");
    int[] two = new int[32];

    InferenceResponse response = registry.infer(requestWith(
        Tensor.ofInts("INPUT0", new long[] {2, 16}, two), Tensor.ofInts("INPUT1", new long[] {2, 16}, two)));

    assertThat(response.output("OUTPUT0").shape()).containsExactly(2, 16);
  }

  @Test
  void rejectsAnInputOfTheWrongDatatype() {
    folders.simple("1");
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(requestWith(
            Tensor.ofFloats("INPUT0", new long[] {1, 16}, new float[16]),
            Tensor.ofInts("INPUT1", new long[] {1, 16}, sixteen(0)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("inference input 'INPUT0' data-type is 'FP32', but model 'simple' expects 'INT32'");
  }

  @Test
  void rejectsAnUnknownInput() {
    folders.simple("1");
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(requestWith(
            Tensor.ofInts("INPUT0", new long[] {1, 16}, sixteen(0)),
            Tensor.ofInts("INPUT7", new long[] {1, 16}, sixteen(0)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("unexpected inference input 'INPUT7' for model 'simple', allowed inputs are: INPUT0, INPUT1");
  }

  @Test
  void rejectsAMissingInput() {
    folders.simple("1");
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(requestWith(Tensor.ofInts("INPUT0", new long[] {1, 16}, sixteen(0)))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("expected 2 inputs but got 1 inputs for model 'simple'; missing required input(s) 'INPUT1'");
  }

  @Test
  void rejectsAnInputSentTwice() {
    folders.simple("1");
    registry.load("simple");
    Tensor input = Tensor.ofInts("INPUT0", new long[] {1, 16}, sixteen(0));

    assertThatThrownBy(() -> registry.infer(requestWith(input, input)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("input 'INPUT0' appears more than once in the request for model 'simple'");
  }

  @Test
  void acceptsAnyInputsWhenTheModelDeclaresNone() {
    folders.bare("echo", "model.fake", "echo");
    registry.load("echo");

    InferenceResponse response = registry.infer(
        InferenceRequest.of("echo", List.of(Tensor.ofStrings("anything", new long[] {1}, "hi"))));

    assertThat(response.output("anything").asStrings()).containsExactly("hi");
  }

  // ---- model failures ----

  @Test
  void reportsAModelCrashAsAFailureNamingTheModel() {
    folders.simple("1");
    IllegalStateException crash = new IllegalStateException("index 16 out of bounds\n\tat somewhere");
    fake.behaviour((artifact, request) -> {
      throw crash;
    });
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(simpleRequest(null, null)))
        .isInstanceOf(InferenceFailedException.class)
        .hasMessage("model 'simple' failed: index 16 out of bounds")
        .hasCause(crash);
  }

  @Test
  void passesOnAnInvalidInputTheModelDetects() {
    folders.simple("1");
    fake.behaviour((artifact, request) -> {
      throw new InvalidInputException("INPUT0 must be sorted");
    });
    registry.load("simple");

    assertThatThrownBy(() -> registry.infer(simpleRequest(null, null)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("INPUT0 must be sorted");
  }

  // ---- lifecycle ----

  @Test
  void rejectsRequestsForAModelItHasNeverSeen() {
    assertThatThrownBy(() -> registry.infer(simpleRequest(null, null)))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessage("model 'simple' is not found");
    assertThatThrownBy(() -> registry.load("simple"))
        .isInstanceOf(ModelNotFoundException.class)
        .hasMessage("model 'simple' is not in the model repository");
    assertThat(registry.isReady("simple", null)).isFalse();
  }

  @Test
  void closesAnUnloadedModelAndRefusesItsRequests() {
    folders.simple("1");
    registry.load("simple");
    FakeModel model = fake.latest("simple", "1");

    registry.unload("simple");

    assertThat(model.closeCount()).isEqualTo(1);
    assertThat(registry.isReady("simple", null)).isFalse();
    assertThatThrownBy(() -> registry.infer(simpleRequest(null, null)))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessage("model 'simple' is unavailable: unloaded");
    assertThatThrownBy(() -> registry.metadata("simple", null)).isInstanceOf(ModelNotReadyException.class);
  }

  @Test
  void closesAnUnloadedModelOnlyAfterItsRequestInFlightReturns() throws Exception {
    folders.simple("1");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fake.behaviour(blockingEcho(entered, release));
    registry.load("simple");
    FakeModel model = fake.latest("simple", "1");
    CompletableFuture<InferenceResponse> inFlight =
        CompletableFuture.supplyAsync(() -> registry.infer(simpleRequest(null, null)), threads);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

    registry.unload("simple");

    assertThat(model.isClosed()).isFalse();
    release.countDown();
    assertThat(inFlight.get(10, TimeUnit.SECONDS).outputs()).hasSize(2);
    await().atMost(DEADLINE).until(model::isClosed);
    assertThat(model.inFlightAtClose()).isZero();
  }

  @Test
  void reloadSwapsInTheNewInstanceAndClosesTheOldOneAfterItsRequestReturns() throws Exception {
    folders.simple("1");
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fake.behaviour(blockingEcho(entered, release));
    registry.load("simple");
    FakeModel old = fake.latest("simple", "1");
    CompletableFuture<InferenceResponse> inFlight =
        CompletableFuture.supplyAsync(() -> registry.infer(simpleRequest(null, null)), threads);
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    fake.behaviour(FakeRuntime.ECHO);

    registry.load("simple");

    FakeModel current = fake.latest("simple", "1");
    assertThat(current).isNotSameAs(old);
    assertThat(registry.infer(simpleRequest(null, null)).outputs()).hasSize(2);
    assertThat(old.isClosed()).as("old instance still runs a request").isFalse();
    release.countDown();
    assertThat(inFlight.get(10, TimeUnit.SECONDS).modelVersion()).isEqualTo("1");
    await().atMost(DEADLINE).until(old::isClosed);
    assertThat(old.inFlightAtClose()).isZero();
    assertThat(current.isClosed()).isFalse();
  }

  @Test
  void failsNoRequestWhileTheModelIsReloadedOverAndOver() throws Exception {
    folders.simple("1", "2");
    registry.load("simple");
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger served = new AtomicInteger();
    AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (int c = 0; c < 3; c++) {
      clients.add(CompletableFuture.runAsync(() -> {
        while (!stop.get()) {
          try {
            registry.infer(simpleRequest(served.get() % 2 == 0 ? null : "1", null));
            served.incrementAndGet();
          } catch (RuntimeException e) {
            firstFailure.compareAndSet(null, e);
          }
        }
      }, threads));
    }

    for (int reload = 0; reload < 30; reload++) {
      registry.load("simple");
    }
    await().atMost(DEADLINE).until(() -> served.get() > 100);
    stop.set(true);
    CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

    assertThat(firstFailure.get()).isNull();
    List<FakeModel> loaded = fake.loaded();
    assertThat(loaded).hasSize(62);
    assertThat(loaded.subList(0, 60)).allSatisfy(m -> {
      assertThat(m.closeCount()).isEqualTo(1);
      assertThat(m.inFlightAtClose()).isZero();
    });
    assertThat(loaded.subList(60, 62)).noneMatch(FakeModel::isClosed);
  }

  @Test
  void keepsServingTheOldInstanceWhenAReloadFails() {
    folders.simple("1");
    registry.load("simple");
    ModelFolders.write(root.resolve("simple/1/model.fake"), "fail");

    assertThatThrownBy(() -> registry.load("simple"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("failed to load 'simple': model 'simple': " + root.resolve("simple/1/model.fake") + " says fail");

    assertThat(registry.infer(simpleRequest(null, null)).outputs()).hasSize(2);
    assertThat(fake.latest("simple", "1").isClosed()).isFalse();
  }

  @Test
  void reloadPicksUpVersionsAddedOnDisk() {
    folders.simple("1");
    registry.load("simple");
    FakeModel first = fake.latest("simple", "1");
    folders.simple("2");

    registry.load("simple");

    assertThat(registry.metadata("simple", null).versions()).containsExactly("1", "2");
    assertThat(registry.infer(simpleRequest(null, null)).modelVersion()).isEqualTo("2");
    await().atMost(DEADLINE).until(first::isClosed);
  }

  @Test
  void showsLoadingWhileTheFirstLoadRuns() throws Exception {
    folders.simple("1");
    CountDownLatch gate = fake.holdLoads();
    CompletableFuture<Void> loading = CompletableFuture.runAsync(() -> registry.load("simple"), threads);

    await().atMost(DEADLINE).until(() -> registry.index(false).contains(new RepositoryModel("simple", "", "LOADING", "")));
    assertThatThrownBy(() -> registry.infer(simpleRequest(null, null)))
        .isInstanceOf(ModelNotReadyException.class)
        .hasMessage("model 'simple' is loading");

    gate.countDown();
    loading.get(10, TimeUnit.SECONDS);
    assertThat(registry.isReady("simple", "1")).isTrue();
  }

  // ---- index ----

  @Test
  void indexesEveryFolderWithItsStateAndReason() {
    folders.simple("1", "2");
    folders.bare("echo", "model.fake", "echo");
    folders.bare("broken", "model.fake", "fail");
    folders.mlServer("bad-settings", "{\"inputs\": 3}");
    folders.bare("unclaimed", "model.pt", "x");
    registry.loadAll();
    registry.unload("echo");
    folders.bare("late", "model.fake", "added after loadAll");

    assertThat(registry.index(false)).containsExactly(
        new RepositoryModel("bad-settings", "", "UNAVAILABLE",
            root.resolve("bad-settings/model-settings.json") + ": inputs must be an array of {name, datatype, shape}"),
        new RepositoryModel("broken", "", "UNAVAILABLE",
            "model 'broken': " + root.resolve("broken/model.fake") + " says fail"),
        new RepositoryModel("echo", "", "UNAVAILABLE", "unloaded"),
        new RepositoryModel("late", "", "UNAVAILABLE", "not loaded"),
        new RepositoryModel("simple", "1", "READY", ""),
        new RepositoryModel("simple", "2", "READY", ""),
        new RepositoryModel("unclaimed", "", "UNAVAILABLE",
            "no runtime can load model 'unclaimed' version 1 from " + root.resolve("unclaimed")
                + "; runtimes present: fake [fake]. Name one in model-settings.json 'implementation' or"
                + " config.pbtxt 'platform'/'backend', or add a file the runtime recognises"));
    assertThat(registry.index(true)).containsExactly(
        new RepositoryModel("simple", "1", "READY", ""), new RepositoryModel("simple", "2", "READY", ""));
  }

  @Test
  void keepsAnUnloadedModelInTheIndexAfterItsFolderIsDeleted() throws Exception {
    folders.bare("echo", "model.fake", "echo");
    registry.load("echo");
    registry.unload("echo");
    java.nio.file.Files.delete(root.resolve("echo/model.fake"));
    java.nio.file.Files.delete(root.resolve("echo"));

    assertThat(registry.index(false)).containsExactly(new RepositoryModel("echo", "", "UNAVAILABLE", "unloaded"));
  }

  @Test
  void closingUnloadsEveryModel() {
    folders.simple("1", "2");
    registry.loadAll();

    registry.close();

    assertThat(fake.loaded()).hasSize(2).allMatch(FakeModel::isClosed);
    assertThat(registry.index(true)).isEmpty();
    assertThat(registry.capabilities()).containsExactly("fake");
  }

  private static FakeRuntime.Behaviour blockingEcho(CountDownLatch entered, CountDownLatch release) {
    return (artifact, request) -> {
      entered.countDown();
      try {
        if (!release.await(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test never released the request");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      return FakeRuntime.ECHO.infer(artifact, request);
    };
  }
}
