package io.trantor.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Set;

/**
 * Checks bearer JWTs with Nimbus JOSE+JWT: signature by a key of the issuer's JWKS (asymmetric
 * algorithms only, so {@code alg: none} and HMAC-with-the-public-key tricks fail), exact {@code
 * iss}, {@code exp} present and not passed, {@code nbf}, and the audience when one is configured.
 */
public final class JwtVerifier implements TokenVerifier {
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(
      JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512,
      JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

  private final DefaultJWTProcessor<SecurityContext> processor;

  private JwtVerifier(DefaultJWTProcessor<SecurityContext> processor) {
    this.processor = processor;
  }

  /** A verifier for {@code settings}; a JWKS file is read now (a bad one: {@link TlsFileException}). */
  public static JwtVerifier create(JwtSettings settings) {
    DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, source(settings)));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(
        settings.audience().orElse(null),
        new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
        Set.of("iss", "exp")));
    return new JwtVerifier(processor);
  }

  private static JWKSource<SecurityContext> source(JwtSettings settings) {
    if (settings.jwksIsUrl()) {
      try {
        // Caching with a TTL; on a kid it has not seen the source fetches again, rate-limited.
        return JWKSourceBuilder.<SecurityContext>create(URI.create(settings.jwks()).toURL())
            .cache(settings.cacheTtl().toMillis(), JWKSourceBuilder.DEFAULT_CACHE_REFRESH_TIMEOUT)
            .refreshAheadCache(false)
            .rateLimited(settings.minRefetch().toMillis())
            .retrying(false)
            .build();
      } catch (MalformedURLException | IllegalArgumentException e) {
        throw new IllegalArgumentException("--auth-jwt-jwks: not a URL: " + settings.jwks());
      }
    }
    Path file = Path.of(settings.jwks());
    new PemFile(file).requireReadable();
    try {
      return new ImmutableJWKSet<>(JWKSet.load(file.toFile()));
    } catch (IOException | ParseException e) {
      throw new TlsFileException(file, "not a JWKS (JSON Web Key Set) file (" + e.getClass().getSimpleName() + ")");
    }
  }

  @Override
  public void verify(String token) throws Refused {
    try {
      processor.process(token, null);
    } catch (ParseException e) {
      throw new Refused("the bearer token is not a JWT");
    } catch (BadJOSEException e) {
      // Nimbus names the failed check (expired, issuer, audience, signature); it never quotes the token.
      throw new Refused("invalid token: " + e.getMessage());
    } catch (JOSEException e) {
      throw new Refused("the token cannot be checked: " + e.getMessage());
    }
  }
}
