package io.trantor.security;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.ClientFactoryBuilder;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import com.linecorp.armeria.common.TlsKeyPair;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * How a client reaches a TLS listener: {@code --tls-ca FILE} (the CA that signed the server's
 * certificate; without it, the JVM's trusted CAs) and, for mTLS, {@code --tls-client-cert FILE
 * --tls-client-key FILE}. {@link #NONE} is plaintext.
 *
 * @param ca PEM CA certificates to trust; empty with {@code tls}: the JVM's default trust store
 * @param clientCert PEM client certificate chain (mTLS); with {@code clientKey} or neither
 * @param clientKey PEM private key of {@code clientCert}
 * @param tls whether to use TLS at all
 */
public record ClientTlsFiles(Optional<Path> ca, Optional<Path> clientCert, Optional<Path> clientKey, boolean tls) {
  public static final ClientTlsFiles NONE = new ClientTlsFiles(Optional.empty(), Optional.empty(), Optional.empty(), false);

  public ClientTlsFiles {
    ca = ca == null ? Optional.empty() : ca;
    clientCert = clientCert == null ? Optional.empty() : clientCert;
    clientKey = clientKey == null ? Optional.empty() : clientKey;
    if (clientCert.isPresent() != clientKey.isPresent()) {
      Path given = clientCert.orElseGet(clientKey::get);
      throw new TlsFileException(given, "a client certificate needs its key and a key its certificate"
          + " (--tls-client-cert and --tls-client-key together)");
    }
  }

  /** TLS whenever any file is named. */
  public static ClientTlsFiles of(Path ca, Path clientCert, Path clientKey) {
    boolean any = ca != null || clientCert != null || clientKey != null;
    return new ClientTlsFiles(Optional.ofNullable(ca), Optional.ofNullable(clientCert), Optional.ofNullable(clientKey), any);
  }

  /** Reads and checks every named file now, so a bad one fails at start naming the file. */
  public ClientTlsFiles validate() {
    ca.ifPresent(file -> new PemFile(file).certificates());
    clientCert.ifPresent(cert -> new PemFile(cert).keyPair(clientKey.orElseThrow()));
    return this;
  }

  /** {@code http} or {@code https}. */
  public String scheme() {
    return tls ? "https" : "http";
  }

  /** Credentials for a grpc-java channel ({@code Grpc.newChannelBuilder(target, credentials)}). */
  public ChannelCredentials channelCredentials() {
    if (!tls) {
      return InsecureChannelCredentials.create();
    }
    validate();
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    try {
      if (ca.isPresent()) {
        builder.trustManager(ca.get().toFile());
      }
      if (clientCert.isPresent()) {
        builder.keyManager(clientCert.get().toFile(), clientKey.orElseThrow().toFile());
      }
    } catch (IOException e) {
      throw new TlsFileException(ca.orElseGet(clientCert::get), "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    return builder.build();
  }

  /** Adds this trust and client identity to an Armeria client factory. */
  public ClientFactoryBuilder configure(ClientFactoryBuilder factory) {
    if (!tls) {
      return factory;
    }
    validate();
    return factory.tlsCustomizer(ssl -> {
      ca.ifPresent(file -> ssl.trustManager(file.toFile()));
      clientCert.ifPresent(cert -> ssl.keyManager(cert.toFile(), clientKey.orElseThrow().toFile()));
    });
  }

  /**
   * A JDK {@link SSLContext} with this trust (the JVM's default without a CA) and client identity,
   * for {@code java.net.http.HttpClient}.
   */
  public SSLContext sslContext() {
    validate();
    try {
      TrustManager[] trust = null;
      if (ca.isPresent()) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (X509Certificate certificate : new PemFile(ca.get()).certificates()) {
          store.setCertificateEntry("ca-" + i++, certificate);
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        trust = factory.getTrustManagers();
      }
      KeyManager[] keys = null;
      if (clientCert.isPresent()) {
        TlsKeyPair pair = new PemFile(clientCert.get()).keyPair(clientKey.orElseThrow());
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        char[] password = new char[0];
        store.setKeyEntry("client", pair.privateKey(), password, pair.certificateChain().toArray(X509Certificate[]::new));
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, password);
        keys = factory.getKeyManagers();
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, trust, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new TlsFileException(ca.orElseGet(clientCert::get), "cannot be used for TLS (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A new Armeria client factory with this trust and identity; the caller closes it. */
  public ClientFactory clientFactory() {
    return configure(ClientFactory.builder()).build();
  }
}
