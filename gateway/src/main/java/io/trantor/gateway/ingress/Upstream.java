package io.trantor.gateway.ingress;

import com.linecorp.armeria.client.ClientFactory;
import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.grpc.GrpcClients;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc.GRPCInferenceServiceStub;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One replica endpoint ({@code host:port}, REST and gRPC on one port): the clients that reach it
 * and how many requests are on their way to it now, which the balancer reads.
 */
final class Upstream {
  private final String endpoint;
  private final WebClient web;
  private final GRPCInferenceServiceStub grpc;
  private final AtomicInteger outstanding = new AtomicInteger();

  Upstream(String endpoint, ClientFactory factory, boolean tls) {
    this.endpoint = endpoint;
    String uri = (tls ? "https://" : "http://") + endpoint;
    // Timeouts are per request (per model), so the clients have none of their own.
    // REST goes over HTTP/1.1 connections (a pool spread over the event loops), not one h2c
    // connection: multiplexing every request to a replica onto one connection puts them all on
    // one event loop at both ends, and HPACK costs more than HTTP/1 headers. Measured with
    // /proc CPU time of `trantor up` per request at c=16: 240 us via h2c, 177 us via HTTP/1.1
    // (direct: 62 us). gRPC needs HTTP/2 and keeps it.
    this.web = WebClient.builder((tls ? "h1://" : "h1c://") + endpoint).factory(factory).responseTimeout(Duration.ZERO).maxResponseLength(0).build();
    this.grpc = GrpcClients.builder(uri)
        .factory(factory)
        .responseTimeout(Duration.ZERO)
        .maxResponseLength(0)
        .maxResponseMessageLength(Integer.MAX_VALUE)
        .build(GRPCInferenceServiceGrpc.GRPCInferenceServiceStub.class);
  }

  String endpoint() {
    return endpoint;
  }

  WebClient web() {
    return web;
  }

  GRPCInferenceServiceStub grpc() {
    return grpc;
  }

  int outstanding() {
    return outstanding.get();
  }

  void begin() {
    outstanding.incrementAndGet();
  }

  void end() {
    outstanding.decrementAndGet();
  }

  @Override
  public String toString() {
    return endpoint;
  }
}
