package io.trantor.operator.testkit;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real kube-apiserver and etcd on loopback for a test class (no scheduler, controller-manager or
 * kubelet), started by {@code bin/kas start} in a fresh folder whose {@code bin} links to the binaries
 * {@code bin/kas build} caches ({@code $TRANTOR_KAS_BIN}, default {@code ~/.cache/trantor/kas/bin}).
 * Every start takes free ports and its own etcd data, so two runs do not clash; {@code bin/kas start}
 * returns once {@code /readyz} answers (120 s deadline). After the class, {@code bin/kas stop} stops
 * both processes (also on JVM exit, should the class not finish).
 *
 * <pre>{@code
 * @RegisterExtension static final KubeApiServerExtension KAS = new KubeApiServerExtension();
 * ... KAS.client().apiextensions() ...; KAS.kubectl("get", "models", "-o", "wide") ...
 * }</pre>
 */
public final class KubeApiServerExtension implements BeforeAllCallback, AfterAllCallback {
    private static final long KUBECTL_TIMEOUT_SECONDS = 60;
    private static final long KAS_SCRIPT_TIMEOUT_SECONDS = 180;

    private Path dir;
    private Map<String, String> env;
    private KubernetesClient client;
    private Thread shutdownHook;

    /** The folder with the cached {@code kube-apiserver} and {@code etcd}. */
    public static Path binaries() {
        String configured = System.getenv("TRANTOR_KAS_BIN");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache/trantor/kas/bin");
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path bin = binaries();
        for (String binary : List.of("kube-apiserver", "etcd")) {
            if (!Files.isExecutable(bin.resolve(binary))) {
                throw new IllegalStateException("no executable " + bin.resolve(binary)
                        + ": run `bin/kas build` (builds kube-apiserver and etcd into ~/.cache/trantor/kas/bin, "
                        + "~5-7 min cold) or set TRANTOR_KAS_BIN to a folder holding both");
            }
        }
        int[] ports = freePorts(3);
        env = Map.of("ETCD_PORT", Integer.toString(ports[0]), "ETCD_PEER_PORT", Integer.toString(ports[1]),
                "KAS_PORT", Integer.toString(ports[2]));
        dir = Files.createTempDirectory("kas-");
        shutdownHook = new Thread(this::stopQuietly, "kas-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        Files.createSymbolicLink(dir.resolve("bin"), bin.toAbsolutePath());
        kas("start");
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(kubeconfig())))
                .build();
        // bin/kas start awaited /readyz with kubectl; this proves the Java client reaches it too.
        client.getKubernetesVersion();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (dir == null) {
            return; // the binaries were missing: nothing started
        }
        try {
            if (client != null) {
                client.close();
            }
            kas("stop");
        } finally {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
            deleteTree(dir);
        }
    }

    /** A client with cluster-admin rights (a {@code system:masters} client certificate). */
    public KubernetesClient client() {
        return client;
    }

    /** The kubeconfig {@code bin/kas start} wrote; its current context is the admin user, namespace default. */
    public Path kubeconfig() {
        return dir.resolve("kubeconfig");
    }

    /** Creates the committed CRDs ({@code deploy/helm/trantor-crds/templates}) and waits until each is Established. */
    public void applyCommittedCrds() throws IOException {
        for (Path file : RepoPaths.yamlFiles(RepoPaths.crdTemplates())) {
            CustomResourceDefinition crd;
            try (InputStream in = Files.newInputStream(file)) {
                crd = client.apiextensions().v1().customResourceDefinitions().load(in).item();
            }
            client.resource(crd).create();
            client.apiextensions().v1().customResourceDefinitions().withName(crd.getMetadata().getName())
                    .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions() != null
                            && c.getStatus().getConditions().stream()
                                    .anyMatch(s -> s.getType().equals("Established") && s.getStatus().equals("True")),
                            60, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code kubectl} (from PATH) against this API server. */
    public Result kubectl(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig().toString()));
        command.addAll(List.of(args));
        return run(command, Map.of(), KUBECTL_TIMEOUT_SECONDS);
    }

    /** What a command printed, and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private void kas(String mode) {
        Path script = RepoPaths.root().resolve("bin/kas");
        Result result = run(List.of(script.toString(), mode, dir.toString()), env, KAS_SCRIPT_TIMEOUT_SECONDS);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("`bin/kas " + mode + " " + dir + "` failed: " + result + logs());
        }
    }

    private String logs() {
        StringBuilder logs = new StringBuilder();
        for (String name : List.of("etcd.log", "kube-apiserver.log")) {
            Path log = dir.resolve("run").resolve(name);
            try {
                if (Files.exists(log)) {
                    List<String> lines = Files.readAllLines(log);
                    logs.append("\n--- ").append(log).append(" (last 40 lines)\n")
                            .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
                }
            } catch (IOException e) {
                logs.append("\n--- ").append(log).append(": ").append(e);
            }
        }
        return logs.toString();
    }

    private void stopQuietly() {
        if (dir != null) {
            run(List.of(RepoPaths.root().resolve("bin/kas").toString(), "stop", dir.toString()), env,
                    KAS_SCRIPT_TIMEOUT_SECONDS);
        }
    }

    /** Runs {@code command} with {@code env} added, no input, and waits up to {@code timeoutSeconds}. */
    static Result run(List<String> command, Map<String, String> env, long timeoutSeconds) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
                    Path.of("/dev/null").toFile()));
            builder.environment().putAll(env);
            Process process = builder.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0);
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
