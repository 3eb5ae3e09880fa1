package io.trantor.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Generates the CRD YAML of {@link SeldonCrds#KINDS} with fabric8's crd-generator, one file per kind. */
final class CrdFiles {
    private static final String GENERATED_SUFFIX = "-v1.yml";

    private CrdFiles() {
    }

    /**
     * The generator sorts printer columns by name; kubectl shows them in the CRD's order, so put them
     * back in the order the kind's annotations declare (Seldon's order, Age last).
     */
    private static CustomResourceDefinition columnsInDeclaredOrder(CustomResourceDefinition crd) {
        Class<?> kind = SeldonCrds.KINDS.stream()
                .filter(k -> k.getSimpleName().equals(crd.getSpec().getNames().getKind()))
                .findFirst().orElseThrow(() -> new IllegalStateException("not a Seldon kind: " + crd.getSpec().getNames()));
        List<String> declared = Arrays.stream(kind.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name).toList();
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            List<CustomResourceColumnDefinition> columns = version.getAdditionalPrinterColumns();
            if (columns != null) {
                version.setAdditionalPrinterColumns(columns.stream()
                        .sorted(Comparator.comparingInt(c -> declared.indexOf(c.getName()))).toList());
            }
        }
        return crd;
    }

    /**
     * Where Seldon's schema is the real {@code core/v1.PodSpec}, {@code containers} is required; fabric8's
     * PodSpec type does not say so (seldon-api-surface.md §4: Server's and SeldonRuntime's overriding
     * pod specs are Seldon's copy with {@code containers} optional).
     */
    private static final Map<String, List<String>> FULL_POD_SPECS = Map.of(
            "ServerConfig", List.of("spec", "podSpec"),
            "SeldonConfig", List.of("spec", "components[]", "podSpec"));

    private static CustomResourceDefinition requireContainers(CustomResourceDefinition crd) {
        List<String> path = FULL_POD_SPECS.get(crd.getSpec().getNames().getKind());
        if (path == null) {
            return crd;
        }
        for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
            JSONSchemaProps schema = version.getSchema().getOpenAPIV3Schema();
            for (String segment : path) {
                schema = segment.endsWith("[]")
                        ? schema.getProperties().get(segment.substring(0, segment.length() - 2)).getItems().getSchema()
                        : schema.getProperties().get(segment);
            }
            schema.setRequired(List.of("containers"));
        }
        return crd;
    }

    /** Writes {@code <plural>.mlops.seldon.io.yaml} for every kind into {@code dir}; returns the files. */
    static List<Path> generate(Path dir) {
        try {
            Path raw = Files.createTempDirectory("crd-generator");
            new CRDGenerator()
                    .inOutputDir(raw.toFile())
                    .forCRDVersions("v1")
                    .withParallelGenerationEnabled(false)
                    .withPostProcessor(new CRDPostProcessor() {
                        @Override
                        public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
                            return requireContainers(columnsInDeclaredOrder((CustomResourceDefinition) crd));
                        }
                    })
                    .customResourceClasses(new ArrayList<>(SeldonCrds.KINDS))
                    .generate();
            List<Path> files = new ArrayList<>();
            try (Stream<Path> generated = Files.list(raw)) {
                for (Path file : generated.sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (!name.endsWith(GENERATED_SUFFIX)) {
                        throw new IllegalStateException("unexpected crd-generator output " + file);
                    }
                    Path target = dir.resolve(name.substring(0, name.length() - GENERATED_SUFFIX.length()) + ".yaml");
                    Files.move(file, target);
                    files.add(target);
                }
            }
            Files.delete(raw);
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
