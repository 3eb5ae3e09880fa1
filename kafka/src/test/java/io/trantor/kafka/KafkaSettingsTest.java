package io.trantor.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trantor.kafka.KafkaSecurity.KeyStoreFile;
import io.trantor.kafka.KafkaSecurity.Mechanism;
import io.trantor.kafka.KafkaSecurity.Sasl;
import io.trantor.kafka.KafkaSecurity.Tls;
import io.trantor.kafka.KafkaSecurity.TrustStoreFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaSettingsTest {

  @Test
  void plaintextUsesSeldonDefaults() {
    KafkaSettings s = KafkaSettings.plaintext("localhost:9092");

    assertThat(s.topicPrefix()).isEqualTo("seldon");
    assertThat(s.partitions()).isEqualTo(1);
    assertThat(s.replicationFactor()).isEqualTo((short) 1);
    assertThat(s.clientProperties()).containsEntry("bootstrap.servers", "localhost:9092")
        .containsEntry("security.protocol", "PLAINTEXT");
    assertThat(s.topics("prod").modelInputs("iris")).isEqualTo("seldon.prod.model.iris.inputs");
    assertThat(s.topics(null).pipelineOutputs("p")).isEqualTo("seldon.default.pipeline.p.outputs");
  }

  @Test
  void oneSizeLimitReachesProducerConsumerAndTopics() {
    KafkaSettings s = KafkaSettings.plaintext("k:9092").withMaxMessageBytes(20 * 1024 * 1024);
    int max = 20 * 1024 * 1024;

    assertThat(s.producerProperties()).containsEntry("max.request.size", max);
    assertThat((Long) s.producerProperties().get("buffer.memory")).isGreaterThanOrEqualTo(max);
    assertThat(s.consumerProperties("g")).containsEntry("max.partition.fetch.bytes", max)
        .containsEntry("fetch.max.bytes", max);
    assertThat(s.topicConfig()).containsEntry("max.message.bytes", String.valueOf(max));
  }

  @Test
  void prefixesApplyToTopicsAndGroups() {
    KafkaSettings s = KafkaSettings.plaintext("k:9092").withPrefixes("team-a", "trantor-a-");

    assertThat(s.topics("ns").errors()).isEqualTo("team-a.ns.errors.errors");
    assertThat(s.consumerProperties("pipeline-gateway")).containsEntry("group.id", "trantor-a-pipeline-gateway");
  }

  @Test
  void rejectsABadTopicPrefixAndZeroPartitions() {
    assertThatThrownBy(() -> KafkaSettings.plaintext("k:9092").withPrefixes("bad prefix!", ""))
        .hasMessageContaining("bad prefix!");
    assertThatThrownBy(() -> KafkaSettings.plaintext("k:9092").withPartitions(0, (short) 1))
        .hasMessageContaining("kafka.partitions");
  }

  @Test
  void saslScramOverTlsWithACaFile(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\n");
    KafkaSettings s = KafkaSettings.plaintext("k:9093").withSecurity(
        new KafkaSecurity.SaslSsl(Sasl.user(Mechanism.SCRAM_SHA_512, "alice", "s3cr\"et"), Tls.pemCa(ca)));

    Map<String, Object> p = s.clientProperties();
    assertThat(p).containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
        .containsEntry("sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"s3cr\\\"et\";")
        .containsEntry("ssl.truststore.type", "PEM")
        .containsEntry("ssl.truststore.location", ca.toString())
        .containsEntry("ssl.endpoint.identification.algorithm", "https");
  }

  @Test
  void saslPlainWithoutTls() {
    Map<String, Object> p = new KafkaSecurity.SaslPlaintext(Sasl.user(Mechanism.parse("plain"), "bob", "pw")).clientProperties();

    assertThat(p).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "PLAIN");
    assertThat((String) p.get("sasl.jaas.config")).startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
  }

  @Test
  void oauthBearerUsesClientCredentials() {
    Map<String, Object> p = new KafkaSecurity.SaslPlaintext(
        Sasl.oauth("https://idp.example/token", "trantor", "client-secret", "kafka")).clientProperties();

    assertThat(p).containsEntry("sasl.mechanism", "OAUTHBEARER")
        .containsEntry("sasl.oauthbearer.token.endpoint.url", "https://idp.example/token")
        .containsEntry("sasl.oauthbearer.client.credentials.client.id", "trantor")
        .containsEntry("sasl.oauthbearer.client.credentials.client.secret", "client-secret")
        .containsEntry("sasl.oauthbearer.scope", "kafka")
        .containsEntry("sasl.login.callback.handler.class",
            "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler");
  }

  @Test
  void mechanismAndCredentialsMustMatch() {
    assertThatThrownBy(() -> new Sasl(Mechanism.OAUTHBEARER, new KafkaSecurity.UserPassword("u", "p")))
        .hasMessageContaining("OAuth client credentials");
    assertThatThrownBy(() -> Mechanism.parse("GSSAPI")).hasMessageContaining("GSSAPI");
  }

  @Test
  void mutualTlsFromPemFilesInlinesTheKeyMaterial(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.crt"), "CA");
    Path cert = Files.writeString(dir.resolve("tls.crt"), "CERT");
    Path key = Files.writeString(dir.resolve("tls.key"), "KEY");

    Map<String, Object> p = new KafkaSecurity.Ssl(Tls.pem(ca, cert, key)).clientProperties();

    assertThat(p).containsEntry("security.protocol", "SSL")
        .containsEntry("ssl.keystore.type", "PEM")
        .containsEntry("ssl.keystore.certificate.chain", "CERT")
        .containsEntry("ssl.keystore.key", "KEY");
  }

  @Test
  void mutualTlsFromKeyStores() {
    Tls tls = new Tls(new TrustStoreFile(Path.of("/etc/kafka/truststore.jks"), "JKS", "trustpw"),
        new KeyStoreFile(Path.of("/etc/kafka/keystore.p12"), null, "storepw", "keypw"), false);

    Map<String, Object> p = new KafkaSecurity.Ssl(tls).clientProperties();

    assertThat(p).containsEntry("ssl.truststore.type", "JKS")
        .containsEntry("ssl.truststore.password", "trustpw")
        .containsEntry("ssl.keystore.type", "PKCS12")
        .containsEntry("ssl.keystore.password", "storepw")
        .containsEntry("ssl.key.password", "keypw")
        .containsEntry("ssl.endpoint.identification.algorithm", "");
  }

  @Test
  void toStringNeverShowsSecrets() {
    KafkaSettings scram = KafkaSettings.plaintext("k:9093").withSecurity(new KafkaSecurity.SaslSsl(
        Sasl.user(Mechanism.SCRAM_SHA_256, "alice", "hunter2"),
        new Tls(new TrustStoreFile(Path.of("t.jks"), "JKS", "trustpw"), new KeyStoreFile(Path.of("k.p12"), null, "storepw", "keypw"), true)));
    KafkaSettings oauth = KafkaSettings.plaintext("k:9093").withSecurity(
        new KafkaSecurity.SaslPlaintext(Sasl.oauth("https://idp/token", "id", "oauth-secret", null)));

    assertThat(scram.toString()).contains("alice", "SCRAM_SHA_256")
        .doesNotContain("hunter2", "trustpw", "storepw", "keypw");
    assertThat(oauth.toString()).contains("https://idp/token").doesNotContain("oauth-secret");
  }
}
