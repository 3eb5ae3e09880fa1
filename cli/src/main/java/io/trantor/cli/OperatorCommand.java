package io.trantor.cli;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.trantor.operator.Operator;
import io.trantor.operator.OperatorLeadership;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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

  @Option(names = "--leader-elect",
      description = "Reconcile only while holding a Lease, so several operator replicas can run (as Seldon's operator's --leader-elect).")
  boolean leaderElect;

  @Option(names = "--leader-election-namespace", paramLabel = "NS",
      description = "Namespace of the Lease. Default: $POD_NAMESPACE, else the watched namespace, else default.")
  String leaderElectionNamespace;

  @Option(names = "--leader-election-id", paramLabel = "NAME", defaultValue = "trantor-operator",
      description = "Name of the Lease. Default: ${DEFAULT-VALUE}.")
  String leaderElectionId;

  private final ShutdownSignal shutdown;

  OperatorCommand(ShutdownSignal shutdown) {
    this.shutdown = shutdown;
  }

  @Override
  public Integer call() throws Exception {
    String namespace = scope == null || scope.all ? null : scope.namespace;
    try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config()).build()) {
      spec.commandLine().getOut().printf("trantor operator: watching %s on %s (control %s)%s%n",
          namespace == null ? "every namespace" : "namespace " + namespace, client.getMasterUrl(), control.target(),
          leaderElect ? ", reconciling while it holds Lease " + leaseNamespace(namespace) + "/" + leaderElectionId : "");
      spec.commandLine().getOut().flush();
      if (!leaderElect) {
        try (Operator operator = Operator.start(client, namespace, control.target(), configNamespace(namespace),
            control.tls().channelCredentials(), control.token())) {
          shutdown.awaitRequest();
        }
        return ExitCode.OK.code();
      }
      return runLeaderElected(client, namespace);
    } finally {
      shutdown.stopped();
    }
  }

  /**
   * Waits for a stop request or the loss of the Lease; a replica that lost it exits with 1 (its pod
   * restarts and runs for the Lease again), as controller-runtime's managers do.
   */
  private int runLeaderElected(KubernetesClient client, String namespace) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(1);
    AtomicBoolean lost = new AtomicBoolean();
    Thread.ofVirtual().start(() -> {
      try {
        shutdown.awaitRequest();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ended.countDown();
    });
    String identity = System.getenv().getOrDefault("HOSTNAME", "trantor-operator") + "_" + UUID.randomUUID();
    try (OperatorLeadership leadership = OperatorLeadership.start(client, leaseNamespace(namespace), leaderElectionId,
        identity, OperatorLeadership.Timing.DEFAULT,
        () -> Operator.start(client, namespace, control.target(), configNamespace(namespace),
            control.tls().channelCredentials(), control.token()),
        () -> {
          lost.set(true);
          ended.countDown();
        })) {
      ended.await();
    }
    if (lost.get()) {
      spec.commandLine().getErr().println("trantor: operator lost its Lease " + leaderElectionId + "; exiting so it can run for it again");
      return ExitCode.FAILURE.code();
    }
    return ExitCode.OK.code();
  }

  private String leaseNamespace(String watched) {
    if (leaderElectionNamespace != null && !leaderElectionNamespace.isBlank()) {
      return leaderElectionNamespace;
    }
    String pod = System.getenv("POD_NAMESPACE");
    if (pod != null && !pod.isBlank()) {
      return pod;
    }
    return watched != null ? watched : "default";
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
