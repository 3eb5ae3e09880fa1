package io.trantor.gateway;

import static java.util.Objects.requireNonNull;

import io.trantor.security.ClientTlsFiles;
import io.trantor.security.ListenerTls;
import io.trantor.security.TokenVerifier;
import java.util.Optional;

/**
 * A gateway's TLS and authentication.
 *
 * @param listener plaintext, or TLS (mTLS with a client CA) on the REST+gRPC port
 * @param auth bearer tokens every request needs but health ({@code /v2/health/*}) and {@code
 *     /metrics}; empty: none
 * @param toControl how the route and pipeline watches reach the control plane
 * @param toReplicas how requests reach the replicas (their CA, a client certificate)
 */
public record GatewaySecurity(ListenerTls listener, Optional<TokenVerifier> auth, ClientTlsFiles toControl,
    ClientTlsFiles toReplicas) {
  public static final GatewaySecurity NONE =
      new GatewaySecurity(ListenerTls.PLAINTEXT, Optional.empty(), ClientTlsFiles.NONE, ClientTlsFiles.NONE);

  public GatewaySecurity {
    requireNonNull(listener, "listener");
    auth = auth == null ? Optional.empty() : auth;
    requireNonNull(toControl, "toControl");
    requireNonNull(toReplicas, "toReplicas");
  }
}
