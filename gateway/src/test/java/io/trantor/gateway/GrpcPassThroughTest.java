package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ClientRequestContext;
import com.linecorp.armeria.client.ClientRequestContextCaptor;
import com.linecorp.armeria.client.Clients;
import com.linecorp.armeria.client.grpc.GrpcClientBuilder;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.SerializationFormat;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.InferParameter;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelMetadataRequest;
import io.trantor.protocol.grpc.ModelReadyRequest;
import io.trantor.protocol.grpc.RepositoryIndexRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * gRPC ModelInfer to a model goes to the replica as the caller's bytes, with the routed version
 * in {@code seldon-internal-model}; every other call takes the decoding path and answers as before.
 */
class GrpcPassThroughTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final String MODEL_INFER = "/inference.GRPCInferenceService/ModelInfer";

  @TempDir Path dir;
  FakeRouteService control;
  ReplicaServer a;
  ReplicaServer b;
  Gateway gateway;
  ClientFactory clients;

  @BeforeEach
  void setUp() {
    control = FakeRouteService.start();
    a = ReplicaServer.start(dir.resolve("a"), "iris_1", "iris_2");
    b = ReplicaServer.start(dir.resolve("b"), "mirror_1");
    gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()));
    clients = ClientFactory.builder().build();
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.close();
    gateway.close();
    control.close();
    a.close();
    b.close();
  }

  private GrpcClientBuilder client() {
    return GrpcClients.builder("http://127.0.0.1:" + gateway.port()).factory(clients);
  }

  private GRPCInferenceServiceBlockingStub grpc() {
    return client().build(GRPCInferenceServiceBlockingStub.class);
  }

  private void awaitRoute(String model) {
    await().atMost(DEADLINE).ignoreExceptions()
        .until(() -> grpc().modelReady(ModelReadyRequest.newBuilder().setName(model).build()).getReady());
  }

  /** What tritonclient sends: raw little-endian contents, an id and a parameter. */
  private static ModelInferRequest rawRequest(String model) {
    ByteBuffer raw = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1.5f).putFloat(2.5f);
    return ModelInferRequest.newBuilder()
        .setModelName(model)
        .setId("req-7")
        .putParameters("note", InferParameter.newBuilder().setStringParam("kept").build())
        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("INPUT0").setDatatype("FP32")
            .addShape(1).addShape(2))
        .addRawInputContents(ByteString.copyFrom(raw.array()))
        .build();
  }

  /** The gRPC frame a client sends for {@code request}: flag 0 (uncompressed), 4-byte length, message. */
  private static byte[] frame(ModelInferRequest request) {
    byte[] message = request.toByteArray();
    return ByteBuffer.allocate(5 + message.length).put((byte) 0).putInt(message.length).put(message).array();
  }

  private static List<ReplicaServer.Received> inferCalls(ReplicaServer replica) {
    return replica.received.stream().filter(r -> MODEL_INFER.equals(r.headers().path())).toList();
  }

  @Test
  void modelInferReachesTheRoutedVersionAsTheCallerSentIt() {
    control.publish("iris", 2, a.endpoint());
    awaitRoute("iris");
    ModelInferRequest request = rawRequest("iris");

    ModelInferResponse response;
    ClientRequestContext ctx;
    try (ClientRequestContextCaptor captor = Clients.newContextCaptor()) {
      response = client().addHeader("x-request-id", "grpc-id").build(GRPCInferenceServiceBlockingStub.class)
          .modelInfer(request);
      ctx = captor.get();
    }
    assertThat(response.getModelName()).isEqualTo("iris_2");
    assertThat(response.getId()).isEqualTo("req-7");
    assertThat(response.getRawOutputContents(0)).isEqualTo(request.getRawInputContents(0));
    var headers = ctx.log().whenComplete().join().responseHeaders();
    assertThat(headers.get("x-seldon-route")).isEqualTo(":iris_2:");
    assertThat(headers.get("x-request-id")).isEqualTo("grpc-id");

    assertThat(inferCalls(a)).singleElement().satisfies(call -> {
      assertThat(call.headers().get("seldon-internal-model")).isEqualTo("iris_2");
      assertThat(call.headers().get("x-request-id")).isEqualTo("grpc-id");
      assertThat(call.bytes()).as("the frame the replica read").isEqualTo(frame(request));
    });
  }

  @Test
  void theMirrorGetsTheSameBytesForItsOwnVersion() {
    control.publish("iris", 1, a.endpoint());
    control.publish("mirror", 1, b.endpoint());
    control.publishExperiment("ab", null, "mirror", 100, "iris", 100);
    awaitRoute("iris");
    awaitRoute("ab.experiment");
    ModelInferRequest request = rawRequest("ab.experiment");

    assertThat(grpc().modelInfer(request).getModelName()).isEqualTo("iris_1");

    await().atMost(DEADLINE).until(() -> !inferCalls(b).isEmpty());
    assertThat(inferCalls(b)).singleElement().satisfies(call -> {
      assertThat(call.headers().get("seldon-internal-model")).isEqualTo("mirror_1");
      assertThat(call.bytes()).isEqualTo(frame(request));
    });
  }

  @Test
  void replicaErrorsKeepTheirStatusAndMessage() {
    a.fake.behaviour((artifact, req) -> {
      throw new InvalidInputException("INPUT0: not a flower");
    });
    control.publish("iris", 1, a.endpoint());
    awaitRoute("iris");

    Status direct = statusOf(() -> GrpcClients.newClient("http://" + a.endpoint(), GRPCInferenceServiceBlockingStub.class)
        .modelInfer(rawRequest("iris_1")));
    Status viaGateway = statusOf(() -> grpc().modelInfer(rawRequest("iris")));
    assertThat(viaGateway.getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT).isEqualTo(direct.getCode());
    assertThat(viaGateway.getDescription()).contains("INPUT0: not a flower").isEqualTo(direct.getDescription());
  }

  @Test
  void compressedGrpcWebAndOtherCallsTakeTheDecodingPath() {
    control.publish("iris", 1, a.endpoint());
    awaitRoute("iris");

    assertThat(grpc().withCompression("gzip").modelInfer(rawRequest("iris")).getModelName()).isEqualTo("iris_1");
    assertThat(client().serializationFormat(SerializationFormat.of("gproto-web")).build(GRPCInferenceServiceBlockingStub.class)
        .modelInfer(rawRequest("iris")).getModelName()).isEqualTo("iris_1");
    // The decoding path re-encodes the message with the routed name; the byte path never does.
    assertThat(inferCalls(a)).hasSize(2).allSatisfy(call -> {
      assertThat(call.headers().get("seldon-internal-model")).isNull();
      assertThat(ModelInferRequest.parseFrom(Arrays.copyOfRange(call.bytes(), 5, call.bytes().length)).getModelName())
          .isEqualTo("iris_1");
    });

    assertThat(grpc().modelMetadata(ModelMetadataRequest.newBuilder().setName("iris").build()).getName())
        .isEqualTo("iris_1");
    assertThat(statusOf(() -> grpc().repositoryIndex(RepositoryIndexRequest.getDefaultInstance())).getCode())
        .isEqualTo(Status.Code.UNIMPLEMENTED);
    assertThat(statusOf(() -> grpc().modelInfer(rawRequest("nope"))).getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(statusOf(() -> client().addHeader("seldon-model", "p.pipeline").build(GRPCInferenceServiceBlockingStub.class)
        .modelInfer(rawRequest("p"))).getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void retriesOnAnotherReplicaWhenTheReplicaDiesWithTheRequestInFlight() throws Exception {
    try (DyingReplica dying = new DyingReplica()) {
      control.publish("iris", 1, dying.endpoint(), a.endpoint());
      awaitRoute("iris");
      for (int i = 0; i < 10; i++) {
        assertThat(grpc().modelInfer(rawRequest("iris")).getModelName()).isEqualTo("iris_1");
      }
      assertThat(inferCalls(a)).hasSize(10);
    }
  }

  private static Status statusOf(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      return e.getStatus();
    }
    throw new AssertionError("the call succeeded");
  }
}
