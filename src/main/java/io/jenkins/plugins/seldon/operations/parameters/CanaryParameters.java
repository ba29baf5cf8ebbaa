package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.time.Duration;

/**
 * Start a canary at a weight, and for a canary gated by a test, how long its candidate may take to become ready.
 */
public final class CanaryParameters extends CandidateParameters {

    private static final long serialVersionUID = 1L;

    private Integer weight;
    private int timeout = Durations.DEFAULT_TIMEOUT_SECONDS;
    private int pollInterval = Durations.DEFAULT_POLL_INTERVAL_SECONDS;

    /** The canary's share of the traffic in percent, 0 to 100; required. */
    public Integer getWeight() {
        return weight;
    }

    public void setWeight(Integer weight) {
        this.weight = weight;
    }

    /** Seconds the candidate may take to become ready (a gated canary). */
    public int getTimeout() {
        return timeout;
    }

    public void setTimeout(int timeout) {
        this.timeout = timeout;
    }

    /** Seconds between readiness polls (a gated canary). */
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
        Weights.check(weight, labels);
        Durations.checkAtLeastOneSecond(timeout, "timeout", labels);
        Durations.checkAtLeastOneSecond(pollInterval, "pollInterval", labels);
    }
}
