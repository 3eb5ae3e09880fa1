package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.RequestHeadersBuilder;
import com.linecorp.armeria.server.Server;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.Tensor;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ProtoCodec;
import io.trantor.protocol.grpc.ServerLiveRequest;
import io.trantor.security.ClientTlsFiles;
import io.trantor.security.JwtSettings;
import io.trantor.security.JwtVerifier;
import io.trantor.security.LocalCa;
import io.trantor.security.ServerTlsFiles;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with TLS on its port and on the hop to a TLS replica, and JWTs required: real
 * handshakes, tokens signed with a key made here, the JWKS served over loopback HTTP.
 */
class GatewaySecurityIT {
  private static final String ISSUER = "https://issuer.test";
  private static final String BODY =
      "{\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2.5]}]}";

  @TempDir Path dir;
  private FakeRouteService control;
  private ReplicaServer replica;
  private Server jwks;
  private Gateway gateway;
  private ClientFactory clients;
  private ECKey key;
  private Path caCert;

  @BeforeEach
  void setUp() throws Exception {
    LocalCa ca = LocalCa.create("test CA");
    caCert = dir.resolve("ca.crt");
    ca.writeCertificate(caCert);
    ca.issueServer("localhost", List.of("localhost", "127.0.0.1")).write(dir.resolve("s.crt"), dir.resolve("s.key"));
    ServerTlsFiles serverTls = new ServerTlsFiles(dir.resolve("s.crt"), dir.resolve("s.key"), Optional.empty());

    key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
    jwks = Server.builder().http(new InetSocketAddress("127.0.0.1", 0))
        .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
        .service("/jwks", (ctx, req) -> HttpResponse.of(HttpStatus.OK, MediaType.JSON, new JWKSet(key.toPublicJWK()).toString()))
        .build();
    jwks.start().join();

    control = FakeRouteService.start();
    replica = ReplicaServer.startTls(dir.resolve("r"), serverTls, "iris_1");
    ClientTlsFiles trustCa = ClientTlsFiles.of(caCert, null, null);
    gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()), new GatewaySecurity(serverTls,
        Optional.of(JwtVerifier.create(new JwtSettings(ISSUER, "http://127.0.0.1:" + jwks.activeLocalPort() + "/jwks",
            Optional.of("trantor")))),
        ClientTlsFiles.NONE, trustCa));
    clients = trustCa.clientFactory();
    control.publish("iris", 1, replica.endpoint());
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.close();
    gateway.close();
    control.close();
    replica.close();
    jwks.stop().join();
  }

  private String token(String issuer, Instant expires) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
        new JWTClaimsSet.Builder().issuer(issuer).audience("trantor").subject("alice").expirationTime(Date.from(expires)).build());
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  private AggregatedHttpResponse infer(String bearer) {
    BlockingWebClient http = WebClient.builder("https://127.0.0.1:" + gateway.port()).factory(clients).build().blocking();
    RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, "/v2/models/iris/infer").contentType(MediaType.JSON);
    if (bearer != null) {
      headers.add("authorization", "Bearer " + bearer);
    }
    return http.execute(headers.build(), BODY);
  }

  private GRPCInferenceServiceBlockingStub grpc(String bearer) {
    var builder = GrpcClients.builder("https://127.0.0.1:" + gateway.port()).factory(clients);
    if (bearer != null) {
      builder.addHeader("authorization", "Bearer " + bearer);
    }
    return builder.build(GRPCInferenceServiceBlockingStub.class);
  }

  @Test
  void aValidTokenOverTlsReachesTheTlsReplica() throws Exception {
    String token = token(ISSUER, Instant.now().plusSeconds(600));
    await().atMost(Duration.ofSeconds(15)).until(() -> infer(token).status().code() == 200);

    AggregatedHttpResponse response = infer(token);

    assertThat(response.contentUtf8()).contains("\"model_name\":\"iris_1\"");
    // The token stops at the gateway.
    assertThat(replica.headers.getLast().contains("authorization")).isFalse();
  }

  @Test
  void restWithoutATokenOrWithAnExpiredOrForeignOneIs401() throws Exception {
    AggregatedHttpResponse none = infer(null);
    assertThat(none.status().code()).isEqualTo(401);
    assertThat(none.headers().get("www-authenticate")).startsWith("Bearer");
    assertThat(none.contentUtf8()).startsWith("{\"error\":");

    assertThat(infer(token(ISSUER, Instant.now().minusSeconds(600))).status().code()).isEqualTo(401);
    assertThat(infer(token("https://other.test", Instant.now().plusSeconds(600))).status().code()).isEqualTo(401);
  }

  @Test
  void grpcWithoutATokenIsUnauthenticatedAndWithOneItPasses() throws Exception {
    ModelInferRequest request = ProtoCodec.toProto(
        InferenceRequest.of("iris", List.of(Tensor.ofFloats("INPUT0", new long[] {1, 2}, 1.5f, 2.5f))), false);

    assertThatThrownBy(() -> grpc(null).modelInfer(request))
        .isInstanceOfSatisfying(StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
    String token = token(ISSUER, Instant.now().plusSeconds(600));
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
        .until(() -> grpc(token).modelInfer(request).getModelName().equals("iris_1"));
  }

  @Test
  void healthStaysOpenWithoutAToken() {
    BlockingWebClient http = WebClient.builder("https://127.0.0.1:" + gateway.port()).factory(clients).build().blocking();

    assertThat(http.get("/v2/health/live").status().code()).isEqualTo(200);
    assertThat(grpc(null).serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
  }

  @Test
  void aClientThatDoesNotTrustTheCaCannotConnect() {
    try (ClientFactory untrusting = ClientFactory.builder().build()) {
      BlockingWebClient http = WebClient.builder("https://127.0.0.1:" + gateway.port()).factory(untrusting).build().blocking();
      assertThatThrownBy(() -> http.get("/v2/health/live")).isInstanceOf(Exception.class);
    }
  }
}
