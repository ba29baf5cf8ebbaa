package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Manifests of every kind the plugin manages (SeldonDeployment, Pipeline, Model, Experiment): reading them from YAML or
 * JSON text or from a Pipeline {@link Map}, and the local validation that runs before any request. All problems are
 * {@link InvalidInputException}s whose message starts with the source name (a workspace file, {@code manifest},
 * {@code deployment}...) and, in a text of several documents, the document.
 *
 * <p>Limits, each checked before the work it bounds (a system property on the controller raises it):
 * <ul>
 *   <li>{@value #DEFAULT_MAX_BYTES} bytes (1 MiB) of manifest text, YAML or JSON, all documents together
 *       ({@value #MAX_BYTES_PROPERTY}): text beyond it is refused before any parser sees it, since parsing one long
 *       YAML scalar takes time quadratic in its length. Kubernetes stores no object above 1.5 MiB, and Seldon
 *       manifests are a few kilobytes;</li>
 *   <li>{@value #DEFAULT_MAX_ALIAS_NODES} nodes added by YAML aliases in one text ({@value #MAX_ALIAS_NODES_PROPERTY}),
 *       so that nested aliases cannot build a huge tree from a few lines;</li>
 *   <li>{@value #MAX_DEPTH} levels of nesting.</li>
 * </ul>
 * YAML aliases, anchors and merge keys are resolved as YAML defines them; see {@link YamlDocuments}.
 */
public final class Manifests {

    /** Raises {@link #DEFAULT_MAX_BYTES}: a positive number of bytes. */
    public static final String MAX_BYTES_PROPERTY = "io.jenkins.plugins.seldon.operations.Manifests.maxBytes";
    /** Raises {@link #DEFAULT_MAX_ALIAS_NODES}: a positive number of nodes. */
    public static final String MAX_ALIAS_NODES_PROPERTY =
            "io.jenkins.plugins.seldon.operations.Manifests.maxAliasNodes";
    static final int DEFAULT_MAX_BYTES = 1024 * 1024;
    static final int DEFAULT_MAX_ALIAS_NODES = 10_000;
    /** Deeper than any real manifest; stops a map that contains itself. */
    static final int MAX_DEPTH = 100;

    /**
     * API versions accepted in SeldonDeployment manifests. Seldon Core 1.x serves all three from one CRD with the
     * same schema, and manifests copied from older documentation still say {@code v1alpha2}; the API stores them as
     * {@code v1}. Core v2 kinds have one version.
     */
    static final Set<String> SELDON_DEPLOYMENT_API_VERSIONS = Set.of(ResourceKind.SELDON_DEPLOYMENT.apiVersion(),
            "machinelearning.seldon.io/v1alpha2", "machinelearning.seldon.io/v1alpha3");

    private static final String KINDS = Arrays.stream(ResourceKind.values()).map(ResourceKind::kind)
            .collect(Collectors.joining(", "));

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Manifests() {}

    /**
     * One document of a manifest text.
     *
     * @param source names the document in messages: the text's source, and for one of several documents which one,
     *     e.g. {@code deploy.yaml (document 2, line 14)}
     */
    public record Document(ObjectNode manifest, String source) {}

    /**
     * A manifest that passed {@link #validate}: what to apply, where.
     *
     * @param namespace the target namespace: the one given, or else {@code metadata.namespace}
     * @param name {@code metadata.name}
     * @param address the name the API addresses the resource by: {@code name}, except for an Experiment, which the
     *     API reaches through its main pipeline ({@code spec.default})
     */
    public record ValidManifest(ResourceKind kind, String namespace, String name, String address, ObjectNode manifest,
            String source) {}

    /**
     * Reads a manifest file's text: UTF-8 (a byte order mark is dropped), at most the size limit (see the class
     * comment), without reading more of a larger stream than that.
     *
     * @throws InvalidInputException when the text is too large or not UTF-8
     */
    public static String readText(InputStream in, String source) throws IOException {
        int max = maxBytes();
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw tooLarge(source, "more than " + size(max), max);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(source + ": the manifest is not UTF-8 text");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Parses every document of a manifest text, in order, skipping empty ones (such as after a trailing
     * {@code ---}, as kubectl does). Text whose first non-blank character is <code>{</code> is read as JSON (so JSON
     * mistakes get JSON messages) and holds one document; anything else is YAML. Every document's top level must be
     * a mapping. Nothing is validated beyond that: see {@link #validate}.
     *
     * @param source names the text in messages, e.g. the workspace file or {@code manifest}
     * @throws InvalidInputException with the source, line, column and a short reason
     * @throws InterruptedException when the thread is interrupted while parsing
     */
    public static List<Document> parseAll(String text, String source)
            throws InvalidInputException, InterruptedException {
        return parseAll(text, source, maxBytes(), maxAliasNodes());
    }

    static List<Document> parseAll(String text, String source, int maxBytes, int maxAliasNodes)
            throws InvalidInputException, InterruptedException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(source + ": the manifest is empty");
        }
        checkSize(text, source, maxBytes);
        boolean json = text.stripLeading().startsWith("{");
        List<JsonNode> trees = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        if (json) {
            try {
                trees.add(JSON.readTree(text));
                lines.add(1);
            } catch (JsonProcessingException e) {
                throw parseError(e, source);
            }
        } else {
            try {
                for (YamlDocuments.Document d : YamlDocuments.read(text, source, maxAliasNodes)) {
                    if (d.tree() != null) {
                        trees.add(d.tree());
                        lines.add(d.line());
                    }
                }
            } catch (MarkedYAMLException e) {
                throw parseError(e, source);
            } catch (YAMLException e) {
                throw new InvalidInputException(source + ": invalid YAML: " + firstLine(e.getMessage()), 0, 0, e);
            }
        }
        if (trees.isEmpty()) {
            throw new InvalidInputException(source + ": the manifest is empty");
        }
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            String name = trees.size() == 1 ? source
                    : source + " (document " + (i + 1) + ", line " + lines.get(i) + ")";
            JsonNode tree = trees.get(i);
            if (!tree.isObject()) {
                throw new InvalidInputException(name + ": the top level must be a mapping (apiVersion, kind,"
                        + " metadata, spec), not " + describe(tree), lines.get(i), 1, null);
            }
            documents.add(new Document((ObjectNode) tree, name));
        }
        return documents;
    }

    /**
     * Parses a manifest text that must hold exactly one document; see {@link #parseAll}.
     *
     * @throws InvalidInputException also when the text holds more than one document
     * @throws InterruptedException when the thread is interrupted while parsing
     */
    public static ObjectNode parse(String text, String source) throws InvalidInputException, InterruptedException {
        List<Document> documents = parseAll(text, source);
        if (documents.size() > 1) {
            String second = documents.get(1).source();
            throw new InvalidInputException(source + ": more than one document (the second is "
                    + second.substring(source.length() + 2, second.length() - 1) + "); give exactly one resource here");
        }
        return documents.get(0).manifest();
    }

    private static void checkSize(String text, String source, int maxBytes) throws InvalidInputException {
        // A char is at least one UTF-8 byte, so a long string needs no count.
        long bytes = text.length() > maxBytes ? text.length() : utf8Length(text);
        if (bytes > maxBytes) {
            throw tooLarge(source, (text.length() > maxBytes ? "at least " : "") + size(bytes), maxBytes);
        }
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static InvalidInputException tooLarge(String source, String actual, int max) {
        return new InvalidInputException(source + ": the manifest is " + actual + "; manifests over " + size(max)
                + " are refused before they are parsed. Seldon manifests are a few kilobytes: check the file, or raise"
                + " the limit with the system property " + MAX_BYTES_PROPERTY + " on the Jenkins controller");
    }

    private static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }

    static int maxBytes() {
        return positiveProperty(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES);
    }

    static int maxAliasNodes() {
        return positiveProperty(MAX_ALIAS_NODES_PROPERTY, DEFAULT_MAX_ALIAS_NODES);
    }

    private static int positiveProperty(String name, int fallback) {
        Integer value = Integer.getInteger(name);
        return value == null || value < 1 ? fallback : value;
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
     * Checks a manifest before anything is sent: its kind and API version, its names (see {@link Names}), its
     * namespace against the target namespace, that it has a {@code spec}; for an Experiment, that it is on pipelines
     * and names its main pipeline (the API cannot manage experiments on Models).
     *
     * @param namespace the target namespace, or {@code null} to take each manifest's {@code metadata.namespace}
     * @throws InvalidInputException naming the field at fault
     */
    public static ValidManifest validate(ObjectNode manifest, String namespace, String source)
            throws InvalidInputException {
        if (namespace != null) {
            Names.checkNamespace(namespace);
        }
        JsonNode kindNode = manifest.get("kind");
        if (kindNode == null || kindNode.isNull()) {
            throw new InvalidInputException(source + ": kind is missing; expected one of " + KINDS);
        }
        ResourceKind kind = ResourceKind.ofManifestKind(kindNode.textValue()).orElse(null);
        if (kind == null) {
            throw new InvalidInputException(source + ": kind is " + show(kindNode) + "; expected one of " + KINDS);
        }
        JsonNode apiVersion = manifest.get("apiVersion");
        if (apiVersion == null || apiVersion.isNull()) {
            throw new InvalidInputException(source + ": apiVersion is missing; expected " + kind.apiVersion());
        }
        Set<String> accepted = kind == ResourceKind.SELDON_DEPLOYMENT ? SELDON_DEPLOYMENT_API_VERSIONS
                : Set.of(kind.apiVersion());
        if (!apiVersion.isTextual() || !accepted.contains(apiVersion.asText())) {
            throw new InvalidInputException(source + ": apiVersion is " + show(apiVersion) + "; expected "
                    + kind.apiVersion() + " for a " + kind.kind());
        }
        JsonNode metadata = manifest.get("metadata");
        if (metadata == null || metadata.isNull()) {
            // The spec's Core v2 request schemas put name, labels... at the top level; Kubernetes manifests do not.
            String hint = manifest.has("name") ? " (name, namespace, labels and annotations belong under metadata)"
                    : "";
            throw new InvalidInputException(source + ": metadata is missing; it needs at least metadata.name" + hint);
        }
        if (!metadata.isObject()) {
            throw new InvalidInputException(source + ": metadata must be a mapping, not " + describe(metadata));
        }
        String name = checkName(metadata.get("name"), "metadata.name", kind, source);
        JsonNode ns = metadata.get("namespace");
        String target = namespace;
        if (ns != null && !ns.isNull()) {
            if (namespace == null) {
                target = checkName(ns, "metadata.namespace", null, source);
            } else if (!namespace.equals(ns.textValue())) {
                throw new InvalidInputException(source + ": metadata.namespace is " + show(ns) + " but the target"
                        + " namespace is '" + namespace + "'; remove metadata.namespace or make them agree");
            }
        } else if (namespace == null) {
            throw new InvalidInputException(source + ": metadata.namespace is missing and no namespace was given;"
                    + " give one of them");
        }
        JsonNode spec = manifest.get("spec");
        if (spec == null || spec.isNull()) {
            throw new InvalidInputException(source + ": spec is missing");
        }
        if (!spec.isObject()) {
            throw new InvalidInputException(source + ": spec must be a mapping, not " + describe(spec));
        }
        String address = name;
        if (kind == ResourceKind.EXPERIMENT) {
            address = checkName(spec.get("default"), "spec.default", ResourceKind.PIPELINE, source);
            checkExperimentType(spec.get("resourceType"), source);
        }
        return new ValidManifest(kind, target, name, address, manifest, source);
    }

    /** The Seldon API reaches experiments only through a main pipeline, so it manages no experiment on Models. */
    private static void checkExperimentType(JsonNode type, String source) throws InvalidInputException {
        String why = " The Seldon API manages an experiment only through its main pipeline (spec.default), so only"
                + " experiments on Pipelines; manage experiments on Models with kubectl or the Seldon CLI.";
        if (type == null || type.isNull()) {
            throw new InvalidInputException(source + ": spec.resourceType is missing, which makes this an experiment"
                    + " on Models (Seldon's default); for an experiment on Pipelines set spec.resourceType: pipeline."
                    + why);
        }
        if (!"pipeline".equals(type.textValue())) {
            throw new InvalidInputException(source + ": spec.resourceType is " + show(type) + "; expected pipeline."
                    + why);
        }
    }

    /** A name field, checked as {@link Names} says ({@code kind} {@code null}: a namespace). */
    private static String checkName(JsonNode value, String field, ResourceKind kind, String source)
            throws InvalidInputException {
        if (value == null || value.isNull() || (value.isTextual() && value.asText().isEmpty())) {
            throw new InvalidInputException(source + ": " + field + " is missing");
        }
        if (!value.isTextual()) {
            throw new InvalidInputException(source + ": " + field + " must be a string, not " + describe(value));
        }
        try {
            return kind == null ? Names.checkNamespace(value.asText()) : Names.checkName(kind, value.asText());
        } catch (InvalidInputException e) {
            throw new InvalidInputException(source + ": " + field + ": " + e.getMessage());
        }
    }

    private static String show(JsonNode node) {
        return node.isTextual() ? Names.quote(node.asText()) : describe(node);
    }

    private static String describe(JsonNode node) {
        if (node.isArray()) {
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

    /** The position and Jackson's own words, without its location and source excerpt. */
    private static InvalidInputException parseError(JsonProcessingException e, String source) {
        int line = 0;
        int column = 0;
        JsonLocation at = e.getLocation();
        if (at != null) {
            line = Math.max(at.getLineNr(), 0);
            column = Math.max(at.getColumnNr(), 0);
        }
        String reason = firstLine(e.getOriginalMessage());
        int marker = reason.indexOf(" (start marker at");
        if (marker > 0) {
            reason = reason.substring(0, marker);
        }
        if (reason.isEmpty()) {
            reason = e.getClass().getSimpleName();
        }
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        return new InvalidInputException(source + ": invalid JSON" + where + ": " + reason, line, column, e);
    }

    /**
     * SnakeYAML's "problem mark" (where the problem is, not the start of the construct that contains it) and its own
     * words.
     */
    private static InvalidInputException parseError(MarkedYAMLException e, String source) {
        int line = 0;
        int column = 0;
        String reason = firstLine(e.getProblem());
        if (e.getProblemMark() != null) {
            line = e.getProblemMark().getLine() + 1;
            column = e.getProblemMark().getColumn() + 1;
        }
        if (e.getContext() != null && e.getContextMark() != null) {
            reason += " (" + firstLine(e.getContext()) + " started at line " + (e.getContextMark().getLine() + 1)
                    + ", column " + (e.getContextMark().getColumn() + 1) + ")";
        }
        if (reason.isEmpty()) {
            reason = e.getClass().getSimpleName();
        }
        String where = line > 0 ? " at line " + line + ", column " + column : "";
        return new InvalidInputException(source + ": invalid YAML" + where + ": " + reason, line, column, e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
