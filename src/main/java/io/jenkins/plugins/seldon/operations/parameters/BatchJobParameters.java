package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Run a batch job through a SeldonDeployment or a Pipeline and wait for its end: its definition (a map, JSON text or
 * a workspace file), how long the job may take in all and how often to look.
 */
public final class BatchJobParameters extends ServingParameters implements JsonSource {

    private static final long serialVersionUID = 1L;

    /** Batch jobs take longer than rollouts: an hour unless told otherwise. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 3600;
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 15;

    private LinkedHashMap<String, Object> definition;
    private String json;
    private String file;
    private int timeout = DEFAULT_TIMEOUT_SECONDS;
    private int pollInterval = DEFAULT_POLL_INTERVAL_SECONDS;

    /** The {@code BatchJobDefinition} as a map, from a Pipeline. */
    public Map<String, Object> getDefinition() {
        return definition;
    }

    public void setDefinition(Map<String, Object> definition) {
        this.definition = definition == null || definition.isEmpty() ? null : new LinkedHashMap<>(definition);
    }

    @Override
    public Map<String, Object> map() {
        return definition;
    }

    @Override
    public String mapField() {
        return "definition";
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

    /** Seconds. */
    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    /** Seconds between polls. */
    public int getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(int pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollInterval);
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        JsonSource.checkOne(this, labels, "the batch job's definition", true);
        Durations.checkAtLeastOneSecond(timeout, "timeout", labels);
        Durations.checkAtLeastOneSecond(pollInterval, "pollInterval", labels);
    }

    @Override
    protected void expand(UnaryOperator<String> variables) {
        super.expand(variables);
        file = text(variables.apply(file));
    }
}
