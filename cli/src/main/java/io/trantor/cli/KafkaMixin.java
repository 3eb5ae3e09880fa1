package io.trantor.cli;

import io.trantor.kafka.KafkaSecurity;
import io.trantor.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * Which Kafka cluster pipelines use, and how to reach it: the settings Seldon's components take
 * ({@code security.protocol}, SASL PLAIN/SCRAM/OAUTHBEARER, TLS/mTLS from PEM files, topic and
 * consumer-group prefixes, partitions, replication). Secrets come from environment variables or
 * files, never from the command line (which other users of the machine can read).
 */
final class KafkaMixin {
  static final String DEFAULT_BOOTSTRAP = "localhost:9092";

  @Option(names = {"--kafka", "--kafka-broker"}, paramLabel = "HOST:PORT[,HOST:PORT]",
      description = "Kafka bootstrap servers. Default: $TRANTOR_KAFKA, else " + DEFAULT_BOOTSTRAP
          + " (trantor up: the embedded broker; client commands also read the active config and $SELDON_KAFKA_BROKER).")
  String bootstrap;

  static final String DEFAULT_TOPIC_PREFIX = "seldon";

  @Option(names = "--kafka-topic-prefix", paramLabel = "PREFIX", defaultValue = DEFAULT_TOPIC_PREFIX,
      description = "Topic prefix, as Seldon's topicPrefix. Default: ${DEFAULT-VALUE}.")
  String topicPrefix;

  @Option(names = "--kafka-consumer-group-prefix", paramLabel = "PREFIX", defaultValue = "",
      description = "Prefix of every consumer group and Streams application id (shared clusters).")
  String consumerGroupPrefix;

  @Option(names = "--kafka-partitions", paramLabel = "N", defaultValue = "1", description = "Partitions of created topics. Default: ${DEFAULT-VALUE}.")
  int partitions;

  @Option(names = "--kafka-replication-factor", paramLabel = "N", defaultValue = "1",
      description = "Replication factor of created topics. Default: ${DEFAULT-VALUE}.")
  short replicationFactor;

  @Option(names = "--kafka-max-message-bytes", paramLabel = "BYTES", defaultValue = "" + KafkaSettings.DEFAULT_MAX_MESSAGE_BYTES,
      description = "Largest record, set alike on producers, consumers and topics. Default: ${DEFAULT-VALUE}.")
  int maxMessageBytes;

  @Option(names = "--kafka-security-protocol", paramLabel = "PROTOCOL", defaultValue = "PLAINTEXT",
      description = "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL. Default: ${DEFAULT-VALUE}.")
  String securityProtocol;

  @Option(names = "--kafka-sasl-mechanism", paramLabel = "MECHANISM", defaultValue = "SCRAM-SHA-512",
      description = "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 or OAUTHBEARER. Default: ${DEFAULT-VALUE}.")
  String saslMechanism;

  @Option(names = "--kafka-sasl-username", paramLabel = "USER", description = "SASL user (PLAIN, SCRAM). Password: $TRANTOR_KAFKA_SASL_PASSWORD or --kafka-sasl-password-file.")
  String saslUsername;

  @Option(names = "--kafka-sasl-password-file", paramLabel = "FILE", description = "File holding the SASL password.")
  Path saslPasswordFile;

  @Option(names = "--kafka-oauth-token-endpoint", paramLabel = "URL", description = "OAUTHBEARER token endpoint.")
  String oauthTokenEndpoint;

  @Option(names = "--kafka-oauth-client-id", paramLabel = "ID", description = "OAUTHBEARER client id. Secret: $TRANTOR_KAFKA_OAUTH_CLIENT_SECRET or --kafka-oauth-client-secret-file.")
  String oauthClientId;

  @Option(names = "--kafka-oauth-client-secret-file", paramLabel = "FILE", description = "File holding the OAuth client secret.")
  Path oauthClientSecretFile;

  @Option(names = "--kafka-oauth-scope", paramLabel = "SCOPE", description = "OAuth scope, if the provider needs one.")
  String oauthScope;

  @Option(names = "--kafka-tls-ca", paramLabel = "FILE", description = "PEM CA certificate to trust the brokers (SSL, SASL_SSL).")
  Path tlsCa;

  @Option(names = "--kafka-tls-cert", paramLabel = "FILE", description = "PEM client certificate, for mTLS (with --kafka-tls-key).")
  Path tlsCert;

  @Option(names = "--kafka-tls-key", paramLabel = "FILE", description = "PEM client private key, for mTLS.")
  Path tlsKey;

  /** True when the user named a cluster (flag or environment). */
  boolean external() {
    return named() != null;
  }

  /** The cluster the user named to a process (flag or TRANTOR_KAFKA); else null. */
  private String named() {
    return CliConfigs.first(bootstrap, System.getenv("TRANTOR_KAFKA"));
  }

  String bootstrapOrDefault() {
    String named = named();
    return named != null ? named : DEFAULT_BOOTSTRAP;
  }

