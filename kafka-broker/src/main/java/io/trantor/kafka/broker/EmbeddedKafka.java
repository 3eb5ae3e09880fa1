package io.trantor.kafka.broker;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker (combined KRaft broker and controller) running in this JVM, built
 * from Kafka's own server classes. {@code trantor up} runs one on 9092; tests run one per class.
 * The log directory is kept, so a restart over the same {@code dataDir} keeps topics and records.
 */
public final class EmbeddedKafka implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER = "CONTROLLER";
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  /**
   * Largest record the broker accepts, matched with the clients' and topics' limit
   * (trantor-kafka's {@code KafkaSettings.DEFAULT_MAX_MESSAGE_BYTES}), so large tensors pass.
   */
  public static final int MAX_MESSAGE_BYTES = 100 * 1024 * 1024;

  private static final String SASL_LISTENER = "SASL_PLAINTEXT";
  private static final List<String> SCRAM = List.of("SCRAM-SHA-256", "SCRAM-SHA-512");

  private final KafkaRaftServer server;
  private final String bootstrapServers;
  private final String saslBootstrapServers;
  private final String sslBootstrapServers;
  private final Path dataDir;

  private EmbeddedKafka(KafkaRaftServer server, String bootstrapServers, String saslBootstrapServers,
      String sslBootstrapServers, Path dataDir) {
    this.server = server;
    this.bootstrapServers = bootstrapServers;
    this.saslBootstrapServers = saslBootstrapServers;
    this.sslBootstrapServers = sslBootstrapServers;
    this.dataDir = dataDir;
  }

  /**
   * Formats {@code dataDir} if it holds no broker yet, starts the broker and waits until it
   * answers.
   *
   * @param host address to listen on and to advertise
   * @param port client port; 0 picks a free one
   * @param dataDir log and metadata directory, created when missing
   */
  public static EmbeddedKafka start(String host, int port, Path dataDir) {
    return start(host, port, dataDir, Map.of());
  }

  /**
   * As {@link #start(String, int, Path)}, plus a second listener that authenticates with SASL
   * (PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512) the given users, for testing clients of secured
   * clusters. The PLAINTEXT listener stays, for the broker itself and for administration.
   *
   * @param saslUsers user name to password; empty: no SASL listener
   */
  public static EmbeddedKafka start(String host, int port, Path dataDir, Map<String, String> saslUsers) {
    return start(host, port, dataDir, saslUsers, null);
  }

  /**
   * As {@link #start(String, int, Path, Map)}, plus an SSL listener presenting {@code tls}'s
   * certificate (and demanding a client certificate when {@code tls} has a trust store).
   *
   * @param tls null: no SSL listener
   */
  public static EmbeddedKafka start(String host, int port, Path dataDir, Map<String, String> saslUsers, BrokerTls tls) {
    requireNonNull(host, "host");
    requireNonNull(saslUsers, "saslUsers");
    requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port: must be between 0 and 65535, got " + port);
    }
    try {
      Files.createDirectories(dataDir);
      int brokerPort = port == 0 ? freePort(host) : port;
      int controllerPort = freePort(host);
      Properties props = brokerProperties(host, brokerPort, controllerPort, dataDir);
      String saslBootstrap = null;
      if (!saslUsers.isEmpty()) {
        int saslPort = freePort(host);
        saslBootstrap = host + ":" + saslPort;
        addSaslListener(props, host, saslPort, saslUsers);
      }
      String sslBootstrap = null;
      if (tls != null) {
        int sslPort = freePort(host);
        sslBootstrap = host + ":" + sslPort;
        addSslListener(props, host, sslPort, tls);
      }
      if (!Files.exists(dataDir.resolve("meta.properties"))) {
        format(dataDir);
      }
      KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      String bootstrap = host + ":" + brokerPort;
      long started = System.nanoTime();
      server.startup();
      EmbeddedKafka kafka = new EmbeddedKafka(server, bootstrap, saslBootstrap, sslBootstrap, dataDir);
      try {
        kafka.awaitReady();
        kafka.createScramUsers(saslUsers);
      } catch (RuntimeException e) {
        kafka.close();
        throw e;
      }
      log.info("Embedded Kafka on {} (data in {}) started after {} ms", bootstrap, dataDir,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      return kafka;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka in " + dataDir, e);
    }
  }

  /** {@code host:port} for clients' {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** {@code host:port} of the SASL_PLAINTEXT listener, when the broker was started with SASL users. */
  public Optional<String> saslBootstrapServers() {
    return Optional.ofNullable(saslBootstrapServers);
  }

  /** {@code host:port} of the SSL listener, when the broker was started with TLS. */
  public Optional<String> sslBootstrapServers() {
    return Optional.ofNullable(sslBootstrapServers);
  }

  public Path dataDir() {
    return dataDir;
  }

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    log.info("Embedded Kafka on {} stopped", bootstrapServers);
  }

  private static Properties brokerProperties(String host, int brokerPort, int controllerPort, Path dataDir) {
    Properties p = new Properties();
    p.putAll(Map.ofEntries(
        Map.entry("process.roles", "broker,controller"),
        Map.entry("node.id", String.valueOf(NODE_ID)),
        Map.entry("controller.quorum.voters", NODE_ID + "@" + host + ":" + controllerPort),
        Map.entry("listeners", "PLAINTEXT://" + host + ":" + brokerPort + "," + CONTROLLER + "://" + host + ":" + controllerPort),
        Map.entry("advertised.listeners", "PLAINTEXT://" + host + ":" + brokerPort),
        Map.entry("controller.listener.names", CONTROLLER),
        Map.entry("inter.broker.listener.name", "PLAINTEXT"),
        Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER + ":PLAINTEXT"),
        Map.entry("log.dirs", dataDir.toString()),
        Map.entry("offsets.topic.replication.factor", "1"),
        Map.entry("offsets.topic.num.partitions", "1"),
        Map.entry("transaction.state.log.replication.factor", "1"),
        Map.entry("transaction.state.log.min.isr", "1"),
        Map.entry("share.coordinator.state.topic.replication.factor", "1"),
        Map.entry("share.coordinator.state.topic.min.isr", "1"),
        Map.entry("group.initial.rebalance.delay.ms", "0"),
        // After a kill -9 the restarted broker registers again only once its previous incarnation's
        // session expired (9 s by default): keep that short, this node is its own controller.
        Map.entry("broker.session.timeout.ms", "3000"),
        Map.entry("broker.heartbeat.interval.ms", "500"),
        Map.entry("num.partitions", "1"),
        // Trantor creates every topic it uses with explicit settings; a typo must not create one.
        Map.entry("auto.create.topics.enable", "false"),
        // The default 128 MiB dedupe buffer sits on the heap of whoever embeds the broker.
        Map.entry("log.cleaner.dedupe.buffer.size", "2097152"),
        Map.entry("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
        Map.entry("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES)),
        Map.entry("socket.request.max.bytes", String.valueOf(MAX_MESSAGE_BYTES + 1024 * 1024))));
    return p;
  }

  private static void addSaslListener(Properties p, String host, int saslPort, Map<String, String> users) {
    p.put("listeners", p.get("listeners") + "," + SASL_LISTENER + "://" + host + ":" + saslPort);
    p.put("advertised.listeners", p.get("advertised.listeners") + "," + SASL_LISTENER + "://" + host + ":" + saslPort);
    p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + "," + SASL_LISTENER + ":SASL_PLAINTEXT");
    p.put("sasl.enabled.mechanisms", "PLAIN," + String.join(",", SCRAM));
    StringBuilder plain = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required");
    users.forEach((user, password) -> plain.append(" user_").append(user).append("=\"").append(password).append('"'));
    String prefix = "listener.name." + SASL_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
    p.put(prefix + "plain.sasl.jaas.config", plain.append(';').toString());
    for (String mechanism : SCRAM) {
      p.put(prefix + mechanism.toLowerCase(java.util.Locale.ROOT) + ".sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    }
  }

  private static void addSslListener(Properties p, String host, int sslPort, BrokerTls tls) {
    p.put("listeners", p.get("listeners") + ",SSL://" + host + ":" + sslPort);
    p.put("advertised.listeners", p.get("advertised.listeners") + ",SSL://" + host + ":" + sslPort);
    p.put("listener.security.protocol.map", p.get("listener.security.protocol.map") + ",SSL:SSL");
    String prefix = "listener.name.ssl.";
    p.put(prefix + "ssl.keystore.type", "PKCS12");
    p.put(prefix + "ssl.keystore.location", tls.keystore().toString());
    p.put(prefix + "ssl.keystore.password", tls.password());
    p.put(prefix + "ssl.key.password", tls.password());
    if (tls.truststore() != null) {
      p.put(prefix + "ssl.truststore.type", "PKCS12");
      p.put(prefix + "ssl.truststore.location", tls.truststore().toString());
      p.put(prefix + "ssl.truststore.password", tls.truststorePassword());
      p.put(prefix + "ssl.client.auth", "required");
    }
  }

  /** SCRAM credentials live in the cluster metadata, so they are added once the broker runs. */
  private void createScramUsers(Map<String, String> users) {
    if (users.isEmpty()) {
      return;
    }
    // Kafka takes one alteration per user and request, so each mechanism is its own request.
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      for (ScramMechanism mechanism : List.of(ScramMechanism.SCRAM_SHA_256, ScramMechanism.SCRAM_SHA_512)) {
        List<UserScramCredentialAlteration> alterations = new ArrayList<>();
        users.forEach((user, password) ->
            alterations.add(new UserScramCredentialUpsertion(user, new ScramCredentialInfo(mechanism, 4096), password)));
        admin.alterUserScramCredentials(alterations).all().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating SCRAM users", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create SCRAM users: " + e.getMessage(), e);
    }
  }

  private static void format(Path dataDir) {
    try (PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
      new Formatter()
          .setPrintStream(quiet)
          .setClusterId(Uuid.randomUuid().toString())
          .setNodeId(NODE_ID)
          .setControllerListenerName(CONTROLLER)
          .setMetadataLogDirectory(dataDir.toString())
          .setDirectories(List.of(dataDir.toString()))
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka data directory " + dataDir, e);
    }
  }

  private void awaitReady() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster().nodes().get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Kafka on " + bootstrapServers, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka on " + bootstrapServers + " did not become ready in " + READY_TIMEOUT, e);
    }
  }

  private static int freePort(String host) throws IOException {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    }
  }
}
