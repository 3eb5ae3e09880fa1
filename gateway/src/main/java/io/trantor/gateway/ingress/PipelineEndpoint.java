package io.trantor.gateway.ingress;

import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.HttpData;
import com.linecorp.armeria.common.HttpRequest;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.RequestHeaders;
import com.linecorp.armeria.common.ResponseHeaders;
import com.linecorp.armeria.common.ResponseHeadersBuilder;
import com.linecorp.armeria.server.ServiceRequestContext;
import io.grpc.stub.StreamObserver;
import io.trantor.gateway.pipelinehost.ModelReply;
import io.trantor.gateway.pipelinehost.PipelineGateway;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InferenceResponse;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.ModelNotFoundException;
import io.trantor.protocol.grpc.ModelInferRequest;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ModelReadyResponse;
import io.trantor.protocol.grpc.ProtoCodec;
import io.trantor.protocol.json.EncodedBody;
import io.trantor.protocol.json.OipJson;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The REST and gRPC face of the {@link PipelineGateway}: requests for {@code <p>.pipeline} (by
 * {@code Seldon-Model} or by name), for a pipeline experiment's {@code <e>.experiment}, and
 * {@code /v2/pipelines/<p>/infer|ready}. A caller that goes away cancels its wait, so the gateway
 * forgets the request at once. Every answer names the pipeline that gave it in
 * {@code x-seldon-route} ({@code :<p>.pipeline:}), which a client replays to stick to it.
 */
final class PipelineEndpoint {
  static final String SUFFIX = ".pipeline";
  private static final String BINARY_HEADER_LENGTH = "inference-header-content-length";

  private final PipelineGateway pipelines;
  private final GatewayRoutes routes;

  /** @param pipelines null when the gateway runs without Kafka */
  PipelineEndpoint(PipelineGateway pipelines, GatewayRoutes routes) {
    this.pipelines = pipelines;
    this.routes = routes;
  }

  static boolean isPipeline(String name) {
    return name != null && name.endsWith(SUFFIX) && name.length() > SUFFIX.length();
  }

  static String pipelineName(String name) {
    return name.substring(0, name.length() - SUFFIX.length());
  }

  /**
   * Where a request for {@code requested} goes when it is for a pipeline (experiments included);
   * {@code null} when it is not.
   */
  PipelineRouting routing(String requested, RequestHeaders headers) {
    return routes.pipelineRouting(requested, headers.getAll(RestProxy.X_SELDON_ROUTE),
        pipeline -> pipelines != null && pipelines.namespaceOf(pipeline).isPresent());
  }

  HttpResponse restInfer(ServiceRequestContext ctx, HttpRequest req, PipelineRouting routing) {
    String pipeline = routing.pipeline();
    ctx.addAdditionalResponseHeader(RestProxy.X_SELDON_ROUTE, routing.seldonRoute());
    String namespace;
    try {
      namespace = namespaceOf(pipeline);
    } catch (ModelNotFoundException e) {
      return OipErrorHandler.restResponse(e).toHttpResponse();
    }
    Map<String, String> headers = xHeaders(req.headers(), ctx);
    CompletableFuture<HttpResponse> response = req.aggregate().thenCompose(agg -> {
      InferenceRequest request = OipJson.readInferenceRequest(
          agg.content().array(), jsonLength(agg.headers()), pipeline, null);
      ModelInferRequest message = ProtoCodec.toProto(request, false);
      CompletableFuture<ModelReply> reply = pipelines.exchange(namespace, pipeline, message, headers);
      ctx.whenRequestCancelling().thenRun(() -> reply.cancel(false));
      mirror(routing, message, headers);
      return reply.thenApply(answer -> restAnswer(answer, request));
    }).exceptionally(error -> OipErrorHandler.restResponse(error).toHttpResponse());
    return HttpResponse.of(response);
  }

  /** 200 when every step's model can be reached, else 424 (Failed Dependency) naming the first that cannot, as Seldon. */
  HttpResponse restReady(String pipeline) {
    try {
      namespaceOf(pipeline);
    } catch (ModelNotFoundException e) {
      return OipErrorHandler.restResponse(e).toHttpResponse();
    }
    String missing = unreadyStep(pipeline);
    return missing == null
        ? HttpResponse.of(HttpStatus.OK)
        : OipErrorHandler.json(HttpStatus.valueOf(424), "pipeline " + pipeline + " is not ready: step model " + missing
            + " has no available replica").toHttpResponse();
  }

  /** The first step model without a reachable replica, or null when all have one. */
  private String unreadyStep(String pipeline) {
    for (String model : pipelines.stepModels(pipeline)) {
      try {
        if (routes.resolve(model, model).replicas().isEmpty()) {
          return model;
        }
      } catch (ModelNotFoundException e) {
        return model;
      }
    }
    return null;
  }

