package io.trantor.cli;

import io.trantor.security.ClientTlsFiles;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How {@code model infer} and {@code pipeline infer} send their request, in Trantor's spelling
 * ({@code --grpc}) and Seldon's ({@code --inference-mode grpc}, {@code -i/--iterations},
 * {@code --header key=value}), so Seldon users' scripts run as written.
 */
final class InferenceOptions {
  @Option(names = "--grpc", description = "Use gRPC instead of REST.")
  boolean grpc;

  @Option(names = "--inference-mode", paramLabel = "MODE", description = "rest or grpc (Seldon's spelling of --grpc). Default: rest.")
  String inferenceMode;

  @Option(names = "--inference-host", paramLabel = "HOST:PORT", description = "Gateway address. Default: $TRANTOR_INFER, else localhost:9000.")
  String inferenceHost;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60", description = "Request timeout. Default: ${DEFAULT-VALUE}.")
  long timeoutSeconds;

  @Option(names = {"-i", "--iterations"}, paramLabel = "N", defaultValue = "1", description = "Send the request N times; print each answer. Default: ${DEFAULT-VALUE}.")
  int iterations;

  @Option(names = "--header", paramLabel = "KEY=VALUE", description = "Add a request header (repeatable), e.g. x-request-id=abc.")
  List<String> headers = new ArrayList<>();

  boolean useGrpc() {
    if (inferenceMode == null) {
      return grpc;
    }
    String mode = inferenceMode.toLowerCase(Locale.ROOT);
    if (!mode.equals("rest") && !mode.equals("grpc")) {
      throw new UserInputException("--inference-mode: must be rest or grpc, got '" + inferenceMode + "'");
    }
    if (grpc && mode.equals("rest")) {
      throw new UserInputException("--grpc and --inference-mode rest contradict each other: pass one");
    }
    return mode.equals("grpc");
  }

  Map<String, String> headers() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String header : headers) {
      int eq = header.indexOf('=');
      if (eq <= 0) {
        throw new UserInputException("--header: expected KEY=VALUE, got '" + header + "'");
      }
      out.put(header.substring(0, eq).trim(), header.substring(eq + 1).trim());
    }
    return out;
  }

  /** Sends {@code json} to {@code target} {@code -i} times and prints each answer. */
  void send(InferenceTarget target, byte[] json, PrintWriter out, ClientTlsFiles tls) throws Exception {
    if (iterations < 1) {
      throw new UserInputException("--iterations: must be >= 1, got " + iterations);
    }
    boolean viaGrpc = useGrpc();
    InferenceCall call = new InferenceCall(timeoutSeconds, headers(), tls);
    for (int i = 0; i < iterations; i++) {
      out.println(viaGrpc ? call.viaGrpc(target, json) : call.viaRest(target, json));
      out.flush();
    }
  }
}
