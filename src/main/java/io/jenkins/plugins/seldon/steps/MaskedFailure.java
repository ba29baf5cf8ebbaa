package io.jenkins.plugins.seldon.steps;

import hudson.AbortException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * A failure with the exposed token masked in its message, the messages of its causes and its suppressed failures: a
 * step inside {@code withSeldon(exposeToken: true)} may fail with text that contains the token (e.g. a command line).
 * A one-line failure ({@link AbortException}) stays one; anything else keeps its stack trace. An interruption
 * ({@link FlowInterruptedException}, e.g. an abort or a timeout) is left as it is: it carries the build's result and
 * its causes, not text from the step.
 */
final class MaskedFailure extends Exception {

    private static final long serialVersionUID = 1L;
    static final String MASK = "****";

    private MaskedFailure(String message) {
        super(message);
    }

    static Throwable of(Throwable failure, Pattern secrets) {
        return of(failure, secrets, new IdentityHashMap<>());
    }

    private static Throwable of(Throwable failure, Pattern secrets, Map<Throwable, Throwable> seen) {
        Throwable done = seen.get(failure);
        if (done != null) {
            return done;
        }
        if (failure instanceof FlowInterruptedException || !mentions(failure, secrets)) {
            seen.put(failure, failure);
            return failure;
        }
        String message = failure.getMessage() == null ? null : secrets.matcher(failure.getMessage()).replaceAll(MASK);
        Throwable masked = failure instanceof AbortException ? new AbortException(message)
                : new MaskedFailure(failure.getClass().getName() + (message == null ? "" : ": " + message));
        seen.put(failure, masked);
        masked.setStackTrace(failure.getStackTrace());
        if (failure.getCause() != null) {
            masked.initCause(of(failure.getCause(), secrets, seen));
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            masked.addSuppressed(of(suppressed, secrets, seen));
        }
        return masked;
    }

    private static boolean mentions(Throwable failure, Pattern secrets) {
        return mentions(failure, secrets, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    /**
     * Whether a secret is in what the failure's stack trace would print besides its frames: its own and its causes' and
     * suppressed failures' descriptions ({@link Throwable#toString()}).
     */
    private static boolean mentions(Throwable failure, Pattern secrets, Set<Throwable> visited) {
        if (!visited.add(failure)) {
            return false;
        }
        if (secrets.matcher(String.valueOf(failure)).find()
                || failure.getCause() != null && mentions(failure.getCause(), secrets, visited)) {
            return true;
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            if (mentions(suppressed, secrets, visited)) {
                return true;
            }
        }
        return false;
    }
}
