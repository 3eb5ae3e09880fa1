package io.trantor.operator.testkit;

import io.trantor.operator.testkit.KubeApiServerExtension.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code helm} binary against one {@link KubeApiServerExtension}'s API server, with its own
 * config, cache and data folders (nothing of the user's helm setup is read or written). The binary is
 * {@code bin/helm-tool build}'s ({@code $TRANTOR_HELM}, default {@code ~/.cache/trantor/go/bin/helm}).
 */
public final class Helm {
    private static final long TIMEOUT_SECONDS = 120;

    private final Path binary;
    private final KubeApiServerExtension kas;
    private final Map<String, String> env;

    private Helm(Path binary, KubeApiServerExtension kas, Path home) {
        this.binary = binary;
        this.kas = kas;
        this.env = Map.of("HELM_CONFIG_HOME", home.resolve("config").toString(),
                "HELM_CACHE_HOME", home.resolve("cache").toString(),
                "HELM_DATA_HOME", home.resolve("data").toString());
    }

    /** A helm for {@code kas}; fails, naming {@code bin/helm-tool build}, when the binary is missing. */
    public static Helm of(KubeApiServerExtension kas) {
        Path binary = binary();
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("no executable " + binary + ": run `bin/helm-tool build` (builds helm with "
                    + "go install into ~/.cache/trantor/go/bin, ~2-4 min cold) or set TRANTOR_HELM to a helm v4 binary");
        }
        try {
            return new Helm(binary, kas, Files.createTempDirectory("helm-home-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path binary() {
        String configured = System.getenv("TRANTOR_HELM");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".cache/trantor/go/bin/helm");
    }

    /** {@code helm ARGS --kubeconfig <the API server's>}. */
    public Result run(String... args) {
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--kubeconfig", kas.kubeconfig().toString()));
        return KubeApiServerExtension.run(command, env, TIMEOUT_SECONDS);
    }

    /** {@code deploy/helm/<name>}: a chart of the checkout. */
    public static String chart(String name) {
        return RepoPaths.root().resolve("deploy/helm").resolve(name).toString();
    }
}