  void grpcInfer(ServiceRequestContext ctx, PipelineRouting routing, ModelInferRequest request,
      StreamObserver<ModelInferResponse> out) {
    String pipeline = routing.pipeline();
    ctx.addAdditionalResponseHeader(RestProxy.X_SELDON_ROUTE, routing.seldonRoute());
    Map<String, String> headers = xHeaders(ctx.request().headers(), ctx);
    CompletableFuture<ModelReply> reply;
    try {
      reply = pipelines(pipeline).exchange(namespaceOf(pipeline), pipeline, request, headers);
    } catch (ModelNotFoundException e) {
      out.onError(OipErrorHandler.grpcStatus(e).asRuntimeException());
      return;
    }
    ctx.whenRequestCancelling().thenRun(() -> reply.cancel(false));
    mirror(routing, request, headers);
    reply.whenComplete((answer, error) -> {
      if (error != null) {
        out.onError(OipErrorHandler.grpcStatus(error).asRuntimeException());
        return;
      }
      answer.headers().forEach(ctx::addAdditionalResponseHeader);
      out.onNext(ProtoCodec.toProto(asSeldonAnswers(ProtoCodec.fromProto(answer.response())), true));
      out.onCompleted();
    });
  }

  void grpcReady(String pipeline, StreamObserver<ModelReadyResponse> out) {
    try {
      namespaceOf(pipeline);
      out.onNext(ModelReadyResponse.newBuilder().setReady(unreadyStep(pipeline) == null).build());
      out.onCompleted();
    } catch (ModelNotFoundException e) {
      out.onError(OipErrorHandler.grpcStatus(e).asRuntimeException());
    }
  }

  /**
   * Fire-and-forget copy to the mirror pipeline, under the same request id (the pipelines' topics
   * differ, so the records do not meet); its answer is dropped and never delays or fails the request.
   */
  private void mirror(PipelineRouting routing, ModelInferRequest request, Map<String, String> headers) {
    if (routing.mirror() == null || pipelines == null) {
      return;
    }
    pipelines.namespaceOf(routing.mirror()).ifPresent(namespace ->
        pipelines.exchange(namespace, routing.mirror(), request, headers).exceptionally(error -> null));
  }

  private PipelineGateway pipelines(String pipeline) {
    if (pipelines == null) {
      throw new ModelNotFoundException("'" + pipeline + SUFFIX + "': pipelines are not supported yet by the gateway (no Kafka configured)");
    }
    return pipelines;
  }

  private String namespaceOf(String pipeline) {
    return pipelines(pipeline).namespaceOf(pipeline)
        .orElseThrow(() -> new ModelNotFoundException("pipeline " + pipeline + " not found"));
  }

  private static HttpResponse restAnswer(ModelReply answer, InferenceRequest request) {
    EncodedBody body = OipJson.writeInferenceResponse(asSeldonAnswers(ProtoCodec.fromProto(answer.response())), request);
    ResponseHeadersBuilder headers = ResponseHeaders.builder(HttpStatus.OK).contentType(
        body.hasBinaryPart() ? MediaType.OCTET_STREAM : MediaType.JSON);
    if (body.hasBinaryPart()) {
      headers.set(BINARY_HEADER_LENGTH, Integer.toString(body.jsonLength()));
    }
    answer.headers().forEach(headers::set);
    return AggregatedHttpResponse.of(headers.build(), HttpData.wrap(body.bytes())).toHttpResponse();
  }

  /**
   * A pipeline's answer in the shape Seldon's pipeline gateway gives it, which clients compare:
   * {@code model_name} empty, no {@code model_version}, {@code id} or response parameters (those of
   * the last step's model are not the pipeline's), outputs as the steps produced them. Over gRPC
   * the tensors go in {@code raw_output_contents}, as Seldon's (and Triton's) answers do.
   */
  static InferenceResponse asSeldonAnswers(InferenceResponse lastStep) {
    return new InferenceResponse("", null, null, Map.of(), lastStep.outputs());
  }

  private static int jsonLength(RequestHeaders headers) {
    String value = headers.get(BINARY_HEADER_LENGTH);
    if (value == null) {
      return -1;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new InvalidInputException(BINARY_HEADER_LENGTH + " must be a number, got '" + value + "'");
    }
  }

  /** The caller's {@code x-*} headers and the request id the gateway assigned. */
  private static Map<String, String> xHeaders(RequestHeaders headers, ServiceRequestContext ctx) {
    Map<String, String> out = new HashMap<>();
    headers.forEach((name, value) -> {
      String lower = name.toString().toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-")) {
        out.put(lower, value);
      }
    });
    String id = ctx.attr(RequestIds.ID);
    if (id != null) {
      out.put(RequestIds.HEADER, id);
    }
    return out;
  }
}
