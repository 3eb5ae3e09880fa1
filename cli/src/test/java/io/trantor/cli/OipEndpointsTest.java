package io.trantor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.MediaType;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.agent.ModelRegistry;
import io.trantor.agent.repository.FileSystemModelRepository;
import io.trantor.agent.server.OipServer;
import io.trantor.agent.server.ServeConfig;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.InferTensorContents;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelMetadataRequest;
import io.trantor.protocol.grpc.ModelMetadataResponse;
import io.trantor.protocol.grpc.ServerLiveRequest;
import io.trantor.runtime.api.RuntimeRegistry;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The OIP surface of {@code trantor serve} as a client sees it: real runtimes, the committed
 * sample models, REST (HTTP/1.1) and gRPC over loopback on one port.
 */
class OipEndpointsTest {
  private static final Path SAMPLES = Path.of("../samples/models").toAbsolutePath().normalize();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RuntimeRegistry runtimes;
  private static ModelRegistry registry;
  private static OipServer server;
  private static BlockingWebClient http;
  private static ManagedChannel channel;
  private static GRPCInferenceServiceBlockingStub grpc;

  @BeforeAll
  static void start() {
    runtimes = RuntimeRegistry.discover();
    registry = new ModelRegistry(new FileSystemModelRepository(SAMPLES), runtimes);
    registry.loadAll();
    server = OipServer.start(registry, ServeConfig.forTests().withMaxRequestBytes(1024 * 1024));
    http = WebClient.of("http://127.0.0.1:" + server.port()).blocking();
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    grpc = GRPCInferenceServiceGrpc.newBlockingStub(channel);
  }

  @AfterAll
  static void stop() {
    channel.shutdownNow();
    server.close();
    registry.close();
    runtimes.close();
  }

  // ---------------------------------------------------------------- REST

  @Test
  void healthEndpointsAnswer200() {
    assertThat(http.get("/v2/health/live").status().code()).isEqualTo(200);
    assertThat(http.get("/v2/health/ready").status().code()).isEqualTo(200);
    assertThat(http.get("/v2/models/simple/ready").status().code()).isEqualTo(200);
  }

  @Test
  void serverMetadataNamesTrantor() throws Exception {
    JsonNode body = json(http.get("/v2"));
    assertThat(body.get("name").asText()).isEqualTo("trantor");
    assertThat(body.get("extensions").toString()).contains("model_repository");
  }

  @Test
  void modelMetadataComesFromTheModel() throws Exception {
    JsonNode body = json(http.get("/v2/models/simple"));
    assertThat(body.get("name").asText()).isEqualTo("simple");
    assertThat(body.get("inputs").get(0).get("name").asText()).isEqualTo("INPUT0");
    assertThat(body.get("inputs").get(0).get("datatype").asText()).isEqualTo("INT32");
    assertThat(body.get("inputs").get(0).get("shape").toString()).isEqualTo("[-1,16]");
  }

  @Test
  void simpleModelAddsAndSubtractsOverRest() throws Exception {
    AggregatedHttpResponse response = post("/v2/models/simple/infer", simpleRequest("req-1", ""));

    assertThat(response.status().code()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("id").asText()).isEqualTo("req-1");
    assertThat(body.get("model_name").asText()).isEqualTo("simple");
    assertThat(output(body, "OUTPUT0").get("data").toString())
        .isEqualTo(IntStream.rangeClosed(1, 16).map(i -> 2 * i).boxed().toList().toString().replace(" ", ""));
    assertThat(output(body, "OUTPUT1").get("data").toString())
        .isEqualTo("[0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0]");
  }

  @Test
  void versionedPathAndRequestedOutputsAreHonoured() throws Exception {
    AggregatedHttpResponse response =
        post(
            "/v2/models/simple/versions/1/infer",
            simpleRequest(null, ",\"outputs\":[{\"name\":\"OUTPUT1\"}]"));

    JsonNode body = json(response);
    assertThat(body.get("outputs")).hasSize(1);
    assertThat(body.get("outputs").get(0).get("name").asText()).isEqualTo("OUTPUT1");
  }

