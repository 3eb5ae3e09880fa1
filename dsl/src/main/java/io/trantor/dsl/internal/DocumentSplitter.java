package io.trantor.dsl.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.trantor.dsl.Problem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a source into its documents: a multi-document YAML stream ({@code ---}) or one or more
 * concatenated JSON values. A syntax error ends the source (the parser cannot resynchronise) and becomes
 * one problem with its line and column; the documents before it are kept.
 */
public final class DocumentSplitter {

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * A document of a source; {@code number} is 1-based and counts only non-empty documents, as a reader
     * counts them (a leading {@code ---} or a trailing one does not make a document).
     */
    public record Document(int number, JsonNode node) {
    }

    public record Split(List<Document> documents, List<Problem> problems) {
    }

    private DocumentSplitter() {
    }

    public static Split split(String text, String source) {
        List<Document> documents = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        // JSON is valid YAML in principle, but tab-indented JSON is not; read JSON with a JSON parser.
        ObjectMapper mapper = looksLikeJson(text) ? JSON : YAML;
        int number = 0;
        try (JsonParser parser = mapper.createParser(text);
             MappingIterator<JsonNode> values = mapper.readerFor(JsonNode.class).readValues(parser)) {
            while (values.hasNextValue()) {
                JsonNode node = values.nextValue();
                if (node != null && !node.isMissingNode() && !node.isNull()) {
                    documents.add(new Document(++number, node));
                }
            }
        } catch (JsonProcessingException e) {
            problems.add(new Problem(source, number + 1, "", syntaxError(e)));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + source, e);
        }
        return new Split(documents, problems);
    }

    private static boolean looksLikeJson(String text) {
        String start = text.stripLeading();
        return start.startsWith("{") || start.startsWith("[");
    }

    private static String syntaxError(JsonProcessingException e) {
        // SnakeYAML knows where the problem is and what it was parsing; Jackson's own location and
        // message (a multi-line caret drawing) are less precise, so prefer SnakeYAML's when it is the cause.
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            String context = yaml.getContext() == null || yaml.getContextMark() == null ? ""
                    : " (" + yaml.getContext() + " that starts at line " + (yaml.getContextMark().getLine() + 1) + ")";
            return at(yaml.getProblemMark().getLine() + 1, yaml.getProblemMark().getColumn() + 1,
                    yaml.getProblem() + context);
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        String first = (newline < 0 ? message : message.substring(0, newline)).strip();
        JsonLocation location = e.getLocation();
        if (location == null || location.getLineNr() < 1) {
            return "syntax error: " + first;
        }
        return at(location.getLineNr(), location.getColumnNr(), first);
    }

    private static String at(int line, int column, String message) {
        return "syntax error at line " + line + ", column " + column + ": " + message;
    }
}
