package io.trantor.operator.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Paths of the checkout the tests run in (Maven runs them in the module's folder). */
public final class RepoPaths {
    private RepoPaths() {
    }

    /** The checkout's root: the nearest folder up from the working directory that holds {@code bin/kas}. */
    public static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/kas"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no bin/kas above " + Path.of("").toAbsolutePath());
    }

    /** {@code deploy/helm/trantor-crds/templates}: the committed CRD files, one per kind. */
    public static Path crdTemplates() {
        return root().resolve("deploy/helm/trantor-crds/templates");
    }

    /** Seldon's sample manifests, shared by the worktrees ({@code ../shared/seldon-samples}). */
    public static Path seldonSamples() {
        return root().getParent().resolve("shared/seldon-samples");
    }

    /** Our own manifests of every kind, for what Seldon's samples leave out ({@code operator/src/test/resources/manifests}). */
    public static Path ourManifests() {
        return root().resolve("operator/src/test/resources/manifests");
    }

    /** The {@code .yaml} files under {@code root} (at any depth), sorted. */
    public static List<Path> yamlFiles(Path root) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
