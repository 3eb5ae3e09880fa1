package io.trantor.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.linecorp.armeria.client.BlockingWebClient;
import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import com.linecorp.armeria.common.HttpMethod;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import io.trantor.protocol.grpc.InferTensorContents;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelReadyRequest;
import io.trantor.protocol.tracing.ServerSpans;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces over real HTTP on loopback: a gateway and an agent's OIP server, both recording spans into
 * one in-memory exporter. One request is one trace across both, the agent's span the child of
 * the gateway's, which continues the caller's {@code traceparent}.
 */
class TracingIT {
  private static final Duration DEADLINE = Duration.ofSeconds(20);
  private static final String BODY =
      "{\"inputs\":[{\"name\":\"INPUT0\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[1.5,2.5]}]}";
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN_ID = "00f067aa0ba902b7";

  @TempDir Path dir;
  InMemorySpanExporter spans;
  OpenTelemetrySdk otel;
  PrometheusMeterRegistry metrics;
  FakeRouteService control;
  ReplicaServer replica;
  Gateway gateway;
  ClientFactory clients;
  BlockingWebClient http;

  @BeforeEach
  void setUp() {
    spans = InMemorySpanExporter.create();
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    control = FakeRouteService.start();
    replica = ReplicaServer.start(dir.resolve("r"), otel, "iris_1");
    gateway = Gateway.start(new GatewayConfig("127.0.0.1", 0, control.target()), metrics, otel);
    clients = ClientFactory.builder().build();
    http = WebClient.builder("http://127.0.0.1:" + gateway.port()).factory(clients).responseTimeout(DEADLINE).build()
        .blocking();
    control.publish("iris", 1, replica.endpoint());
    await().atMost(DEADLINE).until(() -> http.get("/v2/models/iris/ready").status().code() == 200);
    spans.reset();
  }

  @AfterEach
  void tearDown() throws Exception {
    clients.close();
    gateway.close();
    replica.close();
    control.close();
    metrics.close();
    otel.close();
  }

  private int restInfer(String traceparent, String requestId) {
    var headers = RequestHeaders.builder(HttpMethod.POST, "/v2/models/iris/infer").contentType(MediaType.JSON)
        .add("x-request-id", requestId);
    if (traceparent != null) {
      headers.add("traceparent", traceparent);
    }
    return http.execute(headers.build(), BODY).status().code();
  }

  private GRPCInferenceServiceBlockingStub grpc() {
    return GrpcClients.builder("http://127.0.0.1:" + gateway.port()).factory(clients).responseTimeout(DEADLINE)
        .build(GRPCInferenceServiceBlockingStub.class);
  }

  /** The gateway's and the agent's SERVER span of one request, once both have ended. */
  private record Hop(SpanData gateway, SpanData agent) {}

  private Hop awaitHop(String path) {
    return await().atMost(DEADLINE).until(() -> {
      List<SpanData> done = spans.getFinishedSpanItems();
      SpanData atGateway = one(done, "io.trantor.gateway", path);
      SpanData atAgent = one(done, "io.trantor.agent", null);
      return atGateway == null || atAgent == null ? null : new Hop(atGateway, atAgent);
    }, hop -> hop != null);
  }

  private static SpanData one(List<SpanData> done, String scope, String path) {
    return done.stream()
        .filter(s -> s.getInstrumentationScopeInfo().getName().equals(scope))
        .filter(s -> path == null || path.equals(s.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("url.path"))))
        .findFirst().orElse(null);
  }

  @Test
  void aRestRequestIsOneTraceThatContinuesTheCallersTraceparent() {
    assertThat(restInfer("00-" + TRACE_ID + "-" + CALLER_SPAN_ID + "-01", "req-trace-1")).isEqualTo(200);

    Hop hop = awaitHop("/v2/models/iris/infer");
    assertThat(hop.gateway().getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(hop.gateway().getName()).isEqualTo("POST /v2/models/*");
    assertThat(hop.gateway().getTraceId()).isEqualTo(TRACE_ID);
    assertThat(hop.gateway().getParentSpanId()).isEqualTo(CALLER_SPAN_ID);
    assertThat(hop.agent().getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(hop.agent().getTraceId()).isEqualTo(TRACE_ID);
    assertThat(hop.agent().getParentSpanId()).isEqualTo(hop.gateway().getSpanId());
    assertThat(hop.agent().getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("url.path")))
        .isEqualTo("/v2/models/iris_1/infer");
    for (SpanData span : List.of(hop.gateway(), hop.agent())) {
      assertThat(span.getAttributes().get(ServerSpans.REQUEST_ID)).isEqualTo("req-trace-1");
      assertThat(span.getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("http.response.status_code")))
          .isEqualTo(200L);
    }
  }

  @Test
  void aMalformedTraceparentStartsANewTrace() {
    assertThat(restInfer("00-not-a-trace-01", "req-trace-2")).isEqualTo(200);

    Hop hop = awaitHop("/v2/models/iris/infer");
    assertThat(hop.gateway().getParentSpanContext().isValid()).isFalse();
    assertThat(hop.gateway().getTraceId()).isNotEqualTo(TRACE_ID).matches("[0-9a-f]{32}");
    assertThat(hop.agent().getTraceId()).isEqualTo(hop.gateway().getTraceId());
    assertThat(hop.agent().getParentSpanId()).isEqualTo(hop.gateway().getSpanId());
  }

  @Test
  void grpcCallsAreOneTraceOnTheByteAndTheDecodingPaths() {
    // ModelInfer in plain protobuf takes the byte path (GrpcPassThrough) ...
    var contents = InferTensorContents.newBuilder().addFp32Contents(1f);
    grpc().modelInfer(ModelInferRequest.newBuilder().setModelName("iris").addInputs(
        ModelInferRequest.InferInputTensor.newBuilder().setName("INPUT0").setDatatype("FP32").addShape(1).addShape(1)
            .setContents(contents)).build());
    Hop infer = awaitHop("/inference.GRPCInferenceService/ModelInfer");
    assertThat(infer.gateway().getName()).isEqualTo("inference.GRPCInferenceService/ModelInfer");
    assertThat(infer.gateway().getParentSpanContext().isValid()).isFalse();
    assertThat(infer.agent().getTraceId()).isEqualTo(infer.gateway().getTraceId());
    assertThat(infer.agent().getParentSpanId()).isEqualTo(infer.gateway().getSpanId());
    assertThat(infer.agent().getAttributes().get(io.opentelemetry.api.common.AttributeKey.longKey("rpc.grpc.status_code")))
        .isEqualTo(0L);

    // ... ModelReady the decoding one (a stub call to the replica).
    spans.reset();
    assertThat(grpc().modelReady(ModelReadyRequest.newBuilder().setName("iris").build()).getReady()).isTrue();
    Hop ready = awaitHop("/inference.GRPCInferenceService/ModelReady");
    assertThat(ready.agent().getTraceId()).isEqualTo(ready.gateway().getTraceId());
    assertThat(ready.agent().getParentSpanId()).isEqualTo(ready.gateway().getSpanId());
  }
}
