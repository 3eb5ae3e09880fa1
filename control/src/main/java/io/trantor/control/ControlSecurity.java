package io.trantor.control;

import static java.util.Objects.requireNonNull;

import io.trantor.security.ControlToken;
import io.trantor.security.ListenerTls;
import java.util.Optional;

/**
 * The control plane's TLS and authentication.
 *
 * @param listener plaintext, or TLS (mTLS with a client CA: every caller, agents and gateways too,
 *     needs a certificate)
 * @param token the bearer token the control API needs ({@code --control-token-file}); the agent,
 *     route and pipeline streams are the cluster's own hops and rely on the listener's mTLS
 */
public record ControlSecurity(ListenerTls listener, Optional<ControlToken> token) {
  public static final ControlSecurity NONE = new ControlSecurity(ListenerTls.PLAINTEXT, Optional.empty());

  public ControlSecurity {
    requireNonNull(listener, "listener");
    token = token == null ? Optional.empty() : token;
  }

  /** The control API: the {@code ControlPlane} gRPC service and the JSON API under {@code /v1/}. */
  static boolean guarded(String path) {
    return path.startsWith("/trantor.control.v1.ControlPlane/") || path.startsWith("/v1/");
  }
}
