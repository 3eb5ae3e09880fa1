package io.trantor.agent.server;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

/**
 * The {@code seldon-internal-model} header a gateway sends with a gRPC call it forwards as bytes:
 * the {@code <model>_<version>} it routed to. The gateway does not rewrite {@code model_name} in
 * the message (that would mean decoding and re-encoding it), so the header names the model here;
 * clients calling the agent directly send no header and are served by {@code model_name}.
 */
final class InternalModelName implements ServerInterceptor {
  static final Metadata.Key<String> HEADER = Metadata.Key.of("seldon-internal-model", Metadata.ASCII_STRING_MARSHALLER);
  private static final Context.Key<String> NAME = Context.key("seldon-internal-model");

  /** The model the current call names in its header, else {@code modelName} (the message's). */
  static String or(String modelName) {
    String internal = NAME.get();
    return internal == null || internal.isEmpty() ? modelName : internal;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String internal = headers.get(HEADER);
    if (internal == null) {
      return next.startCall(call, headers);
    }
    return Contexts.interceptCall(Context.current().withValue(NAME, internal), call, headers, next);
  }
}
