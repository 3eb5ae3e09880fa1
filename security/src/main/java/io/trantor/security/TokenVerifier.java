package io.trantor.security;

/** Decides whether a bearer token is good; the reason of a refusal goes to the caller, never the token. */
public sealed interface TokenVerifier permits ControlToken, JwtVerifier {
  /** Throws {@link Refused} when the token does not pass. */
  void verify(String token) throws Refused;

  /** A token that does not pass, with a reason that is safe to show (it never quotes the token). */
  final class Refused extends Exception {
    public Refused(String reason) {
      super(reason, null, false, false);
    }
  }
}
