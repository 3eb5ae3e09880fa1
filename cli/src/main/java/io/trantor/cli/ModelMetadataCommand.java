package io.trantor.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code trantor model metadata NAME}: the model's OIP metadata (inputs, outputs, platform). */
@Command(name = "metadata", mixinStandardHelpOptions = true, description = "Print a model's OIP metadata.")
public final class ModelMetadataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin control;
  @Mixin NamespaceMixin ns;

  @Parameters(paramLabel = "NAME", description = "Model name.")
  String name;

  @Option(names = "--inference-host", paramLabel = "HOST:PORT", description = "Gateway address. Default: $TRANTOR_INFER, else localhost:9000.")
  String inferenceHost;

  @Option(names = "--direct", description = "Skip the gateway: ask the control plane for an Available replica and call it directly.")
  boolean direct;

  @Override
  public Integer call() throws Exception {
    InferenceTarget target = InferenceTarget.resolve(inferenceHost, direct, control, ns.namespace, name);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://" + target.endpoint() + "/v2/models/" + target.modelName()))
            .timeout(Duration.ofSeconds(30));
    if (target.seldonModel() != null) {
      request.header("Seldon-Model", target.seldonModel());
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new CommandFailure(ExitCode.FAILURE, "HTTP " + response.statusCode() + ": " + response.body());
      }
      spec.commandLine().getOut().println(response.body());
      spec.commandLine().getOut().flush();
    }
    return ExitCode.OK.code();
  }
}
