package io.jenkins.plugins.seldon.operations.parameters;

import java.time.Duration;

/** Wait until a deployment is ready: how long in all, and how often to look. */
public final class WaitParameters extends ResourceParameters {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_TIMEOUT_SECONDS = 600;
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 10;

    private int timeout = DEFAULT_TIMEOUT_SECONDS;
    private int pollInterval = DEFAULT_POLL_INTERVAL_SECONDS;

    /** Seconds. */
    public int getTimeout() {
        return timeout;
    }

    /** @throws IllegalArgumentException below one second */
    public void setTimeout(int timeout) {
        this.timeout = atLeastOneSecond(timeout, "timeout");
    }

    /** Seconds between polls. */
    public int getPollInterval() {
        return pollInterval;
    }

    /** @throws IllegalArgumentException below one second */
    public void setPollInterval(int pollInterval) {
        this.pollInterval = atLeastOneSecond(pollInterval, "pollInterval");
    }

    public Duration timeout() {
        return Duration.ofSeconds(timeout);
    }

    public Duration pollInterval() {
        return Duration.ofSeconds(pollInterval);
    }

    private static int atLeastOneSecond(int seconds, String field) {
        if (seconds < 1) {
            throw new IllegalArgumentException(field + " must be at least 1 second, not " + seconds);
        }
        return seconds;
    }
}
