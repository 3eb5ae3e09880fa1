package io.trantor.cli;

import io.trantor.security.JwtSettings;
import io.trantor.security.JwtVerifier;
import io.trantor.security.TokenVerifier;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --auth-jwt-issuer URL --auth-jwt-jwks URL|FILE [--auth-jwt-audience A]}: JWTs at the gateway. */
public final class JwtMixin {
  @Option(names = "--auth-jwt-issuer", paramLabel = "URL",
      description = "Require a bearer JWT from this issuer (exact iss) on every inference request; health and metrics stay open.")
  String issuer;

  @Option(names = "--auth-jwt-jwks", paramLabel = "URL|FILE",
      description = "The issuer's signing keys: a JWKS URL (cached 5 min, refetched on an unknown kid) or a JWKS file.")
  String jwks;

  @Option(names = "--auth-jwt-audience", paramLabel = "A", description = "A value the token's aud must contain.")
  String audience;

  /** The verifier, or empty when no JWT flag is given. */
  Optional<TokenVerifier> verifier() {
    if (issuer == null && jwks == null && audience == null) {
      return Optional.empty();
    }
    if (issuer == null || jwks == null) {
      throw new UserInputException(issuer == null ? "--auth-jwt-issuer: needed with --auth-jwt-jwks"
          : "--auth-jwt-jwks: needed with --auth-jwt-issuer");
    }
    try {
      return Optional.of(JwtVerifier.create(new JwtSettings(issuer, jwks, Optional.ofNullable(audience))));
    } catch (IllegalArgumentException e) {
      throw new UserInputException(e.getMessage());
    }
  }
}
