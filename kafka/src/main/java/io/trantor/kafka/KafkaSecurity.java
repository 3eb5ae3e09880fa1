package io.trantor.kafka;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Trantor's Kafka clients authenticate and encrypt, the choices Seldon offers
 * ({@code security.protocol} PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL; SASL mechanisms PLAIN,
 * SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER; TLS from a CA file, a client certificate and key for
 * mTLS, or Java key stores). Secrets never appear in {@code toString()}.
 */
public sealed interface KafkaSecurity {

  /** Client properties for this mode: {@code security.protocol} and the SASL/SSL settings. */
  Map<String, Object> clientProperties();

  /** No encryption, no authentication (the embedded broker, local clusters). */
  record Plaintext() implements KafkaSecurity {
    @Override
    public Map<String, Object> clientProperties() {
      return Map.of("security.protocol", "PLAINTEXT");
    }
  }

  /** TLS, optionally with a client certificate (mTLS). */
  record Ssl(Tls tls) implements KafkaSecurity {
    public Ssl {
      requireNonNull(tls, "tls");
    }

    @Override
    public Map<String, Object> clientProperties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("security.protocol", "SSL");
      p.putAll(tls.clientProperties());
      return Map.copyOf(p);
    }
  }

  /** SASL without TLS (credentials travel in clear; for trusted networks only). */
  record SaslPlaintext(Sasl sasl) implements KafkaSecurity {
    public SaslPlaintext {
      requireNonNull(sasl, "sasl");
    }

    @Override
    public Map<String, Object> clientProperties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("security.protocol", "SASL_PLAINTEXT");
      p.putAll(sasl.clientProperties());
      return Map.copyOf(p);
    }
  }

  /** SASL over TLS: the usual setting for managed clusters (Confluent, MSK, Strimzi). */
  record SaslSsl(Sasl sasl, Tls tls) implements KafkaSecurity {
    public SaslSsl {
      requireNonNull(sasl, "sasl");
      requireNonNull(tls, "tls");
    }

    @Override
    public Map<String, Object> clientProperties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("security.protocol", "SASL_SSL");
      p.putAll(sasl.clientProperties());
      p.putAll(tls.clientProperties());
      return Map.copyOf(p);
    }
  }

  /** The SASL mechanisms Seldon supports, with Kafka's names. */
  enum Mechanism {
    PLAIN("PLAIN"),
    SCRAM_SHA_256("SCRAM-SHA-256"),
    SCRAM_SHA_512("SCRAM-SHA-512"),
    OAUTHBEARER("OAUTHBEARER");

    private final String kafkaName;

    Mechanism(String kafkaName) {
      this.kafkaName = kafkaName;
    }

    public String kafkaName() {
      return kafkaName;
    }

    /** Accepts Kafka's spelling ({@code SCRAM-SHA-512}) and the enum's, in any case. */
    public static Mechanism parse(String name) {
      for (Mechanism m : values()) {
        if (m.kafkaName.equalsIgnoreCase(name) || m.name().equalsIgnoreCase(name)) {
          return m;
        }
      }
      throw new IllegalArgumentException("SASL mechanism must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, got '" + name + "'");
    }
  }

  /** A SASL mechanism with its credentials; OAUTHBEARER takes OAuth client credentials, the rest a user. */
  record Sasl(Mechanism mechanism, Credentials credentials) {
    public Sasl {
      requireNonNull(mechanism, "mechanism");
      requireNonNull(credentials, "credentials");
      if ((mechanism == Mechanism.OAUTHBEARER) != (credentials instanceof OAuthClient)) {
        throw new IllegalArgumentException("SASL " + mechanism.kafkaName() + " needs "
            + (mechanism == Mechanism.OAUTHBEARER ? "OAuth client credentials" : "a username and password"));
      }
    }

    public static Sasl user(Mechanism mechanism, String username, String password) {
      return new Sasl(mechanism, new UserPassword(username, password));
    }

    public static Sasl oauth(String tokenEndpointUrl, String clientId, String clientSecret, String scope) {
      return new Sasl(Mechanism.OAUTHBEARER, new OAuthClient(tokenEndpointUrl, clientId, clientSecret, scope));
    }

    Map<String, Object> clientProperties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("sasl.mechanism", mechanism.kafkaName());
      switch (credentials) {
        case UserPassword up -> {
          String module = mechanism == Mechanism.PLAIN
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule";
          p.put("sasl.jaas.config", module + " required username=" + jaasQuote(up.username())
              + " password=" + jaasQuote(up.password()) + ";");
        }
        case OAuthClient oauth -> {
          // Kafka 4 reads client credentials from these settings (the JAAS options are deprecated).
          // The JVM must also allow the endpoint: -Dorg.apache.kafka.sasl.oauthbearer.allowed.urls=<url>.
          p.put("sasl.jaas.config", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required ;");
          p.put("sasl.login.callback.handler.class", "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
          p.put("sasl.oauthbearer.token.endpoint.url", oauth.tokenEndpointUrl());
          p.put("sasl.oauthbearer.client.credentials.client.id", oauth.clientId());
          p.put("sasl.oauthbearer.client.credentials.client.secret", oauth.clientSecret());
          if (oauth.scope() != null && !oauth.scope().isBlank()) {
            p.put("sasl.oauthbearer.scope", oauth.scope());
          }
        }
      }
      return p;
    }

    private static String jaasQuote(String value) {
      return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
  }

  /** What a SASL client presents. */
  sealed interface Credentials permits UserPassword, OAuthClient {}

  /** PLAIN and SCRAM credentials. */
  record UserPassword(String username, String password) implements Credentials {
    public UserPassword {
      if (username == null || username.isBlank()) {
        throw new IllegalArgumentException("SASL username must not be empty");
      }
      requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "UserPassword[username=" + username + ", password=***]";
    }
  }

  /** OAuth 2 client-credentials flow against the identity provider's token endpoint. */
  record OAuthClient(String tokenEndpointUrl, String clientId, String clientSecret, String scope) implements Credentials {
    public OAuthClient {
      if (tokenEndpointUrl == null || tokenEndpointUrl.isBlank()) {
        throw new IllegalArgumentException("OAuth token endpoint URL must not be empty");
      }
      if (clientId == null || clientId.isBlank()) {
        throw new IllegalArgumentException("OAuth client id must not be empty");
      }
      requireNonNull(clientSecret, "clientSecret");
    }

    @Override
    public String toString() {
      return "OAuthClient[tokenEndpointUrl=" + tokenEndpointUrl + ", clientId=" + clientId + ", clientSecret=***, scope=" + scope + "]";
    }
  }

  /**
   * TLS settings: whom to trust, optionally which certificate to present (mTLS), and whether to
   * check the broker's host name against its certificate.
   */
  record Tls(Trust trust, ClientKey clientKey, boolean verifyHostname) {
    public Tls {
      requireNonNull(trust, "trust");
    }

    /** Trust the CA in a PEM file (Seldon's {@code ca.crt}); no client certificate. */
    public static Tls pemCa(Path caFile) {
      return new Tls(new PemCa(caFile), null, true);
    }

    /** mTLS from PEM files, as Seldon mounts them ({@code ca.crt}, {@code tls.crt}, {@code tls.key}). */
    public static Tls pem(Path caFile, Path certFile, Path keyFile) {
      return new Tls(new PemCa(caFile), new PemKey(certFile, keyFile, null), true);
    }

    Map<String, Object> clientProperties() {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("ssl.endpoint.identification.algorithm", verifyHostname ? "https" : "");
      switch (trust) {
        case PemCa ca -> {
          p.put("ssl.truststore.type", "PEM");
          p.put("ssl.truststore.location", ca.caFile().toString());
        }
        case TrustStoreFile ts -> {
          p.put("ssl.truststore.type", ts.type());
          p.put("ssl.truststore.location", ts.path().toString());
          if (ts.password() != null) {
            p.put("ssl.truststore.password", ts.password());
          }
        }
      }
      switch (clientKey) {
        case null -> { }
        case PemKey pem -> {
          // Kafka takes PEM key material inline; reading the files here surfaces a bad path at startup.
          p.put("ssl.keystore.type", "PEM");
          p.put("ssl.keystore.certificate.chain", read(pem.certFile()));
          p.put("ssl.keystore.key", read(pem.keyFile()));
          if (pem.keyPassword() != null) {
            p.put("ssl.key.password", pem.keyPassword());
          }
        }
        case KeyStoreFile ks -> {
          p.put("ssl.keystore.type", ks.type());
          p.put("ssl.keystore.location", ks.path().toString());
          if (ks.password() != null) {
            p.put("ssl.keystore.password", ks.password());
          }
          if (ks.keyPassword() != null) {
            p.put("ssl.key.password", ks.keyPassword());
          }
        }
      }
      return p;
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read TLS file " + file, e);
      }
    }
  }

  /** Whom a TLS client trusts. */
  sealed interface Trust permits PemCa, TrustStoreFile {}

  /** CA certificate(s) in a PEM file. */
  record PemCa(Path caFile) implements Trust {
    public PemCa {
      requireNonNull(caFile, "caFile");
    }
  }

  /** A JKS or PKCS12 trust store. */
  record TrustStoreFile(Path path, String type, String password) implements Trust {
    public TrustStoreFile {
      requireNonNull(path, "path");
      type = type == null || type.isBlank() ? "PKCS12" : type;
    }

    @Override
    public String toString() {
      return "TrustStoreFile[path=" + path + ", type=" + type + ", password=" + (password == null ? "none" : "***") + "]";
    }
  }

  /** The certificate a client presents for mTLS. */
  sealed interface ClientKey permits PemKey, KeyStoreFile {}

  /** Certificate chain and private key in PEM files. */
  record PemKey(Path certFile, Path keyFile, String keyPassword) implements ClientKey {
    public PemKey {
      requireNonNull(certFile, "certFile");
      requireNonNull(keyFile, "keyFile");
    }

    @Override
    public String toString() {
      return "PemKey[certFile=" + certFile + ", keyFile=" + keyFile + ", keyPassword=" + (keyPassword == null ? "none" : "***") + "]";
    }
  }

  /** A JKS or PKCS12 key store. */
  record KeyStoreFile(Path path, String type, String password, String keyPassword) implements ClientKey {
    public KeyStoreFile {
      requireNonNull(path, "path");
      type = type == null || type.isBlank() ? "PKCS12" : type;
    }

    @Override
    public String toString() {
      return "KeyStoreFile[path=" + path + ", type=" + type + ", password=" + (password == null ? "none" : "***")
          + ", keyPassword=" + (keyPassword == null ? "none" : "***") + "]";
    }
  }
}
