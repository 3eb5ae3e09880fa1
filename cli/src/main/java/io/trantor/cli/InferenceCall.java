package io.trantor.cli;

import io.grpc.ManagedChannel;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.trantor.protocol.InferenceRequest;
import io.trantor.protocol.InvalidInputException;
import io.trantor.protocol.grpc.GRPCInferenceServiceGrpc;
import io.trantor.protocol.grpc.ModelInferResponse;
import io.trantor.protocol.grpc.ProtoCodec;
import io.trantor.protocol.json.OipJson;
import io.trantor.security.ClientTlsFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One OIP inference request over REST or gRPC (for {@code model infer} and {@code pipeline infer}); errors become CLI exit codes. */
record InferenceCall(long timeoutSeconds, Map<String, String> headers, ClientTlsFiles tls) {

  static byte[] requestBody(String body) throws IOException {
    if (body.equals("-")) {
      return System.in.readAllBytes();
    }
    if (body.startsWith("@")) {
      Path file = Path.of(body.substring(1));
      if (!Files.isRegularFile(file)) {
        throw new UserInputException("JSON: " + file + ": no such file");
      }
      return Files.readAllBytes(file);
    }
    return body.getBytes(StandardCharsets.UTF_8);
  }

  String viaRest(InferenceTarget target, byte[] json) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(tls.scheme() + "://" + target.endpoint() + "/v2/models/" + target.modelName() + "/infer"))
            .timeout(Duration.ofSeconds(timeoutSeconds))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(json));
    if (target.seldonModel() != null) {
      request.header("Seldon-Model", target.seldonModel());
    }
    headers.forEach(request::header);
    HttpClient.Builder client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1);
    if (tls.tls()) {
      client.sslContext(tls.sslContext());
    }
    try (HttpClient http = client.build()) {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new CommandFailure(
            switch (response.statusCode()) {
              case 404 -> ExitCode.NOT_FOUND;
              case 401 -> ExitCode.UNAUTHENTICATED;
              default -> ExitCode.INVALID_INPUT;
            },
            "HTTP " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (java.net.ConnectException e) {
      throw new CommandFailure(ExitCode.UNAVAILABLE, "cannot reach " + target.endpoint());
    } catch (javax.net.ssl.SSLException e) {
      throw new CommandFailure(ExitCode.UNAVAILABLE, "TLS to " + target.endpoint() + " failed (" + e.getMessage()
          + "; --tls-ca or TRANTOR_TLS_CA names the CA to trust)");
    }
  }

  String viaGrpc(InferenceTarget target, byte[] json) {
    InferenceRequest request;
    try {
      request = OipJson.readInferenceRequest(json, -1, target.modelName(), null);
    } catch (InvalidInputException e) {
      throw new UserInputException("JSON: " + e.getMessage());
    }
    ManagedChannel channel = Grpc.newChannelBuilder(target.endpoint(), tls.channelCredentials()).build();
    try {
      var stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(Duration.ofSeconds(timeoutSeconds));
      Metadata metadata = new Metadata();
      if (target.seldonModel() != null) {
        metadata.put(Metadata.Key.of("seldon-model", Metadata.ASCII_STRING_MARSHALLER), target.seldonModel());
      }
      headers.forEach((name, value) ->
          metadata.put(Metadata.Key.of(name.toLowerCase(java.util.Locale.ROOT), Metadata.ASCII_STRING_MARSHALLER), value));
      stub = stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
      ModelInferResponse response = stub.modelInfer(ProtoCodec.toProto(request, false));
      return new String(OipJson.writeInferenceResponse(ProtoCodec.fromProto(response), request).bytes(), StandardCharsets.UTF_8);
    } catch (StatusRuntimeException e) {
      throw new CommandFailure(
          switch (e.getStatus().getCode()) {
            case NOT_FOUND -> ExitCode.NOT_FOUND;
            case INVALID_ARGUMENT -> ExitCode.INVALID_INPUT;
            case UNAVAILABLE -> ExitCode.UNAVAILABLE;
            case UNAUTHENTICATED -> ExitCode.UNAUTHENTICATED;
            default -> ExitCode.FAILURE;
          },
          e.getStatus().getCode() + ": " + e.getStatus().getDescription());
    } finally {
      channel.shutdownNow();
    }
  }
}
