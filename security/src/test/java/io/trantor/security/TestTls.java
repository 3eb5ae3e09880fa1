package io.trantor.security;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Certificates for one test: a CA, a server certificate for 127.0.0.1 and a client certificate. */
record TestTls(Path dir, LocalCa ca, Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey) {
  static TestTls create(Path dir, String name) {
    LocalCa ca = LocalCa.create(name + " CA");
    Path caCert = dir.resolve(name + "-ca.crt");
    ca.writeCertificate(caCert);
    Path serverCert = dir.resolve(name + "-server.crt");
    Path serverKey = dir.resolve(name + "-server.key");
    ca.issueServer("localhost", List.of("localhost", "127.0.0.1")).write(serverCert, serverKey);
    Path clientCert = dir.resolve(name + "-client.crt");
    Path clientKey = dir.resolve(name + "-client.key");
    ca.issueClient(name + " client").write(clientCert, clientKey);
    return new TestTls(dir, ca, caCert, serverCert, serverKey, clientCert, clientKey);
  }

  ServerTlsFiles server() {
    return new ServerTlsFiles(serverCert, serverKey, Optional.empty());
  }

  ServerTlsFiles serverRequiringClients() {
    return new ServerTlsFiles(serverCert, serverKey, Optional.of(caCert));
  }

  ClientTlsFiles trustOnly() {
    return ClientTlsFiles.of(caCert, null, null);
  }

  ClientTlsFiles withClientCert() {
    return ClientTlsFiles.of(caCert, clientCert, clientKey);
  }
}
