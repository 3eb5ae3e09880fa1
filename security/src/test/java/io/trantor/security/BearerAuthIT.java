package io.trantor.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.server.Server;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.PlainJWT;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link BearerAuth} with real JWTs against a JWKS served over loopback HTTP. */
class BearerAuthIT {
  @TempDir Path dir;
  private final TestIssuer issuer = new TestIssuer();
  private Server server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop().join();
    }
    issuer.close();
  }

  private WebClient start(TokenVerifier verifier) {
    server = Server.builder()
        .http(new InetSocketAddress("127.0.0.1", 0))
        .gracefulShutdownTimeout(Duration.ZERO, Duration.ZERO)
        .service("/v2/models/m/infer", (ctx, req) -> HttpResponse.of(
            "ok, authorization header " + (req.headers().contains(HttpHeaderNames.AUTHORIZATION) ? "seen" : "removed")))
        .service("/v2/health/ready", (ctx, req) -> HttpResponse.of("ready"))
        .decorator(new BearerAuth(verifier, BearerAuth::notHealthOrMetrics, "send Authorization: Bearer <JWT>"))
        .build();
    server.start().join();
    return WebClient.of("http://127.0.0.1:" + server.activeLocalPort());
  }

  private WebClient startJwt() {
    return start(JwtVerifier.create(new JwtSettings(issuer.issuer, issuer.jwksUrl(), Optional.of("trantor"),
        Duration.ofMinutes(5), Duration.ofSeconds(30))));
  }

  private static AggregatedHttpResponse infer(WebClient client, String token) {
    com.linecorp.armeria.common.RequestHeadersBuilder headers = RequestHeaders.builder(HttpMethod.POST, "/v2/models/m/infer").contentType(MediaType.JSON);
    if (token != null) {
      headers.add(HttpHeaderNames.AUTHORIZATION, "Bearer " + token);
    }
    return client.execute(headers.build(), "{}").aggregate().join();
  }

  private static void assertRefused(AggregatedHttpResponse response, String reason) {
    assertThat(response.status().code()).isEqualTo(401);
    assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).startsWith("Bearer");
    assertThat(response.contentType().is(MediaType.JSON)).isTrue();
    assertThat(response.contentUtf8()).startsWith("{\"error\":\"").contains(reason);
  }

  @Test
  void aValidTokenPassesAndItsHeaderDoesNotGoOn() {
    WebClient client = startJwt();

    AggregatedHttpResponse response = infer(client, issuer.token("trantor"));

    assertThat(response.status().code()).isEqualTo(200);
    assertThat(response.contentUtf8()).isEqualTo("ok, authorization header removed");
  }

  @Test
  void noTokenIs401WithTheOipErrorBody() {
    WebClient client = startJwt();

    AggregatedHttpResponse response = infer(client, null);

    assertRefused(response, "no bearer token");
    assertThat(response.headers().get(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"trantor\"");
  }

  @Test
  void healthStaysOpen() {
    WebClient client = startJwt();

    assertThat(client.get("/v2/health/ready").aggregate().join().contentUtf8()).isEqualTo("ready");
  }

  @Test
  void expiredWrongAudienceWrongIssuerUnsignedAndTamperedTokensAreEachRefused() {
    WebClient client = startJwt();
    String expired = TestIssuer.sign(issuer.key(), TestIssuer.claims(issuer.issuer, "trantor", Instant.now().minusSeconds(600)));
    String otherAudience = issuer.token("someone-else");
    String otherIssuer = TestIssuer.sign(issuer.key(), TestIssuer.claims("https://evil.test", "trantor", Instant.now().plusSeconds(600)));
    String unsigned = new PlainJWT(TestIssuer.claims(issuer.issuer, "trantor", Instant.now().plusSeconds(600))).serialize();
    String[] parts = issuer.token("trantor").split("\\.");
    String tampered = parts[0] + "." + Base64URL.encode(
        TestIssuer.claims(issuer.issuer, "trantor", Instant.now().plusSeconds(99999)).toString()) + "." + parts[2];

    assertRefused(infer(client, expired), "Expired JWT");
    assertRefused(infer(client, otherAudience), "aud");
    assertRefused(infer(client, otherIssuer), "iss");
    assertRefused(infer(client, unsigned), "invalid token");
    assertRefused(infer(client, tampered), "Invalid signature");
    assertRefused(infer(client, "not-a-jwt"), "not a JWT");
  }

  @Test
  void anUnknownKidFetchesTheKeysAgainButAtMostOncePerInterval() {
    WebClient client = startJwt();
    assertThat(infer(client, issuer.token("trantor")).status().code()).isEqualTo(200);
    assertThat(issuer.fetches()).isEqualTo(1);

    issuer.rotate();
    assertThat(infer(client, issuer.token("trantor")).status().code()).isEqualTo(200);
    assertThat(issuer.fetches()).isEqualTo(2);

    // A second rotation within the rate limit: no fetch, so the new kid is refused for now.
    issuer.rotate();
    assertThat(infer(client, issuer.token("trantor")).status().code()).isEqualTo(401);
    assertThat(issuer.fetches()).isEqualTo(2);
  }

  @Test
  void aJwksFileWorksLikeAUrl() throws Exception {
    Path jwks = Files.writeString(dir.resolve("jwks.json"),
        new com.nimbusds.jose.jwk.JWKSet(issuer.key().toPublicJWK()).toString());
    WebClient client = start(JwtVerifier.create(new JwtSettings(issuer.issuer, jwks.toString(), Optional.empty())));

    assertThat(infer(client, issuer.token("anyone")).status().code()).isEqualTo(200);
    assertThat(issuer.fetches()).isZero();
  }

  @Test
  void grpcCallersGetUnauthenticated() {
    WebClient client = startJwt();

    AggregatedHttpResponse response = client.execute(
        RequestHeaders.builder(HttpMethod.POST, "/inference.GRPCInferenceService/ModelInfer")
            .contentType(MediaType.parse("application/grpc")).build(), new byte[0]).aggregate().join();

    assertThat(response.status().code()).isEqualTo(200);
    assertThat(response.headers().get("grpc-status")).isEqualTo("16");
    assertThat(response.headers().get("grpc-message")).startsWith("no bearer token");
  }

  @Test
  void theControlTokenIsComparedAndNeverPrinted() throws Exception {
    Path file = Files.writeString(dir.resolve("token"), "s3cret-token-value\n");
    ControlToken token = ControlToken.read(file);
    WebClient client = start(token);

    assertThat(infer(client, "s3cret-token-value").status().code()).isEqualTo(200);
    AggregatedHttpResponse wrong = infer(client, "guess");
    assertRefused(wrong, "the control token is wrong");
    assertThat(wrong.contentUtf8()).doesNotContain("s3cret");
    assertThat(token.toString()).doesNotContain("s3cret");
  }
}