  /**
   * For a client command ({@code pipeline inspect}): the cluster named by the flag, else the active
   * CLI config, else TRANTOR_KAFKA, else Seldon's SELDON_KAFKA_BROKER; else null. Servers never read
   * the CLI config, so an active config cannot move {@code trantor up} off its embedded broker. The
   * config's {@code kafka.topicPrefix} counts where {@code --kafka-topic-prefix} is not given.
   */
  String clientCluster() {
    CliConfigs.Settings config = CliConfigs.active();
    if (topicPrefix.equals(DEFAULT_TOPIC_PREFIX) && config.kafkaTopicPrefix() != null) {
      topicPrefix = config.kafkaTopicPrefix();
    }
    return CliConfigs.first(bootstrap, config.kafkaBootstrap(), System.getenv("TRANTOR_KAFKA"),
        System.getenv("SELDON_KAFKA_BROKER"));
  }

  KafkaSettings settings() {
    return settings(bootstrapOrDefault());
  }

  /**
   * The settings of the cluster a control plane reports, for commands that read its topics: its
   * address and prefixes, unless the user named a cluster ({@code --kafka}, {@code TRANTOR_KAFKA})
   * or a prefix; security settings (and any credentials) always come from this command's flags.
   */
  KafkaSettings settingsLearnedFrom(io.trantor.protocol.control.ClusterInfo info) {
    if (external()) {
      return settings();
    }
    if (info.getKafkaBootstrapServers().isEmpty()) {
      throw new CommandFailure(ExitCode.INVALID_INPUT,
          "the control plane runs without Kafka (no pipelines); name a cluster with --kafka or TRANTOR_KAFKA");
    }
    if (topicPrefix.equals(DEFAULT_TOPIC_PREFIX) && !info.getKafkaTopicPrefix().isEmpty()) {
      topicPrefix = info.getKafkaTopicPrefix();
    }
    if (consumerGroupPrefix.isEmpty()) {
      consumerGroupPrefix = info.getKafkaConsumerGroupPrefix();
    }
    return settings(info.getKafkaBootstrapServers());
  }

  /** The settings for {@code bootstrapServers}; a bad combination is a {@link UserInputException} naming the flag. */
  KafkaSettings settings(String bootstrapServers) {
    try {
      return new KafkaSettings(bootstrapServers, topicPrefix, consumerGroupPrefix, partitions, replicationFactor,
          maxMessageBytes, security());
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--kafka: " + e.getMessage());
    }
  }

  private KafkaSecurity security() {
    String protocol = securityProtocol.toUpperCase(Locale.ROOT);
    return switch (protocol) {
      case "PLAINTEXT" -> new KafkaSecurity.Plaintext();
      case "SSL" -> new KafkaSecurity.Ssl(tls());
      case "SASL_PLAINTEXT" -> new KafkaSecurity.SaslPlaintext(sasl());
      case "SASL_SSL" -> new KafkaSecurity.SaslSsl(sasl(), tls());
      default -> throw new UserInputException(
          "--kafka-security-protocol: must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL, got '" + securityProtocol + "'");
    };
  }

  private KafkaSecurity.Sasl sasl() {
    KafkaSecurity.Mechanism mechanism;
    try {
      mechanism = KafkaSecurity.Mechanism.parse(saslMechanism);
    } catch (IllegalArgumentException e) {
      throw new UserInputException("--kafka-sasl-mechanism: " + e.getMessage());
    }
    if (mechanism == KafkaSecurity.Mechanism.OAUTHBEARER) {
      if (oauthTokenEndpoint == null || oauthClientId == null) {
        throw new UserInputException("--kafka-sasl-mechanism OAUTHBEARER needs --kafka-oauth-token-endpoint and --kafka-oauth-client-id");
      }
      String secret = secret("TRANTOR_KAFKA_OAUTH_CLIENT_SECRET", oauthClientSecretFile, "--kafka-oauth-client-secret-file");
      return KafkaSecurity.Sasl.oauth(oauthTokenEndpoint, oauthClientId, secret, oauthScope);
    }
    if (saslUsername == null || saslUsername.isBlank()) {
      throw new UserInputException("--kafka-sasl-username: needed for SASL " + mechanism.kafkaName());
    }
    return KafkaSecurity.Sasl.user(mechanism, saslUsername, secret("TRANTOR_KAFKA_SASL_PASSWORD", saslPasswordFile, "--kafka-sasl-password-file"));
  }

  private KafkaSecurity.Tls tls() {
    if (tlsCa == null) {
      throw new UserInputException("--kafka-tls-ca: needed for SSL and SASL_SSL");
    }
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new UserInputException("--kafka-tls-cert and --kafka-tls-key: give both for mTLS, or neither");
    }
    for (Path file : new Path[] {tlsCa, tlsCert, tlsKey}) {
      if (file != null && !Files.isReadable(file)) {
        throw new UserInputException("--kafka-tls-*: cannot read " + file);
      }
    }
    return tlsCert == null ? KafkaSecurity.Tls.pemCa(tlsCa) : KafkaSecurity.Tls.pem(tlsCa, tlsCert, tlsKey);
  }

  private static String secret(String env, Path file, String flag) {
    if (file != null) {
      try {
        return Files.readString(file).strip();
      } catch (IOException e) {
        throw new UserInputException(flag + ": cannot read " + file);
      }
    }
    String value = System.getenv(env);
    if (value == null || value.isEmpty()) {
      throw new UserInputException("set $" + env + " or " + flag);
    }
    return value;
  }
}
