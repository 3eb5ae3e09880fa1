package io.trantor.cli;

import io.trantor.agent.replica.AgentSecurity;
import io.trantor.control.ControlSecurity;
import io.trantor.gateway.GatewaySecurity;
import io.trantor.security.ClientTlsFiles;
import io.trantor.security.ListenerTls;
import io.trantor.security.LocalCa;
import io.trantor.security.ServerTlsFiles;
import io.trantor.security.TokenVerifier;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The security of {@code trantor up}: one TLS identity for the gateway and the control API alike
 * ({@code --tls-cert/--tls-key}, or {@code --tls auto}: a local CA and server certificate made in
 * {@code <data-dir>/tls/} on first start), JWTs at the gateway and the control token. Its own hops
 * (the replicas' streams, the gateway's watches, its own client) trust the same CA; the replicas'
 * OIP ports stay on loopback in plaintext, inside the one process's reach.
 *
 * @param internal how up's own clients reach its TLS listeners
 * @param generated the files {@code --tls auto} made or found, to print
 */
record UpSecurity(ControlSecurity control, ListenerTls listener, Optional<TokenVerifier> jwt, ClientTlsFiles internal,
    Optional<LocalCa.Generated> generated) {

  /** @param given the client TLS files named on the command line or in the environment */
  static UpSecurity of(String tlsMode, ServerTlsMixin tls, ClientTlsFiles given, JwtMixin jwt, Path tokenFile,
      boolean allowUnauthenticated, String host, Path workDir) {
    if (!tlsMode.equals("auto") && !tlsMode.equals("off")) {
      throw new UserInputException("--tls: must be auto or off, got '" + tlsMode + "'");
    }
    Optional<LocalCa.Generated> generated = Optional.empty();
    ListenerTls listener;
    if (tlsMode.equals("auto")) {
      if (tls.cert != null || tls.key != null) {
        throw new UserInputException("--tls auto: makes its own certificate; drop --tls-cert/--tls-key (or drop --tls auto)");
      }
      LinkedHashSet<String> names = new LinkedHashSet<>(List.of(host, "localhost", "127.0.0.1"));
      generated = Optional.of(LocalCa.ensure(workDir.resolve("tls"), List.copyOf(names)));
      ServerTlsFiles files = new ServerTlsFiles(generated.get().serverCert(), generated.get().serverKey(),
          Optional.ofNullable(tls.clientCa));
      files.load();
      listener = files;
    } else {
      listener = tls.listener();
    }
    ControlSecurity control = ControlSecurityOptions.of(listener, tokenFile, allowUnauthenticated, "--host", host);
    ClientTlsFiles internal = ClientTlsFiles.NONE;
    if (listener instanceof ServerTlsFiles files) {
      // Trust what the user names; else the local CA; else the server's own certificate as the anchor.
      Path ca = given.ca().orElse(generated.map(LocalCa.Generated::caCert).orElse(files.cert()));
      if (files.clientCa().isPresent() && given.clientCert().isEmpty()) {
        throw new UserInputException("--tls-client-ca: trantor up's own hops need a client certificate too:"
            + " pass --tls-client-cert FILE --tls-client-key FILE");
      }
      internal = ClientTlsFiles.of(ca, given.clientCert().orElse(null), given.clientKey().orElse(null)).validate();
    }
    return new UpSecurity(control, listener, jwt.verifier(), internal, generated);
  }

  GatewaySecurity gateway() {
    return new GatewaySecurity(listener, jwt, internal, ClientTlsFiles.NONE);
  }

  AgentSecurity agents() {
    return new AgentSecurity(ListenerTls.PLAINTEXT, internal);
  }

  /** Tells where the certificates are and what is required. */
  void print(PrintWriter out) {
    if (listener instanceof ServerTlsFiles files) {
      out.printf("  tls            gateway and control API over TLS%s; certificate %s%n",
          files.clientCa().isPresent() ? " with client certificates (mTLS)" : "", files.cert());
      generated.ifPresent(g -> out.printf("                 CA %s (%s; TRANTOR_TLS_CA, curl --cacert)%n", g.caCert(),
          g.created() ? "made now" : "made on an earlier start"));
    }
    if (control.token().isPresent()) {
      out.println("  control token  required (--token-file FILE or TRANTOR_CONTROL_TOKEN)");
    }
    if (jwt.isPresent()) {
      out.println("  gateway auth   bearer JWT required (health and metrics open)");
    }
  }
}
