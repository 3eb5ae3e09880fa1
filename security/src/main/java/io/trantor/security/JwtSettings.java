package io.trantor.security;

import java.time.Duration;
import java.util.Optional;

/**
 * {@code --auth-jwt-issuer URL --auth-jwt-jwks URL|FILE [--auth-jwt-audience A]}.
 *
 * @param issuer the exact {@code iss} every token must carry
 * @param jwks where the signing keys are: an {@code http(s)://} URL (fetched, cached {@code
 *     cacheTtl}, fetched again on an unknown {@code kid} at most once per {@code minRefetch}) or a
 *     JWKS file
 * @param audience a value the token's {@code aud} must contain; empty: any audience
 * @param cacheTtl how long fetched keys are used before they are fetched again
 * @param minRefetch the shortest time between two fetches (bounds refetches on unknown kids)
 */
public record JwtSettings(String issuer, String jwks, Optional<String> audience, Duration cacheTtl, Duration minRefetch) {
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
  public static final Duration DEFAULT_MIN_REFETCH = Duration.ofSeconds(30);

  public JwtSettings {
    if (issuer == null || issuer.isBlank()) {
      throw new IllegalArgumentException("--auth-jwt-issuer: must name the issuer (the tokens' iss)");
    }
    if (jwks == null || jwks.isBlank()) {
      throw new IllegalArgumentException("--auth-jwt-jwks: must be the issuer's JWKS URL or a JWKS file");
    }
    audience = audience == null ? Optional.empty() : audience.filter(a -> !a.isBlank());
    if (cacheTtl == null || cacheTtl.isNegative() || cacheTtl.isZero()) {
      throw new IllegalArgumentException("cacheTtl: must be > 0, got " + cacheTtl);
    }
    if (minRefetch == null || minRefetch.isNegative() || minRefetch.compareTo(cacheTtl) >= 0) {
      throw new IllegalArgumentException("minRefetch: must be >= 0 and shorter than cacheTtl, got " + minRefetch);
    }
  }

  public JwtSettings(String issuer, String jwks, Optional<String> audience) {
    this(issuer, jwks, audience, DEFAULT_CACHE_TTL, DEFAULT_MIN_REFETCH);
  }

  boolean jwksIsUrl() {
    return jwks.startsWith("http://") || jwks.startsWith("https://");
  }
}
