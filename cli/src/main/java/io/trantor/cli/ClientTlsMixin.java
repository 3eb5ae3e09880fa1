package io.trantor.cli;

import io.trantor.security.ClientTlsFiles;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --tls-ca FILE [--tls-client-cert FILE --tls-client-key FILE]} (env {@code TRANTOR_TLS_CA},
 * {@code TRANTOR_TLS_CLIENT_CERT}, {@code TRANTOR_TLS_CLIENT_KEY}): how a command reaches TLS
 * listeners. Any of them turns TLS on.
 */
public final class ClientTlsMixin {
  @Option(names = "--tls-ca", paramLabel = "FILE",
      description = "PEM CA that signed the servers' certificates: connect with TLS. Default: $TRANTOR_TLS_CA.")
  Path ca;

  @Option(names = "--tls-client-cert", paramLabel = "FILE",
      description = "PEM client certificate for mTLS. Default: $TRANTOR_TLS_CLIENT_CERT.")
  Path clientCert;

  @Option(names = "--tls-client-key", paramLabel = "FILE",
      description = "PEM private key of --tls-client-cert. Default: $TRANTOR_TLS_CLIENT_KEY.")
  Path clientKey;

  /** The files named on the command line or in the environment, checked now. */
  ClientTlsFiles files() {
    return files(System.getenv());
  }

  ClientTlsFiles files(Map<String, String> env) {
    return ClientTlsFiles.of(or(ca, env, "TRANTOR_TLS_CA"), or(clientCert, env, "TRANTOR_TLS_CLIENT_CERT"),
        or(clientKey, env, "TRANTOR_TLS_CLIENT_KEY")).validate();
  }

  private static Path or(Path flag, Map<String, String> env, String variable) {
    if (flag != null) {
      return flag;
    }
    String value = env.get(variable);
    return value == null || value.isBlank() ? null : Path.of(value);
  }
}
