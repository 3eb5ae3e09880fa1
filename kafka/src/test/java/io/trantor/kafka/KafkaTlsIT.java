package io.trantor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.kafka.KafkaSecurity.KeyStoreFile;
import io.trantor.kafka.KafkaSecurity.PemCa;
import io.trantor.kafka.KafkaSecurity.Tls;
import io.trantor.kafka.KafkaSecurity.TrustStoreFile;
import io.trantor.kafka.broker.BrokerTls;
import io.trantor.kafka.broker.EmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with client certificates (mTLS) against a broker that demands them, with the key material
 * as Seldon mounts it (PEM files) and as Java key stores. Certificates come from the JDK's keytool.
 */
class KafkaTlsIT {
  private static final String PASSWORD = "store-pw";
  @TempDir static Path dir;
  static EmbeddedKafka broker;

  @BeforeAll
  static void start() throws Exception {
    Path certs = Files.createDirectories(dir.resolve("certs"));
    keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
        "-keystore", certs.resolve("broker.p12").toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", certs.resolve("broker.p12").toString(),
        "-storepass", PASSWORD, "-file", certs.resolve("ca.crt").toString());
    keytool("-genkeypair", "-alias", "client", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=trantor",
        "-validity", "2", "-storetype", "PKCS12",
        "-keystore", certs.resolve("client.p12").toString(), "-storepass", PASSWORD, "-keypass", PASSWORD);
    keytool("-exportcert", "-rfc", "-alias", "client", "-keystore", certs.resolve("client.p12").toString(),
        "-storepass", PASSWORD, "-file", certs.resolve("tls.crt").toString());
    keytool("-importcert", "-noprompt", "-alias", "client", "-file", certs.resolve("tls.crt").toString(),
        "-storetype", "PKCS12", "-keystore", certs.resolve("broker-trust.p12").toString(), "-storepass", PASSWORD);
    keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certs.resolve("ca.crt").toString(),
        "-storetype", "PKCS12", "-keystore", certs.resolve("client-trust.p12").toString(), "-storepass", PASSWORD);
    writePemKey(certs.resolve("client.p12"), certs.resolve("tls.key"));

    broker = EmbeddedKafka.start("127.0.0.1", 0, dir.resolve("data"), Map.of(),
        new BrokerTls(certs.resolve("broker.p12"), PASSWORD, certs.resolve("broker-trust.p12"), PASSWORD));
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
    }
  }

  /** PKCS#8 PEM, the form of Kubernetes' {@code tls.key}. */
  private static void writePemKey(Path keystore, Path pem) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keystore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    PrivateKey key = (PrivateKey) store.getKey("client", PASSWORD.toCharArray());
    Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
  }

  private static KafkaSettings with(Tls tls) {
    return KafkaSettings.plaintext(broker.sslBootstrapServers().orElseThrow()).withSecurity(new KafkaSecurity.Ssl(tls));
  }

  private static void produceThrough(KafkaSettings settings, String topic) throws Exception {
    try (TopicAdmin admin = new TopicAdmin(settings)) {
      admin.ensureTopics(List.of(topic));
      assertThat(admin.listTopics()).contains(topic);
    }
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(settings.producerProperties(), new StringSerializer(), new StringSerializer())) {
      assertThat(producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS).offset()).isZero();
    }
  }

  @Test
  void mutualTlsFromPemFilesAsSeldonMountsThem() throws Exception {
    Path certs = dir.resolve("certs");

    produceThrough(with(Tls.pem(certs.resolve("ca.crt"), certs.resolve("tls.crt"), certs.resolve("tls.key"))), "tls-pem");
  }

  @Test
  void mutualTlsFromKeyStores() throws Exception {
    Path certs = dir.resolve("certs");
    Tls tls = new Tls(new TrustStoreFile(certs.resolve("client-trust.p12"), "PKCS12", PASSWORD),
        new KeyStoreFile(certs.resolve("client.p12"), "PKCS12", PASSWORD, PASSWORD), true);

    produceThrough(with(tls), "tls-stores");
  }

  @Test
  void aClientWithoutACertificateIsTurnedAway() {
    Tls noClientCert = new Tls(new PemCa(dir.resolve("certs").resolve("ca.crt")), null, true);

    try (TopicAdmin admin = new TopicAdmin(with(noClientCert))) {
      assertThatThrownBy(admin::listTopics).isInstanceOf(KafkaAdminException.class);
    }
  }
}
