package io.jenkins.plugins.seldon.operations.parameters;

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

    /** @throws IllegalArgumentException below one second */
    public void setTimeout(int timeout) {
        this.timeout = Durations.atLeastOneSecond(timeout, "timeout");
    }

    /** Seconds between polls. */
    public int getPollInterval() {
        return pollInterval;
    }

    /** @throws IllegalArgumentException below one second */
    public void setPollInterval(int pollInterval) {
        this.pollInterval = Durations.atLeastOneSecond(pollInterval, "pollInterval");
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollInterval);
    }
}
