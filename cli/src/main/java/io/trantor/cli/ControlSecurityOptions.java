package io.trantor.cli;

import io.trantor.control.ControlSecurity;
import io.trantor.security.ControlToken;
import io.trantor.security.ListenerTls;
import io.trantor.security.ServerTlsFiles;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The control plane's security from the command line, with the rule that the control API never
 * listens beyond loopback unauthenticated: that needs {@code --control-token-file} or mTLS.
 */
final class ControlSecurityOptions {
  private ControlSecurityOptions() {}

  /** @param allowUnauthenticated {@code --allow-unauthenticated}: a mesh in front authenticates */
  static ControlSecurity of(ListenerTls listener, Path tokenFile, boolean allowUnauthenticated, String hostFlag, String host) {
    Optional<ControlToken> token = Optional.ofNullable(tokenFile).map(ControlToken::read);
    boolean mtls = listener instanceof ServerTlsFiles files && files.clientCa().isPresent();
    if (token.isEmpty() && !mtls && !allowUnauthenticated && !loopback(host)) {
      throw new UserInputException(hostFlag + " " + host + ": the control API would listen beyond loopback without"
          + " authentication; pass --control-token-file FILE (or --tls-client-ca FILE for mTLS, or --allow-unauthenticated"
          + " when a mesh in front authenticates)");
    }
    return new ControlSecurity(listener, token);
  }

  private static boolean loopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
