package io.jenkins.plugins.seldon.build;

import hudson.AbortException;

/**
 * What a build shows for a failure. The client's and the operations' messages already say what failed, where and
 * what to check, so for anything a user can cause (bad input, a refusal by the server or the provider, the network)
 * a one-line error replaces the stack trace, which would add nothing for users. Programming errors keep theirs.
 */
public final class Failures {

    private Failures() {}

    /** @return an {@link AbortException} for a failure a user can cause, else {@code failure} itself */
    public static Throwable forBuild(Throwable failure) {
        if (failure instanceof AbortException) {
            return failure;
        }
        if (failure instanceof java.io.IOException || failure instanceof IllegalArgumentException) {
            String message = failure.getMessage();
            return new AbortException(message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
        }
        return failure;
    }

    /** {@link #forBuild} for callers that may only throw checked I/O failures. */
    public static AbortException abort(java.io.IOException failure) {
        return (AbortException) forBuild(failure);
    }
}
