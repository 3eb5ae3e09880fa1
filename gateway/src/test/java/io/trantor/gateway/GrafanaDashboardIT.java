package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import io.trantor.kafka.KafkaSettings;
import io.trantor.kafka.broker.EmbeddedKafkaExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every query of the Grafana dashboard in {@code deploy/grafana/} names metrics that a running
 * gateway really exports: the JSON is parsed, and the metric names of each panel's expressions are
 * looked up in a {@code /metrics} scrape taken after model and pipeline traffic.
 */
class GrafanaDashboardIT {
  @RegisterExtension static final EmbeddedKafkaExtension kafka = new EmbeddedKafkaExtension();
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "trantor-dashboard.json");
  private static final String BODY =
      "{\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2.5]}]}";
  // Trantor's and Seldon's metrics all start so; anything else in a query is PromQL or a label.
  private static final Pattern METRIC = Pattern.compile("\\b(?:seldon|trantor)_[a-z0-9_]+\\b");

  @TempDir Path dir;

  @Test
  void everyMetricTheDashboardQueriesIsExported() throws Exception {
    List<String> queries = queries(new ObjectMapper().readTree(Files.readString(DASHBOARD)));
    assertThat(queries).as("dashboard queries").hasSizeGreaterThan(10);
    Set<String> queried = new TreeSet<>();
    for (String query : queries) {
      Matcher m = METRIC.matcher(query);
      boolean any = false;
      while (m.find()) {
        queried.add(m.group());
        any = true;
      }
      assertThat(any).as("query names a Trantor metric: " + query).isTrue();
    }

    KafkaSettings settings = KafkaSettings.plaintext(kafka.bootstrapServers());
    try (FakeRouteService control = FakeRouteService.start();
        ReplicaServer replica = ReplicaServer.start(dir.resolve("r"), "iris_1");
        Gateway gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()).withKafka(settings));
        ClientFactory clients = ClientFactory.builder().build()) {
      BlockingWebClient http = WebClient.builder("http://127.0.0.1:" + gateway.port()).factory(clients)
          .responseTimeout(DEADLINE).build().blocking();
      control.publish("iris", 1, replica.endpoint());
      await().atMost(DEADLINE).until(() -> infer(http, "/v2/models/iris/infer") == 200);
      gateway.pipelineGateway().orElseThrow().register("default", "echo");
      try (FakeDataflow dataflow = new FakeDataflow(settings, "default", "echo", FakeDataflow.ECHO)) {
        assertThat(infer(http, "/v2/pipelines/echo/infer")).isEqualTo(200);
      }

      await().atMost(DEADLINE).untilAsserted(() -> {
        Set<String> exported = exportedNames(http.get("/metrics").contentUtf8());
        assertThat(exported).as("names in the scrape").containsAll(queried);
      });
    }
  }

  private static int infer(BlockingWebClient http, String path) {
    return http.execute(RequestHeaders.builder(HttpMethod.POST, path).contentType(MediaType.JSON).build(), BODY)
        .status().code();
  }

  /** Every {@code expr} of every panel target, rows' nested panels included, and of the template variables. */
  private static List<String> queries(JsonNode dashboard) throws IOException {
    List<String> out = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      collect(panel, out);
      for (JsonNode nested : panel.path("panels")) {
        collect(nested, out);
      }
    }
    for (JsonNode variable : dashboard.path("templating").path("list")) {
      if (variable.path("type").asText().equals("query")) {
        out.add(variable.path("query").asText());
      }
    }
    return out;
  }

  private static void collect(JsonNode panel, List<String> out) {
    for (JsonNode target : panel.path("targets")) {
      out.add(target.path("expr").asText());
    }
  }

  /** The sample names of a Prometheus text scrape ({@code name{labels} value} or {@code name value}). */
  private static Set<String> exportedNames(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int end = line.indexOf('{');
      names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
    }
    return names;
  }
}
