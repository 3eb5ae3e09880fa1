package io.trantor.dsl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trantor.dsl.internal.DocumentReader;
import io.trantor.dsl.internal.ResourceWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes {@code mlops.seldon.io/v1alpha1} manifests: multi-document YAML or JSON in,
 * validated records out, with every problem of every document ({@link ReadResult}); records back to
 * YAML or JSON for {@code -o yaml|json}. Unknown fields are problems by default
 * ({@link FieldValidation#STRICT}, like kubectl and the seldon CLI).
 */
public final class Manifests {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Manifests() {
    }

    /** Reads manifests from text; problems name the source {@code <string>}. */
    public static ReadResult read(String text) {
        return read(text, "<string>", FieldValidation.STRICT);
    }

    /** Reads manifests from text, naming {@code source} in problems. */
    public static ReadResult read(String text, String source, FieldValidation fieldValidation) {
        return DocumentReader.read(text, source, fieldValidation);
    }

    public static ReadResult read(Path file) throws IOException {
        return read(file, FieldValidation.STRICT);
    }

    public static ReadResult read(Path file, FieldValidation fieldValidation) throws IOException {
        return read(Files.readString(file, StandardCharsets.UTF_8), file.toString(), fieldValidation);
    }

    /** Reads a whole stream (e.g. stdin for {@code -f -}); the caller closes it. */
    public static ReadResult read(InputStream in, String source) throws IOException {
        return read(new String(in.readAllBytes(), StandardCharsets.UTF_8), source, FieldValidation.STRICT);
    }

    public static String toYaml(Resource resource) {
        return write(YAML, resource);
    }

    /** Several resources as one multi-document YAML stream. */
    public static String toYaml(List<? extends Resource> resources) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < resources.size(); i++) {
            if (i > 0) {
                yaml.append("---\n");
            }
            yaml.append(toYaml(resources.get(i)));
        }
        return yaml.toString();
    }

    public static String toJson(Resource resource) {
        return write(JSON, resource) + "\n";
    }

    /** Several resources as a {@code v1 List}, as {@code kubectl get -o json} prints them. */
    public static String toJson(List<? extends Resource> resources) {
        var list = JSON.createObjectNode().put("apiVersion", "v1").put("kind", "List");
        var items = list.putArray("items");
        resources.forEach(r -> items.add(ResourceWriter.write(r)));
        try {
            return JSON.writeValueAsString(list) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String write(ObjectMapper mapper, Resource resource) {
        try {
            return mapper.writeValueAsString(ResourceWriter.write(resource));
        } catch (JsonProcessingException e) {
            // Writing an in-memory tree to a string cannot fail short of a bug.
            throw new UncheckedIOException(e);
        }
    }
}
