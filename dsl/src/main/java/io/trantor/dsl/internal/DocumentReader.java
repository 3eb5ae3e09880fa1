package io.trantor.dsl.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.trantor.dsl.FieldValidation;
import io.trantor.dsl.Problem;
import io.trantor.dsl.ReadResult;
import io.trantor.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads every document of a source: parse, read into records, validate, and sort the outcome into
 * resources, problems and warnings. A {@code kind: List} document (what {@code kubectl get -o json}
 * prints for several objects) is read item by item, at paths {@code items[i]}.
 */
public final class DocumentReader {

    private final FieldValidation fieldValidation;
    private final List<Resource> resources = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();

    private DocumentReader(FieldValidation fieldValidation) {
        this.fieldValidation = fieldValidation;
    }

    public static ReadResult read(String text, String source, FieldValidation fieldValidation) {
        DocumentReader reader = new DocumentReader(fieldValidation);
        DocumentSplitter.Split split = DocumentSplitter.split(text, source);
        for (DocumentSplitter.Document document : split.documents()) {
            reader.document(document.node(), source, document.number());
        }
        reader.problems.addAll(split.problems());
        return new ReadResult(reader.resources, reader.problems, reader.warnings);
    }

    private void document(JsonNode node, String source, int number) {
        if (isList(node)) {
            JsonNode items = node.get("items");
            for (int i = 0; i < items.size(); i++) {
                resource(items.get(i), FieldPath.ROOT.field("items").index(i), source, number);
            }
        } else {
            resource(node, FieldPath.ROOT, source, number);
        }
    }

    private static boolean isList(JsonNode node) {
        return node.path("apiVersion").asText().equals("v1") && node.path("kind").asText().equals("List")
                && node.path("items").isArray();
    }

    private void resource(JsonNode node, FieldPath at, String source, int number) {
        ReadContext context = new ReadContext(fieldValidation);
        Optional<Resource> resource = new ResourceReader(context).read(node, at);
        List<Problem> readErrors = context.errors().toList();
        List<Problem> found = new ArrayList<>(readErrors);
        List<Problem> warned = new ArrayList<>(context.warnings().toList());
        resource.map(ResourceValidator::check).ifPresent(validation -> {
            validation.toList().stream()
                    .map(p -> Problem.at(prefixed(at, p.path()), p.message()))
                    // A field the reader already reported (wrong type, missing) would only be reported again.
                    .filter(p -> readErrors.stream().noneMatch(e -> new FieldPath(e.path()).contains(new FieldPath(p.path()))))
                    .forEach(found::add);
            validation.warnings().stream().map(p -> Problem.at(prefixed(at, p.path()), p.message())).forEach(warned::add);
        });
        found.forEach(p -> problems.add(p.in(source, number)));
        warned.forEach(p -> warnings.add(p.in(source, number)));
        if (found.isEmpty()) {
            resource.ifPresent(resources::add);
        }
    }

    private static String prefixed(FieldPath at, String path) {
        if (at.value().isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return at.value();
        }
        return path.startsWith("[") ? at.value() + path : at.value() + "." + path;
    }
}
