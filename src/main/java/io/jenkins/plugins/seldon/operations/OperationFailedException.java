package io.jenkins.plugins.seldon.operations;

import java.io.IOException;

/**
 * An operation ran and its outcome fails the build: a prediction that does not meet its expectation, a batch job that
 * ended in {@code Failed} or {@code Error} or did not finish in time, a manifest the server refused to validate, a
 * record or monitor that already exists with other settings. The message says what was expected and what came, so it
 * can be shown alone, without a stack trace.
 */
public class OperationFailedException extends IOException {

    private static final long serialVersionUID = 1L;

    public OperationFailedException(String message) {
        super(message);
    }

    public OperationFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
