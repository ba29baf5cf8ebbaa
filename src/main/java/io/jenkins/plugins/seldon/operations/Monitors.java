package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.Monitor;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The monitors that ship with a model: drift and outlier detectors of a SeldonDeployment or a Pipeline, and the
 * metrics server of a SeldonDeployment ({@link Monitor}). A monitor is named and configured by a
 * {@code DetectorConfiguration} of two parts, {@code basic} (e.g. {@code storage_uri} of the detector) and
 * {@code deployment} (e.g. {@code protocol}, {@code event_type}), whose fields are checked before anything is sent.
 * The API cannot change a monitor, so creating is idempotent: the same monitor again changes nothing, another of the
 * same name fails.
 */
public final class Monitors {

    static final Set<String> BASIC = Set.of("drift_batch_size", "drift_type_feature", "env_secret_ref", "project",
            "storage_uri");
    static final Set<String> DEPLOYMENT = Set.of("event_source", "event_type", "http_port", "memory_requirement",
            "model_name", "prom_scraping", "protocol", "reply_url", "user_permission");
    /** Names as Kubernetes objects have them: the detector runs as one. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    private final SeldonClient client;
    private final LogSink log;

    public Monitors(SeldonClient client, LogSink log) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
    }

    /** What {@link #create} did, and the monitor as the API has it. */
    public record Result(boolean created, ObjectNode monitor) {}

    /**
     * Checks a monitor's configuration: an object of {@code basic} and {@code deployment}, each with the API's fields
     * only.
     *
     * @throws InvalidInputException naming the unknown field and the known ones
     */
    public static ObjectNode configuration(JsonNode given, String source) throws InvalidInputException {
        if (!(given instanceof ObjectNode config)) {
            throw new InvalidInputException(source + ": a monitor's configuration is a JSON object with basic and"
                    + " deployment, e.g. {\"basic\": {\"storage_uri\": \"s3://bucket/detector\"}}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> part = it.next();
            Set<String> known = switch (part.getKey()) {
                case "basic" -> BASIC;
                case "deployment" -> DEPLOYMENT;
                default -> throw new InvalidInputException(source + ": '" + part.getKey() + "' is not part of a"
                        + " monitor's configuration; it has basic and deployment");
            };
            if (!part.getValue().isObject()) {
                throw new InvalidInputException(source + ": " + part.getKey() + " must be an object");
            }
            for (Iterator<String> names = part.getValue().fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!known.contains(field)) {
                    throw new InvalidInputException(source + ": '" + field + "' is not a field of " + part.getKey()
                            + "; the API knows " + String.join(", ", new TreeSet<>(known)));
                }
            }
        }
        return config;
    }

    /**
     * Creates a monitor, unless one of the same name exists: with the same configuration (each given field equal),
     * nothing is sent; with another, it fails.
     *
     * @throws InvalidInputException before any request, for a kind the monitor does not watch, a bad name or
     *     configuration
     * @throws OperationFailedException when a monitor of the same name exists with another configuration
     */
    public Result create(ResourceKind kind, String namespace, String name, Monitor monitor, String detector,
            ObjectNode config) throws IOException, InterruptedException {
        check(kind, namespace, name, monitor);
        checkDetectorName(detector);
        configuration(config, "config");
        String subject = monitor.text() + " " + detector + " of " + ResourceOperations.subject(kind, namespace, name);
        for (JsonNode existing : client.monitors(kind, namespace, name, monitor)) {
            if (detector.equals(existing.path("name").asText())) {
                if (!contains(existing.path("config"), config)) {
                    throw new OperationFailedException("The " + subject + " already exists with another"
                            + " configuration: " + Expectation.show(existing.path("config")) + ". The API cannot"
                            + " change a monitor: delete it first, or give another name");
                }
                log.info("The " + subject + " already exists as configured; nothing sent");
                return new Result(false, (ObjectNode) existing);
            }
        }
        ObjectNode body = Json.object().put("name", detector);
        body.set("config", config);
        ObjectNode created = client.createMonitor(kind, namespace, name, monitor, body);
        log.info("Created the " + subject);
        return new Result(true, created);
    }

    /** The monitors of one type on a SeldonDeployment or Pipeline ({@code DetectorData}). */
    public ArrayNode list(ResourceKind kind, String namespace, String name, Monitor monitor)
            throws IOException, InterruptedException {
        check(kind, namespace, name, monitor);
        ArrayNode monitors = client.monitors(kind, namespace, name, monitor);
        log.info(ResourceOperations.subject(kind, namespace, name) + " has " + monitors.size() + " "
                + monitor.text() + (monitors.size() == 1 ? "" : "s"));
        return monitors;
    }

    /**
     * Deletes a monitor.
     *
     * @return whether it existed
     * @throws NotFoundException when it does not and {@code allowMissing} is not set
     */
    public boolean delete(ResourceKind kind, String namespace, String name, Monitor monitor, String detector,
            boolean allowMissing) throws IOException, InterruptedException {
        check(kind, namespace, name, monitor);
        checkDetectorName(detector);
        String subject = monitor.text() + " " + detector + " of " + ResourceOperations.subject(kind, namespace, name);
        try {
            client.deleteMonitor(kind, namespace, name, monitor, detector);
        } catch (NotFoundException e) {
            if (!allowMissing) {
                throw e;
            }
            log.info("The " + subject + " does not exist; nothing to delete");
            return false;
        }
        log.info("Deleted the " + subject);
        return true;
    }

    private static void check(ResourceKind kind, String namespace, String name, Monitor monitor)
            throws InvalidInputException {
        BatchJobs.checkTarget("Monitors watch", kind, namespace, name);
        if (!monitor.supports(kind)) {
            throw new InvalidInputException("A " + kind.kind() + " has no " + monitor.text() + "; the API has one for"
                    + " SeldonDeployments only");
        }
    }

    private static void checkDetectorName(String detector) throws InvalidInputException {
        if (detector == null || !NAME.matcher(detector).matches()) {
            throw new InvalidInputException("'" + (detector == null ? "" : Readiness.clean(detector)) + "' is not a"
                    + " valid monitor name: lower case letters, digits and '-', at most 63, starting and ending with a"
                    + " letter or digit");
        }
    }

    /** Whether {@code actual} has every field of {@code wanted}, equal by value (the server may add defaults). */
    private static boolean contains(JsonNode actual, JsonNode wanted) {
        if (wanted.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = wanted.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (!contains(actual.path(f.getKey()), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return Expectation.sameValue(actual, wanted); // a missing node is the same as nothing else
    }
}
