package io.trantor.security;

import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.server.Server;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An OIDC issuer stand-in: serves its JWKS over HTTP on 127.0.0.1 (counting fetches) and signs
 * tokens with keys made in the test. {@link #rotate()} replaces the signing key with a new kid.
 */
final class TestIssuer implements AutoCloseable {
  final String issuer = "https://issuer.test";
  private final Server server;
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile RSAKey key;

  TestIssuer() {
    key = newKey();
    server = Server.builder()
        .http(new java.net.InetSocketAddress("127.0.0.1", 0))
        .gracefulShutdownTimeout(java.time.Duration.ZERO, java.time.Duration.ZERO)
        .service("/jwks.json", (ctx, req) -> {
          fetches.incrementAndGet();
          return HttpResponse.of(com.linecorp.armeria.common.HttpStatus.OK, MediaType.JSON_UTF_8,
              new JWKSet(key.toPublicJWK()).toString());
        })
        .build();
    server.start().join();
  }

  String jwksUrl() {
    return "http://127.0.0.1:" + server.activeLocalPort() + "/jwks.json";
  }

  int fetches() {
    return fetches.get();
  }

  RSAKey key() {
    return key;
  }

  void rotate() {
    key = newKey();
  }

  /** A token from this issuer for {@code audience}, valid for an hour. */
  String token(String audience) {
    return sign(key, claims(issuer, audience, Instant.now().plusSeconds(3600)));
  }

  static JWTClaimsSet claims(String issuer, String audience, Instant expires) {
    return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("alice")
        .issueTime(new Date()).expirationTime(Date.from(expires)).build();
  }

  static String sign(RSAKey key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RSAKey newKey() {
    try {
      return new RSAKeyGenerator(2048).keyID(java.util.UUID.randomUUID().toString()).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop().join();
  }
}
