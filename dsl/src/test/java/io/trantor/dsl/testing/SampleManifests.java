package io.trantor.dsl.testing;

import io.trantor.dsl.Manifests;
import io.trantor.dsl.ReadResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Seldon's sample manifests, read in place from {@code shared/seldon-samples} (they are not ours to copy
 * into the repository), with the golden verdict Trantor gives each one. Finds the samples from any module
 * directory by walking up from the working directory; {@code -Dtrantor.samples=DIR} or
 * {@code TRANTOR_SAMPLES=DIR} overrides.
 */
public final class SampleManifests {

    /** The sample folders, one per kind family. */
    public static final List<String> FOLDERS = List.of("models", "servers", "pipelines", "experiments");

    /**
     * The samples Trantor rejects, each with the paths of the problems it must report (in order): exactly
     * Seldon's negative tests, the {@code error-*} and {@code *-badname} samples that fail at apply time.
     */
    public static final Map<String, List<String>> REJECTED = Map.ofEntries(
            // storagUri: misspelt; the seldon CLI says `json: unknown field "storagUri"`.
            Map.entry("models/error-bad-spec.yaml", List.of("spec.storagUri", "spec.storageUri")),
            // storageUri: "" passes Seldon's schema and fails at load; it can never work.
            Map.entry("models/error-no-uri.yaml", List.of("spec.storageUri")),
            // A dot in a Server name breaks the Kubernetes Service made for it.
            Map.entry("servers/mlserver-badname.yaml", List.of("metadata.name")),
            // `input:` instead of `inputs:` in a step; so the step reads the pipeline inputs, and its tensorMap
            // key names a tensor it does not read.
            Map.entry("pipelines/error-bad-spec.yaml",
                    List.of("spec.steps[1].input", "spec.steps[1].tensorMap[\"conditional.outputs.OUTPUT0\"]")),
            // `inputs: [null]`; the output also names a step ("iris") the pipeline does not have.
            Map.entry("pipelines/error-empty-input.yaml", List.of("spec.steps[1].inputs[0]", "spec.output.steps[0]")),
            Map.entry("pipelines/error-empty-trigger.yaml",
                    List.of("spec.steps[2].triggers[0]", "spec.output.steps[0]")),
            // A step named like its pipeline.
            Map.entry("pipelines/error-step-name.yaml", List.of("spec.steps[0].name")),
            // `candidate:` instead of `candidates:`.
            Map.entry("experiments/error-bad-spec.yaml", List.of("spec.candidate", "spec.candidates")));

    /**
     * Accepted samples that come with warnings, each with the warning paths (in order): the five with
     * {@code _} in a name, which Seldon's current scheduler and Kubernetes reject (reference §6.8: the
     * samples predate the scheduler's name check) but Trantor accepts, as Seldon's older releases did.
     * Every other accepted sample has no warning.
     */
    public static final Map<String, List<String>> WARNED = Map.of(
            "models/id1_node.yaml", List.of("metadata.name"),
            "models/id2_node.yaml", List.of("metadata.name"),
            "models/join_node.yaml", List.of("metadata.name"),
            "pipelines/triggers_join_inputs.yaml", List.of("metadata.name", "spec.steps[0].name"),
            "pipelines/triggers_join_internal.yaml",
            List.of("metadata.name", "spec.steps[0].name", "spec.steps[1].name", "spec.steps[2].name"));

    /**
     * Samples that are valid manifests but fail later in Seldon (and in Trantor), with the reason: tests of
     * other modules use them to check that failure.
     */
    public static final Map<String, String> FAILS_LATER = Map.of(
            "models/error-bad-capabilities.yaml", "no Server offers requirement foobar: scheduling fails",
            "models/error-uri-notexist.yaml", "the artifact does not exist: loading fails",
            "models/sklearn-iris-gs-baduri.yaml", "the artifact does not exist: loading fails",
            "pipelines/error.yaml", "model outlier-error fails on some inputs: inference fails");

    private SampleManifests() {
    }

    /** The {@code seldon-samples} directory. */
    public static Path root() {
        String configured = System.getProperty("trantor.samples", System.getenv("TRANTOR_SAMPLES"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("seldon-samples");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/seldon-samples above " + Path.of("").toAbsolutePath()
                + "; set -Dtrantor.samples or TRANTOR_SAMPLES");
    }

    /** A sample by its path relative to {@link #root()}, e.g. {@code models/iris-v1.yaml}. */
    public static Path file(String relative) {
        Path file = root().resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no sample " + relative + " in " + root());
        }
        return file;
    }

    /** Every sample, as paths relative to {@link #root()} with '/' separators, sorted. */
    public static List<String> all() {
        return FOLDERS.stream().flatMap(folder -> list(root().resolve(folder))).sorted().toList();
    }

    public static List<String> accepted() {
        return all().stream().filter(s -> !REJECTED.containsKey(s)).toList();
    }

    public static ReadResult read(String relative) {
        try {
            return Manifests.read(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<String> list(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .map(f -> folder.getFileName() + "/" + f.getFileName()).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
