package io.trantor.cli;

import io.trantor.security.ListenerTls;
import io.trantor.security.ServerTlsFiles;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --tls-cert FILE --tls-key FILE [--tls-client-ca FILE]}: TLS (mTLS) on a role's listener. */
public final class ServerTlsMixin {
  @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate (chain) of this listener: serve TLS.")
  Path cert;

  @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
  Path key;

  @Option(names = "--tls-client-ca", paramLabel = "FILE",
      description = "PEM CA of client certificates: require one (mTLS).")
  Path clientCa;

  boolean configured() {
    return cert != null || key != null || clientCa != null;
  }

  /** The files, checked now (a bad one ends the command with exit code 2 naming it); empty: plaintext. */
  Optional<ServerTlsFiles> files() {
    if (!configured()) {
      return Optional.empty();
    }
    if (cert == null || key == null) {
      throw new UserInputException(cert == null
          ? "--tls-cert: needed with " + (key != null ? "--tls-key" : "--tls-client-ca")
          : "--tls-key: needed with --tls-cert");
    }
    ServerTlsFiles files = new ServerTlsFiles(cert, key, Optional.ofNullable(clientCa));
    files.load();
    return Optional.of(files);
  }

  /** The listener: TLS with these files, or plaintext when none is named. */
  ListenerTls listener() {
    return files().<ListenerTls>map(f -> f).orElse(ListenerTls.PLAINTEXT);
  }
}
