package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Load tests of a SeldonDeployment or a Pipeline: to create one, the payload it repeats (a map, JSON text or a
 * workspace file) and optionally its connections, requests and duration; to delete one, its job name.
 */
public final class LoadTestParameters extends ServingParameters implements JsonSource {

    private static final long serialVersionUID = 1L;

    private LinkedHashMap<String, Object> payload;
    private String json;
    private String file;
    private Integer connections;
    private Integer requests;
    private Integer duration;
    private String job;
    private boolean allowMissing;

    public Map<String, Object> getPayload() {
        return payload;
    }

    public void setPayload(Map<String, Object> payload) {
        this.payload = payload == null || payload.isEmpty() ? null : new LinkedHashMap<>(payload);
    }

    @Override
    public Map<String, Object> map() {
        return payload;
    }

    @Override
    public String mapField() {
        return "payload";
    }

    @Override
    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json == null || json.isBlank() ? null : json;
    }

    @Override
    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = text(file);
    }

    /** Concurrent connections; null for the server's default. */
    public Integer getConnections() {
        return connections;
    }

    public void setConnections(Integer connections) {
        this.connections = connections;
    }

    /** Requests in all; null for the server's default. */
    public Integer getRequests() {
        return requests;
    }

    public void setRequests(Integer requests) {
        this.requests = requests;
    }

    /** Seconds; null for the server's default. */
    public Integer getDuration() {
        return duration;
    }

    public void setDuration(Integer duration) {
        this.duration = duration;
    }

    /** The load test job, to delete it. */
    public String getJob() {
        return job;
    }

    public void setJob(String job) {
        this.job = text(job);
    }

    /** For a deletion: no such job is no failure. */
    public boolean isAllowMissing() {
        return allowMissing;
    }

    public void setAllowMissing(boolean allowMissing) {
        this.allowMissing = allowMissing;
    }

    /** Checks what creating a load test needs besides {@link #validate}: its payload. */
    public void validateCreate(FieldLabels labels) throws InvalidInputException {
        JsonSource.checkOne(this, labels, "the payload the load test sends", true);
        checkAtLeastOne(connections, "connections", labels);
        checkAtLeastOne(requests, "requests", labels);
        checkAtLeastOne(duration, "duration", labels);
    }

    /** A count left out (null) is the server's default; one given must be positive. */
    private static void checkAtLeastOne(Integer value, String field, FieldLabels labels) throws InvalidInputException {
        if (value != null && value < 1) {
            throw new InvalidInputException(labels.of(field) + " must be at least 1, not " + value);
        }
    }

    /** Checks what deleting a load test needs besides {@link #validate}: its job name. */
    public void validateDelete(FieldLabels labels) throws InvalidInputException {
        if (job == null) {
            throw new InvalidInputException("Name the load test job to delete as " + labels.of("job")
                    + ", as the list of load tests gives it");
        }
    }
}
