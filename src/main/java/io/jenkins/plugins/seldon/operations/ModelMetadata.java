package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The model metadata store of Seldon Enterprise Platform: one record per model URI and project, with its name,
 * version, artifact type, task type, tags and metrics. Registering is idempotent, so that a build can run again: the
 * same record again changes nothing, and a record for the same URI and project with other values fails, saying what
 * differs, unless updating is asked for. Only the fields given are compared and, on update, replaced.
 */
public final class ModelMetadata {

    /** The artifact types the API knows ({@code v1ArtifactType}). */
    public static final Set<String> ARTIFACT_TYPES = Set.of("UNKNOWN", "CUSTOM", "TENSORFLOW", "SKLEARN", "XGBOOST",
            "MLFLOW", "PYTORCH", "ONNX", "TENSORRT", "ALIBI_EXPLAIN", "ALIBI_DETECT", "HUGGINGFACE", "MLSERVER_PYTHON",
            "TRITON_PYTHON");
    /** The text fields of a record, in the API's names; {@code URI} is the one it requires. */
    static final List<String> TEXT_FIELDS = List.of("URI", "name", "version", "artifactType", "taskType", "project");
    /** Pages are read up to this many records in all. */
    static final int MAX_RECORDS = 1000;
    private static final int PAGE_SIZE = 100;

    private final SeldonClient client;
    private final LogSink log;

    public ModelMetadata(SeldonClient client, LogSink log) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** What a registration did. */
    public enum Action {
        CREATED("created"),
        UPDATED("updated"),
        UNCHANGED("unchanged");

        private final String text;

        Action(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * What {@link #register} did.
     *
     * @param record the record as it now is (as sent, or as read when unchanged)
     * @param differences what differed from the stored record, e.g. {@code version: "v1" -> "v2"}; empty for a new or
     *     unchanged one
     */
    public record Registration(Action action, ObjectNode record, List<String> differences) {

        /** As plain values: {@code action}, {@code uri}, {@code project}, {@code differences}, {@code record}. */
        public Map<String, Object> toMap() {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("action", action.text());
            map.put("uri", record.path("URI").asText());
            map.put("project", record.path("project").asText(""));
            map.put("differences", new ArrayList<>(differences));
            map.put("record", PlainJson.toPlain(record));
            return map;
        }
    }

    /**
     * Checks a record before it is sent: {@code URI} given and at most 200 characters, {@code name} at most 200,
     * {@code version} and {@code taskType} at most 50, a known {@code artifactType}, tag keys at most 100 and values
     * at most 500 characters, metrics numbers.
     *
     * @throws InvalidInputException naming the field in the API's words
     */
    public static void check(ObjectNode record) throws InvalidInputException {
        String uri = record.path("URI").asText("");
        if (uri.isBlank()) {
            throw new InvalidInputException("The model's URI is required: its storage bucket, or its image for custom"
                    + " models, e.g. gs://seldon-models/sklearn/iris");
        }
        checkLength(record, "URI", 200);
        checkName(record.path("name").asText(""));
        checkLength(record, "version", 50);
        checkLength(record, "taskType", 50);
        String type = record.path("artifactType").asText(null);
        if (type != null && !ARTIFACT_TYPES.contains(type)) {
            throw new InvalidInputException("The artifact type " + type + " is not one the API knows: "
                    + String.join(", ", new TreeSet<>(ARTIFACT_TYPES)));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = record.path("tags").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> tag = it.next();
            if (tag.getKey().isEmpty() || tag.getKey().length() > 100 || !tag.getValue().isTextual()
                    || tag.getValue().asText().length() > 500) {
                throw new InvalidInputException("The tag '" + tag.getKey() + "' must have a key of 1 to 100 characters"
                        + " and a text value of at most 500");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = record.path("metrics").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> metric = it.next();
            if (metric.getKey().isEmpty() || metric.getKey().length() > 100 || !metric.getValue().isNumber()) {
                throw new InvalidInputException("The metric '" + metric.getKey() + "' must have a key of 1 to 100"
                        + " characters and a number as its value");
            }
        }
    }

    /**
     * A model's name: free text of at most 200 characters, not a Kubernetes name.
     *
     * @throws InvalidInputException when it is longer
     */
    public static void checkName(String name) throws InvalidInputException {
        checkLength("name", name, 200);
    }

    private static void checkLength(ObjectNode record, String field, int max) throws InvalidInputException {
        checkLength(field, record.path(field).asText(""), max);
    }

    private static void checkLength(String field, String value, int max) throws InvalidInputException {
        if (value.length() > max) {
            throw new InvalidInputException("The model's " + field + " must not exceed " + max + " characters; it has "
                    + value.length());
        }
    }

    /**
     * Registers a record: created when the store has none for its URI and project; unchanged, and nothing sent, when
     * the stored one has the same value for every field given; otherwise updated if {@code update} is set, else a
     * failure that lists what differs.
     *
     * @throws InvalidInputException before any request, for an invalid record ({@link #check})
     * @throws OperationFailedException when a different record exists and {@code update} is not set
     */
    public Registration register(ObjectNode record, boolean update) throws IOException, InterruptedException {
        check(record);
        String uri = record.path("URI").asText();
        String project = record.path("project").asText("");
        ObjectNode existing = find(uri, project);
        String subject = "Model metadata of " + uri + (project.isEmpty() ? "" : " in project " + project);
        if (existing == null) {
            client.createModelMetadata(record);
            log.info("Registered " + subject);
            return new Registration(Action.CREATED, record, List.of());
        }
        List<String> differences = differences(existing, record);
        if (differences.isEmpty()) {
            log.info(subject + " is already registered as given; nothing sent");
            return new Registration(Action.UNCHANGED, existing, List.of());
        }
        if (!update) {
            throw new OperationFailedException(subject + " is already registered with other values: "
                    + String.join("; ", differences) + ". Register it with update: true to replace them, or give"
                    + " another version or project");
        }
        ObjectNode merged = existing.deepCopy();
        merged.remove("creationTime"); // set by the store, read-only
        record.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue().deepCopy()));
        client.updateModelMetadata(merged);
        log.info("Updated " + subject + ": " + String.join("; ", differences));
        return new Registration(Action.UPDATED, merged, differences);
    }

    /** The stored record of this URI and project, or {@code null}. */
    private ObjectNode find(String uri, String project) throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("URI", uri);
        query.put("project", project.isEmpty() ? null : project);
        for (JsonNode r : list(query)) {
            if (r instanceof ObjectNode o && uri.equals(o.path("URI").asText())
                    && project.equals(o.path("project").asText(""))) {
                return o;
            }
        }
        return null;
    }

