package io.trantor.security;

import com.linecorp.armeria.server.ServerBuilder;
import java.net.InetSocketAddress;

/** How a listener's port is bound: plaintext, or TLS (mTLS with a client CA) from PEM files. */
public sealed interface ListenerTls permits ListenerTls.Plaintext, ServerTlsFiles {
  ListenerTls PLAINTEXT = new Plaintext();

  /** Adds the port at {@code address} to {@code server}, with TLS when configured. */
  void bind(ServerBuilder server, InetSocketAddress address);

  /** {@code http} or {@code https}, for the lines that tell the user where to connect. */
  String scheme();

  /** No TLS: HTTP/1.1 and h2c. */
  record Plaintext() implements ListenerTls {
    @Override
    public void bind(ServerBuilder server, InetSocketAddress address) {
      server.http(address);
    }

    @Override
    public String scheme() {
      return "http";
    }
  }
}
