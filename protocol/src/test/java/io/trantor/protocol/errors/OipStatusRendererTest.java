package io.trantor.protocol.errors;

import static io.trantor.protocol.errors.OipEdge.GATEWAY;
import static io.trantor.protocol.errors.OipEdge.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OipStatusRendererTest {

  @Test
  void frameworkStatusesReadAsSentences() {
    assertThat(OipStatusRenderer.message(SERVER, null, 404, "Not Found", null, "GET", "/v2/x"))
        .isEqualTo("no such endpoint: GET /v2/x");
    assertThat(OipStatusRenderer.message(SERVER, "json", 405, "Method Not Allowed", null, "PUT", "/v2"))
        .isEqualTo("method PUT is not allowed on /v2");
    assertThat(OipStatusRenderer.message(GATEWAY, null, 413, "Request Entity Too Large", null, "POST", "/v2"))
        .isEqualTo("request body is larger than the gateway's limit");
    assertThat(OipStatusRenderer.message(SERVER, null, 413, "Request Entity Too Large", null, "POST", "/v2"))
        .isEqualTo("request body is larger than the server's limit");
    assertThat(OipStatusRenderer.message(SERVER, null, 503, "Service Unavailable", null, "GET", "/"))
        .isEqualTo("service unavailable");
    assertThat(OipStatusRenderer.message(SERVER, null, 503, "Service Unavailable", "draining", "GET", "/"))
        .isEqualTo("draining");
    assertThat(OipStatusRenderer.message(SERVER, null, 500, "Internal Server Error", "why", "GET", "/"))
        .isEqualTo("why");
    assertThat(OipStatusRenderer.message(SERVER, null, 400, "Bad Request", null, "GET", "/"))
        .isEqualTo("Bad Request");
  }

  @Test
  void grpcCallsKeepTheFrameworksStatus() {
    assertThat(OipStatusRenderer.isRest(null)).isTrue();
    assertThat(OipStatusRenderer.isRest("json")).isTrue();
    assertThat(OipStatusRenderer.isRest("grpc+proto")).isFalse();
    assertThat(OipStatusRenderer.message(GATEWAY, "grpc", 404, "Not Found", null, "POST", "/x")).isNull();
  }
}