    /**
     * The records that match every given filter, over all pages, at most {@value #MAX_RECORDS}.
     *
     * @param filters by the API's query names ({@code URI}, {@code name}, {@code version}, {@code artifactType},
     *     {@code taskType}, {@code project}); null values are left out
     */
    public ArrayNode list(Map<String, String> filters) throws IOException, InterruptedException {
        ArrayNode records = Json.object().arrayNode();
        Map<String, String> query = new LinkedHashMap<>(filters);
        query.put("pageSize", String.valueOf(PAGE_SIZE));
        while (true) {
            ObjectNode page = client.modelMetadata(query);
            for (JsonNode r : page.path("models")) {
                if (records.size() == MAX_RECORDS) {
                    log.warn("More than " + MAX_RECORDS + " model metadata records match; narrow the query to see the"
                            + " rest");
                    return records;
                }
                records.add(r);
            }
            String next = page.path("nextPageToken").asText("");
            if (next.isEmpty() || !page.path("models").isArray() || page.path("models").isEmpty()) {
                return records;
            }
            query.put("pageToken", next);
        }
    }

    /** What the stored record has otherwise for the fields {@code given} sets, e.g. {@code version: "v1" -> "v2"}. */
    static List<String> differences(ObjectNode stored, ObjectNode given) {
        List<String> differences = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode before = stored.path(field.getKey());
            JsonNode after = field.getValue();
            if (after.isObject()) {
                Set<String> keys = new TreeSet<>();
                after.fieldNames().forEachRemaining(keys::add);
                before.fieldNames().forEachRemaining(keys::add);
                for (String key : keys) {
                    JsonNode b = before.path(key);
                    JsonNode a = after.path(key);
                    if (!Expectation.sameValue(a, b)) { // a missing node is the same as nothing else
                        differences.add(field.getKey() + "." + key + ": " + Expectation.show(b) + " -> "
                                + Expectation.show(a));
                    }
                }
            } else if (!Expectation.sameValue(before, after)) {
                differences.add(field.getKey() + ": " + Expectation.show(before) + " -> " + Expectation.show(after));
            }
        }
        return differences;
    }
}
