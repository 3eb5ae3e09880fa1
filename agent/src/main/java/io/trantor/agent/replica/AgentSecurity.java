package io.trantor.agent.replica;

import static java.util.Objects.requireNonNull;

import io.trantor.security.ClientTlsFiles;
import io.trantor.security.ListenerTls;

/**
 * An agent's TLS.
 *
 * @param listener plaintext, or TLS (mTLS with a client CA) on the OIP port the gateway calls
 * @param toControl how the agent's stream reaches the control plane
 */
public record AgentSecurity(ListenerTls listener, ClientTlsFiles toControl) {
  public static final AgentSecurity NONE = new AgentSecurity(ListenerTls.PLAINTEXT, ClientTlsFiles.NONE);

  public AgentSecurity {
    requireNonNull(listener, "listener");
    requireNonNull(toControl, "toControl");
  }
}
