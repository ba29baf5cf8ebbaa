package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * SeldonDeployment manifests: parsing from YAML or JSON text, conversion from a Pipeline {@link Map}, and the local
 * validation that runs before any request. All problems are {@link InvalidInputException}s whose message starts with
 * the source name (a workspace file, {@code manifest}, {@code deployment}...).
 */
public final class Manifests {

    /**
     * API versions accepted in manifests. Seldon Core 1.x serves all three from one CRD with the same schema, and
     * manifests copied from older documentation still say {@code v1alpha2}; the API stores them as {@code v1}.
     */
    static final Set<String> API_VERSIONS = Set.of(ResourceKind.SELDON_DEPLOYMENT.apiVersion(),
            "machinelearning.seldon.io/v1alpha2", "machinelearning.seldon.io/v1alpha3");

    /** Deeper than any real manifest; stops a map that contains itself. */
    private static final int MAX_DEPTH = 100;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private Manifests() {}

    /**
     * Parses one manifest. Text whose first non-blank character is <code>{</code> is read as JSON (so JSON mistakes
     * get JSON messages), anything else as YAML. Exactly one document, whose top level is a mapping.
     *
     * @param source names the text in messages, e.g. the workspace file or {@code manifest}
     * @throws InvalidInputException with the source, line, column and a short reason
     */
    public static ObjectNode parse(String text, String source) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(source + ": the manifest is empty");
        }
        boolean json = text.stripLeading().startsWith("{");
        String format = json ? "JSON" : "YAML";
        JsonNode tree = null;
        try (JsonParser parser = (json ? JSON : YAML).createParser(text)) {
            while (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                JsonNode document = parser.getCodec().readTree(parser);
                if (document == null || document.isNull() || document.isMissingNode()) {
                    // An empty YAML document, e.g. after a trailing "---", as kubectl accepts.
                    continue;
                }
                if (tree != null) {
                    throw new InvalidInputException(source + ": more than one " + format + " document (the second"
                            + " starts at line " + at.getLineNr() + "); give exactly one SeldonDeployment",
                            at.getLineNr(), at.getColumnNr(), null);
                }
                tree = document;
            }
        } catch (JsonProcessingException e) {
            throw parseError(e, source, format);
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException e) {
            // Parsing a String performs no I/O; anything else is a parser failure without a location.
            throw new InvalidInputException(source + ": invalid " + format + ": " + e.getMessage(), 0, 0, e);
        }
        if (tree == null) {
            throw new InvalidInputException(source + ": the manifest is empty");
        }
        if (!tree.isObject()) {
            throw new InvalidInputException(source + ": the top level must be a mapping (apiVersion, kind, metadata,"
                    + " spec), not " + describe(tree));
        }
        return (ObjectNode) tree;
    }

    /**
     * Converts a manifest given as a Pipeline map (for example a {@code readYaml} result or a Groovy map literal).
     * Nested maps and lists are converted, any {@link CharSequence} (Groovy strings) becomes a string, a
     * {@code net.sf.json.JSONNull} (from {@code readJSON}) becomes null, numbers and booleans are kept.
     *
     * @throws InvalidInputException naming the path of the first unsupported key or value
     */
    public static ObjectNode fromMap(Map<?, ?> map, String source) throws InvalidInputException {
        if (map == null) {
            throw new InvalidInputException(source + ": the manifest is missing");
        }
        return (ObjectNode) toNode(map, source, 0);
    }

    private static JsonNode toNode(Object value, String path, int depth) throws InvalidInputException {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException(path + ": nested more than " + MAX_DEPTH + " levels deep (does a map"
                    + " contain itself?)");
        }
        if (value == null || value.getClass().getName().equals("net.sf.json.JSONNull")) {
            return nodes.nullNode();
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode object = nodes.objectNode();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!(entry.getKey() instanceof CharSequence key)) {
                    throw new InvalidInputException(path + ": keys must be strings, found " + typeOf(entry.getKey()));
                }
                object.set(key.toString(), toNode(entry.getValue(), path + "." + key, depth + 1));
            }
            return object;
        } else if (value instanceof List<?> list) {
            ArrayNode array = nodes.arrayNode();
            for (int i = 0; i < list.size(); i++) {
                array.add(toNode(list.get(i), path + "[" + i + "]", depth + 1));
            }
            return array;
        } else if (value instanceof CharSequence text) {
            return nodes.textNode(text.toString());
        } else if (value instanceof Boolean b) {
            return nodes.booleanNode(b);
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return nodes.numberNode(((Number) value).intValue());
        } else if (value instanceof Long l) {
            return nodes.numberNode(l);
        } else if (value instanceof BigInteger i) {
            return nodes.numberNode(i);
        } else if (value instanceof BigDecimal d) {
            // Groovy's type for decimal literals such as 0.5
            return nodes.numberNode(d);
        } else if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new InvalidInputException(path + ": " + d + " cannot be sent as JSON");
            }
            return nodes.numberNode(d);
        }
        throw new InvalidInputException(path + ": unsupported value of type " + typeOf(value)
                + "; use maps, lists, strings, numbers, booleans or null");
    }

    /**
     * Checks a manifest against the target namespace before anything is sent.
     *
     * @return the deployment name ({@code metadata.name})
     * @throws InvalidInputException naming the field at fault
     */
    public static String validate(ObjectNode manifest, String namespace, String source) throws InvalidInputException {
        Names.checkNamespace(namespace);
        String kind = ResourceKind.SELDON_DEPLOYMENT.kind();
        JsonNode apiVersion = manifest.get("apiVersion");
        if (apiVersion == null || apiVersion.isNull()) {
            throw new InvalidInputException(source + ": apiVersion is missing; expected "
                    + ResourceKind.SELDON_DEPLOYMENT.apiVersion());
        }
        if (!apiVersion.isTextual() || !API_VERSIONS.contains(apiVersion.asText())) {
            throw new InvalidInputException(source + ": apiVersion is " + show(apiVersion) + "; expected "
                    + ResourceKind.SELDON_DEPLOYMENT.apiVersion());
        }
        JsonNode kindNode = manifest.get("kind");
        if (kindNode == null || kindNode.isNull()) {
            throw new InvalidInputException(source + ": kind is missing; expected " + kind);
        }
        if (!kindNode.isTextual() || !kindNode.asText().equals(kind)) {
            throw new InvalidInputException(source + ": kind is " + show(kindNode) + "; only " + kind
                    + " is supported");
        }
        JsonNode metadata = manifest.get("metadata");
        if (metadata == null || metadata.isNull()) {
            throw new InvalidInputException(source + ": metadata is missing; it needs at least metadata.name");
        }
        if (!metadata.isObject()) {
            throw new InvalidInputException(source + ": metadata must be a mapping, not " + describe(metadata));
        }
        JsonNode name = metadata.get("name");
        if (name == null || name.isNull() || (name.isTextual() && name.asText().isEmpty())) {
            throw new InvalidInputException(source + ": metadata.name is missing");
        }
        if (!name.isTextual()) {
            throw new InvalidInputException(source + ": metadata.name must be a string, not " + describe(name));
        }
        try {
            Names.checkName(name.asText());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": metadata.name: " + e.getMessage());
        }
        JsonNode ns = metadata.get("namespace");
        if (ns != null && !ns.isNull() && !(ns.isTextual() && ns.asText().equals(namespace))) {
            throw new InvalidInputException(source + ": metadata.namespace is " + show(ns)
                    + " but the target namespace is '" + namespace + "'; remove metadata.namespace or make them agree");
        }
        JsonNode spec = manifest.get("spec");
        if (spec == null || spec.isNull()) {
            throw new InvalidInputException(source + ": spec is missing");
        }
        if (!spec.isObject()) {
            throw new InvalidInputException(source + ": spec must be a mapping, not " + describe(spec));
        }
        return name.asText();
    }

    private static String show(JsonNode node) {
        return node.isTextual() ? Names.quote(node.asText()) : describe(node);
    }

    private static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        } else if (node.isArray()) {
            return "a list";
        } else if (node.isObject()) {
            return "a mapping";
        } else if (node.isTextual()) {
            return "a string";
        } else if (node.isNumber()) {
            return "a number";
        } else if (node.isBoolean()) {
            return "a boolean";
        }
        return node.getNodeType().toString().toLowerCase(Locale.ROOT);
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getName();
    }

    /**
     * The position and the parser's own words, without Jackson's location and source excerpt. For YAML the position
     * is SnakeYAML's "problem mark" (where the problem is), not the start of the construct that contains it.
     */
    private static InvalidInputException parseError(JsonProcessingException e, String source, String format) {
        int line = 0;
        int column = 0;
        String reason;
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            line = yaml.getProblemMark().getLine() + 1;
            column = yaml.getProblemMark().getColumn() + 1;
            reason = firstLine(yaml.getProblem());
            if (yaml.getContext() != null && yaml.getContextMark() != null) {
                reason += " (" + firstLine(yaml.getContext()) + " started at line "
                        + (yaml.getContextMark().getLine() + 1) + ", column " + (yaml.getContextMark().getColumn() + 1)
                        + ")";
            }
        } else {
            JsonLocation at = e.getLocation();
            if (at != null) {
                line = Math.max(at.getLineNr(), 0);
                column = Math.max(at.getColumnNr(), 0);
            }
            reason = firstLine(e.getOriginalMessage());
            int marker = reason.indexOf(" (start marker at");
            if (marker > 0) {
                reason = reason.substring(0, marker);
            }
        }
        if (reason.isEmpty()) {
            reason = e.getClass().getSimpleName();
        }
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        return new InvalidInputException(source + ": invalid " + format + where + ": " + reason, line, column, e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
