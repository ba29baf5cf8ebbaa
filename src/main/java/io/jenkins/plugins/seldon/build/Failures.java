package io.jenkins.plugins.seldon.build;

import hudson.AbortException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import io.jenkins.plugins.seldon.operations.NotReadyException;
import io.jenkins.plugins.seldon.operations.OperationFailedException;
import io.jenkins.plugins.seldon.operations.PartialApplyException;

/**
 * What a build shows for a failure. The client's and the operations' messages already say what failed, where and
 * what to check, so for what a user can cause (bad input, a refusal by the server or the provider, the network, a
 * resource that does not become ready, an outcome that fails the build) a one-line error replaces the stack trace,
 * which would add nothing for users. Any other failure, e.g. of the workspace's agent or a programming error, keeps
 * its stack trace.
 */
public final class Failures {

    private Failures() {}

    /** @return an {@link AbortException} for a failure a user can cause, else {@code failure} itself */
    public static Throwable forBuild(Throwable failure) {
        if (failure instanceof AbortException) {
            return failure;
        }
        if (failure instanceof SeldonException || failure instanceof InvalidInputException
                || failure instanceof NotReadyException || failure instanceof PartialApplyException
                || failure instanceof OperationFailedException
                // Settings refused by the plugin's own constructors and parameters say what to change.
                || failure instanceof IllegalArgumentException) {
            String message = failure.getMessage();
            return new AbortException(message == null || message.isBlank() ? failure.getClass().getSimpleName() : message);
        }
        return failure;
    }

    /** Invalid step parameters, as a one-line failure. */
    public static AbortException abort(InvalidInputException failure) {
        return new AbortException(failure.getMessage());
    }
}
