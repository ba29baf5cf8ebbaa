package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Load tests of a SeldonDeployment or a Pipeline: the API starts a job that sends one payload over and over, with a
 * number of connections, for a number of requests or seconds; it lists and deletes such jobs. Every answer is a
 * {@code Message} ({@code code}, {@code message}): the API reports no status or result of a job, which the platform's
 * UI shows.
 */
public final class LoadTests {

    private final SeldonClient client;
    private final LogSink log;

    public LoadTests(SeldonClient client, LogSink log) {
        this.client = Objects.requireNonNull(client, "client");
        this.log = Objects.requireNonNull(log, "log");
    }

    /**
     * Starts a load test.
     *
     * @param connections concurrent connections, or {@code null} for the server's default
     * @param requests requests in all, or {@code null}
     * @param durationSeconds how long it runs, or {@code null}
     * @return the server's {@code Message}
     */
    public ObjectNode create(ResourceKind kind, String namespace, String name, JsonNode payload, Integer connections,
            Integer requests, Integer durationSeconds) throws IOException, InterruptedException {
        BatchJobs.checkTarget("Load tests run against", kind, namespace, name);
        Map<String, String> fields = new LinkedHashMap<>();
        put(fields, "connectionsNumber", connections, "connections");
        put(fields, "requestsNumber", requests, "requests");
        put(fields, "duration", durationSeconds, "duration");
        byte[] file;
        try {
            file = Json.write(Objects.requireNonNull(payload, "payload")).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The payload cannot be written as JSON", e);
        }
        ObjectNode answer = client.createLoadTest(kind, namespace, name, file, "payload.json", fields);
        log.info("Started a load test of " + ResourceOperations.subject(kind, namespace, name) + said(answer)
                + "; its results are in the platform's UI");
        return answer;
    }

    private static void put(Map<String, String> fields, String field, Integer value, String label)
            throws InvalidInputException {
        if (value != null) {
            if (value < 1) {
                throw new InvalidInputException("The load test's " + label + " must be at least 1, not " + value);
            }
            fields.put(field, String.valueOf(value));
        }
    }

    /** The load tests of a SeldonDeployment or Pipeline, as the API reports them: its {@code Message}. */
    public ObjectNode list(ResourceKind kind, String namespace, String name) throws IOException, InterruptedException {
        BatchJobs.checkTarget("Load tests run against", kind, namespace, name);
        ObjectNode answer = client.loadTests(kind, namespace, name);
        log.info("Load tests of " + ResourceOperations.subject(kind, namespace, name) + said(answer));
        return answer;
    }

    /**
     * Deletes a load test job.
     *
     * @return whether it existed
     * @throws NotFoundException when it does not and {@code allowMissing} is not set
     */
    public boolean delete(ResourceKind kind, String namespace, String name, String job, boolean allowMissing)
            throws IOException, InterruptedException {
        BatchJobs.checkTarget("Load tests run against", kind, namespace, name);
        if (job == null || job.isBlank()) {
            throw new InvalidInputException("Name the load test job to delete, as the list of load tests gives it");
        }
        try {
            client.deleteLoadTest(kind, namespace, name, job);
        } catch (NotFoundException e) {
            if (!allowMissing) {
                throw e;
            }
            log.info("Load test " + job + " of " + ResourceOperations.subject(kind, namespace, name)
                    + " does not exist; nothing to delete");
            return false;
        }
        log.info("Deleted load test " + job + " of " + ResourceOperations.subject(kind, namespace, name));
        return true;
    }

    private static String said(ObjectNode message) {
        String text = message.path("message").asText("");
        return text.isBlank() ? "" : ": " + Readiness.clean(text);
    }
}
