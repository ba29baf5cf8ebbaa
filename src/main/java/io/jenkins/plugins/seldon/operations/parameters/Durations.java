package io.jenkins.plugins.seldon.operations.parameters;

import io.jenkins.plugins.seldon.operations.InvalidInputException;

/** The waits' defaults and their one check, shared by the wait and the apply that waits. */
public final class Durations {

    public static final int DEFAULT_TIMEOUT_SECONDS = 600;
    public static final int DEFAULT_POLL_INTERVAL_SECONDS = 10;

    private Durations() {}

    static void checkAtLeastOneSecond(int seconds, String field, FieldLabels labels) throws InvalidInputException {
        if (seconds < 1) {
            throw new InvalidInputException(labels.of(field) + " must be at least 1 second, not " + seconds);
        }
    }
}