  @Test
  void irisClassifiesTheDocumentedExample() throws Exception {
    AggregatedHttpResponse response =
        post(
            "/v2/models/iris/infer",
            "{\"inputs\":[{\"name\":\"input\",\"shape\":[1,4],\"datatype\":\"FP32\","
                + "\"data\":[[1,2,3,4]]}]}");

    assertThat(response.status().code()).isEqualTo(200);
    assertThat(output(json(response), "predict").get("data").get(0).asLong()).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown model        | /v2/models/nope/infer   | {"inputs":[]}                                                                     | 404 | nope
          malformed JSON       | /v2/models/simple/infer | {"inputs": [                                                                      | 400 | JSON
          wrong datatype       | /v2/models/simple/infer | {"inputs":[{"name":"INPUT0","shape":[1,16],"datatype":"FP32","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]},{"name":"INPUT1","shape":[1,16],"datatype":"INT32","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}]} | 400 | INPUT0
          shape mismatch       | /v2/models/simple/infer | {"inputs":[{"name":"INPUT0","shape":[1,20],"datatype":"INT32","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]},{"name":"INPUT1","shape":[1,20],"datatype":"INT32","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}]} | 400 | INPUT0
          element count        | /v2/models/simple/infer | {"inputs":[{"name":"INPUT0","shape":[1,16],"datatype":"INT32","data":[1,2,3]},{"name":"INPUT1","shape":[1,16],"datatype":"INT32","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}]} | 400 | INPUT0
          missing input        | /v2/models/simple/infer | {"inputs":[{"name":"INPUT0","shape":[1,16],"datatype":"INT32","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}]} | 400 | INPUT1
          unknown datatype     | /v2/models/simple/infer | {"inputs":[{"name":"INPUT0","shape":[1,16],"datatype":"INT33","data":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]}]} | 400 | INT33
          unknown version      | /v2/models/simple/versions/9/infer | {"inputs":[]}                                                          | 404 | simple
          """)
  void badInputGetsAnOipErrorNamingTheProblem(
      String label, String path, String body, int status, String mentioned) throws Exception {
    AggregatedHttpResponse response = post(path, body);

    assertThat(response.status().code()).as(label).isEqualTo(status);
    assertThat(response.contentType()).isEqualTo(MediaType.JSON);
    String error = json(response).get("error").asText();
    assertThat(error).as(label).contains(mentioned).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void shapeMismatchReadsLikeTriton() throws Exception {
    String twenty = IntStream.rangeClosed(1, 20).boxed().toList().toString();
    AggregatedHttpResponse response =
        post(
            "/v2/models/simple/infer",
            "{\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,20],\"datatype\":\"INT32\",\"data\":" + twenty
                + "},{\"name\":\"INPUT1\",\"shape\":[1,20],\"datatype\":\"INT32\",\"data\":" + twenty + "}]}");

    assertThat(json(response).get("error").asText())
        .contains("unexpected shape for input 'INPUT0' for model 'simple'. Expected [-1,16], got [1,20]");
  }

  @Test
  void oversizedBodyIs413WithOipError() throws Exception {
    String huge = "{\"inputs\":[],\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
    AggregatedHttpResponse response = post("/v2/models/simple/infer", huge);

    assertThat(response.status().code()).isEqualTo(413);
    assertThat(json(response).has("error")).isTrue();
  }

  @Test
  void unknownEndpointIs404WithOipError() throws Exception {
    AggregatedHttpResponse response = http.get("/v2/nothing/here");

    assertThat(response.status().code()).isEqualTo(404);
    assertThat(json(response).get("error").asText()).contains("/v2/nothing/here");
  }

  // ---------------------------------------------------------------- gRPC

  @Test
  void grpcServerLiveAndMetadata() {
    assertThat(grpc.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    ModelMetadataResponse metadata =
        grpc.modelMetadata(ModelMetadataRequest.newBuilder().setName("simple").build());
    assertThat(metadata.getInputsList()).extracting(i -> i.getName()).containsExactly("INPUT0", "INPUT1");
    assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 16L);
  }

  @Test
  void grpcTypedRequestToAnMlServerFolderIsAnsweredAsMlServerDoesWithTypedContents() {
    // `iris` is a model-settings.json folder: MLServer answers gRPC with typed contents.
    ModelInferResponse response = grpc.modelInfer(ModelInferRequest.newBuilder().setModelName("iris")
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("input").setDatatype("FP32")
            .addShape(1).addShape(4)
            .setContents(InferTensorContents.newBuilder().addFp32Contents(1).addFp32Contents(2).addFp32Contents(3)
                .addFp32Contents(4)))
        .build());

    assertThat(response.getRawOutputContentsCount()).isZero();
    assertThat(response.getOutputsList()).isNotEmpty().allSatisfy(o -> assertThat(o.hasContents()).isTrue());
  }

  @Test
  void grpcTypedRequestToATritonFolderIsAnsweredAsTritonDoesWithRawContents() {
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("simple").setId("g1");
    for (String name : new String[] {"INPUT0", "INPUT1"}) {
      InferTensorContents.Builder contents = InferTensorContents.newBuilder();
      IntStream.rangeClosed(1, 16).forEach(contents::addIntContents);
      request.addInputs(
          ModelInferRequest.InferInputTensor.newBuilder()
              .setName(name)
              .setDatatype("INT32")
              .addShape(1)
              .addShape(16)
              .setContents(contents));
    }

    ModelInferResponse response = grpc.modelInfer(request.build());

    assertThat(response.getId()).isEqualTo("g1");
    assertThat(response.getOutputs(0).getName()).isEqualTo("OUTPUT0");
    // `simple` is a config.pbtxt folder: Triton answers gRPC with raw_output_contents, whatever the request used.
    assertThat(response.getOutputs(0).hasContents()).isFalse();
    ByteBuffer doubled = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    IntStream.rangeClosed(1, 16).forEach(i -> assertThat(doubled.getInt()).isEqualTo(2 * i));
  }

  @Test
  void grpcRawRequestGetsRawResponse() {
    ByteBuffer raw = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
    IntStream.rangeClosed(1, 16).forEach(raw::putInt);
    ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("simple");
    for (String name : new String[] {"INPUT0", "INPUT1"}) {
      request.addInputs(
          ModelInferRequest.InferInputTensor.newBuilder()
              .setName(name)
              .setDatatype("INT32")
              .addShape(1)
              .addShape(16));
      request.addRawInputContents(ByteString.copyFrom(raw.array()));
    }

    ModelInferResponse response = grpc.modelInfer(request.build());

    assertThat(response.getRawOutputContentsCount()).isEqualTo(2);
    ByteBuffer sum = response.getRawOutputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    assertThat(sum.getInt(15 * 4)).isEqualTo(32);
  }

  @Test
  void grpcUnknownModelIsNotFound() {
    assertThatThrownBy(
            () -> grpc.modelMetadata(ModelMetadataRequest.newBuilder().setName("nope").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains("nope");
            });
  }

  @Test
  void grpcShapeMismatchIsInvalidArgument() {
    ModelInferRequest request =
        ModelInferRequest.newBuilder()
            .setModelName("simple")
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("INPUT0")
                    .setDatatype("INT32")
                    .addShape(1)
                    .addShape(2)
                    .setContents(InferTensorContents.newBuilder().addIntContents(1).addIntContents(2)))
            .addInputs(
                ModelInferRequest.InferInputTensor.newBuilder()
                    .setName("INPUT1")
                    .setDatatype("INT32")
                    .addShape(1)
                    .addShape(2)
                    .setContents(InferTensorContents.newBuilder().addIntContents(1).addIntContents(2)))
            .build();

    assertThatThrownBy(() -> grpc.modelInfer(request))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
              assertThat(e.getStatus().getDescription()).contains("INPUT0");
            });
  }

  // ---------------------------------------------------------------- helpers

  private static String simpleRequest(String id, String extra) {
    String data = IntStream.rangeClosed(1, 16).boxed().toList().toString();
    return "{"
        + (id == null ? "" : "\"id\":\"" + id + "\",")
        + "\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,16],\"datatype\":\"INT32\",\"data\":" + data
        + "},{\"name\":\"INPUT1\",\"shape\":[1,16],\"datatype\":\"INT32\",\"data\":" + data + "}]"
        + extra
        + "}";
  }

  private static AggregatedHttpResponse post(String path, String body) {
    return http.prepare().post(path).content(MediaType.JSON, body).execute();
  }

  private static JsonNode json(AggregatedHttpResponse response) throws Exception {
    return JSON.readTree(response.contentUtf8());
  }

  private static JsonNode output(JsonNode body, String name) {
    for (JsonNode output : body.get("outputs")) {
      if (output.get("name").asText().equals(name)) {
        return output;
      }
    }
    throw new AssertionError("no output " + name + " in " + body);
  }
}
