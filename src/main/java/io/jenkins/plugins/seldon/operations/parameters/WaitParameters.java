package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.time.Duration;

/** Wait until a resource is ready: how long in all, and how often to look. */
public final class WaitParameters extends ResourceParameters {

    private static final long serialVersionUID = 1L;

    private int timeout = Durations.DEFAULT_TIMEOUT_SECONDS;
    private int pollInterval = Durations.DEFAULT_POLL_INTERVAL_SECONDS;

    /** Seconds. */
    public int getTimeout() {
        return timeout;
    }

    /** Checked by {@link #validate}: at least one second. */
    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    /** Seconds between polls. */
    public int getPollInterval() {
        return pollInterval;
    }

    /** Checked by {@link #validate}: at least one second. */
    public void setPollInterval(int pollInterval) {
        this.pollInterval = pollInterval;
    }

    @Override
    public void validate(FieldLabels labels) throws InvalidInputException {
        super.validate(labels);
        Durations.checkAtLeastOneSecond(timeout, "timeout", labels);
        Durations.checkAtLeastOneSecond(pollInterval, "pollInterval", labels);
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollInterval);
    }
}
