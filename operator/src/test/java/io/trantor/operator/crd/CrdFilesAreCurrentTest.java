package io.trantor.operator.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.trantor.operator.testkit.RepoPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRD files committed under {@code deploy/helm/trantor-crds/templates} are exactly what the Java
 * types generate, so nobody edits them by hand. After changing a type, regenerate them with
 * {@code mvn -pl operator -am verify -Dtest=CrdFilesAreCurrentTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dtrantor.crds.write=true} and commit the result.
 */
class CrdFilesAreCurrentTest {

    @Test
    void committedCrdFilesAreWhatTheTypesGenerate(@TempDir Path dir) throws IOException {
        List<Path> generated = CrdFiles.generate(dir);
        Path committed = RepoPaths.crdTemplates();
        if (Boolean.getBoolean("trantor.crds.write")) {
            Files.createDirectories(committed);
            for (Path file : generated) {
                Files.copy(file, committed.resolve(file.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        assertThat(names(committed))
                .as("files in %s (regenerate with -Dtrantor.crds.write=true)", committed)
                .containsExactlyElementsOf(names(dir));
        for (Path file : generated) {
            assertThat(Files.readString(committed.resolve(file.getFileName())))
                    .as("%s differs from what the types in io.trantor.operator.crd generate "
                            + "(regenerate with -Dtrantor.crds.write=true, do not edit it by hand)", file.getFileName())
                    .isEqualTo(Files.readString(file));
        }
    }

    @Test
    void oneFilePerKind(@TempDir Path dir) {
        assertThat(CrdFiles.generate(dir)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("models.mlops.seldon.io.yaml", "servers.mlops.seldon.io.yaml",
                        "pipelines.mlops.seldon.io.yaml", "experiments.mlops.seldon.io.yaml",
                        "serverconfigs.mlops.seldon.io.yaml", "seldonruntimes.mlops.seldon.io.yaml",
                        "seldonconfigs.mlops.seldon.io.yaml");
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
