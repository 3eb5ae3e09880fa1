package io.trantor.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.trantor.operator.Operator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code trantor operator}: the Kubernetes operator, as its own process. It watches the
 * {@code mlops.seldon.io} resources and carries them to the control plane, writing their status
 * back. Inside a cluster it uses the pod's service account; outside (as controller-runtime's
 * {@code make run}) the kube config ({@code --kubeconfig}, else {@code $KUBECONFIG}, else
 * {@code ~/.kube/config}), so it can run next to {@code trantor up}.
 */
@Command(
    name = "operator",
    mixinStandardHelpOptions = true,
    description = {
      "Run the Kubernetes operator: Seldon's mlops.seldon.io resources (Model, Server, ...) to the control plane, status back.",
      "Finds the cluster from --kubeconfig, else $KUBECONFIG or ~/.kube/config, else the pod's service account."
    })
public final class OperatorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ControlEndpointMixin control;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Kube config file (its current context).")
  Path kubeconfig;

  @ArgGroup(exclusive = true)
  Scope scope;

  /** Which namespaces to watch: one, or (the default) all. */
  static final class Scope {
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Watch this namespace only.")
    String namespace;

    @Option(names = {"-A", "--all-namespaces"}, description = "Watch every namespace (the default).")
    boolean all;
  }

  private final ShutdownSignal shutdown;

  OperatorCommand(ShutdownSignal shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public Integer call() throws Exception {
    String namespace = scope == null || scope.all ? null : scope.namespace;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config()).build();
        Operator operator = Operator.start(client, namespace, control.target(), configNamespace(namespace),
            control.tls().channelCredentials(), control.token())) {
      spec.commandLine().getOut().printf("trantor operator: watching %s on %s (control %s)%n",
          namespace == null ? "every namespace" : "namespace " + namespace, client.getMasterUrl(), control.target());
      spec.commandLine().getOut().flush();
      shutdown.awaitRequest();
    } finally {
      shutdown.stopped();
    }
    return ExitCode.OK.code();
  }

  /**
   * Where ServerConfigs are read: the operator's own namespace in a pod ({@code POD_NAMESPACE}, as Seldon's
   * operator), else the watched namespace, else Seldon's {@code seldon-mesh}.
   */
  private static String configNamespace(String watched) {
    String pod = System.getenv("POD_NAMESPACE");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    return watched != null ? watched : Operator.DEFAULT_CONFIG_NAMESPACE;
  }

  /** The client configuration: the named file's current context, else fabric8's usual search. */
  private Config config() {
    if (kubeconfig == null) {
      return Config.autoConfigure(null);
    }
    String text;
    try {
      text = Files.readString(kubeconfig);
    } catch (IOException e) {
      throw new UserInputException("--kubeconfig: cannot read " + kubeconfig + " (" + e.getMessage() + ")");
    }
    try {
      return Config.fromKubeconfig(text);
    } catch (RuntimeException e) {
      // YAML parser messages span lines (a caret under the column); the first names the problem.
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      throw new UserInputException("--kubeconfig: " + kubeconfig + " is not a kube config: " + reason);
    }
  }
}
