package io.trantor.kafka.broker;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The certificate an embedded broker presents on its SSL listener, and whom it accepts as clients.
 *
 * @param keystore   PKCS12 key store with the broker's key and certificate
 * @param password   password of the key store and its key
 * @param truststore PKCS12 trust store of client certificates the broker accepts (mTLS), or null:
 *                   clients need no certificate
 * @param truststorePassword password of {@code truststore}
 */
public record BrokerTls(Path keystore, String password, Path truststore, String truststorePassword) {
  public BrokerTls {
    requireNonNull(keystore, "keystore");
    requireNonNull(password, "password");
  }

  @Override
  public String toString() {
    return "BrokerTls[keystore=" + keystore + ", truststore=" + truststore + "]";
  }
}
