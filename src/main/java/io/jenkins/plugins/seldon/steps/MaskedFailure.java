package io.jenkins.plugins.seldon.steps;

import hudson.AbortException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
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

    /**
     * {@code failure} itself when nothing it prints can hold a secret; else a copy of it, its causes and its suppressed
     * failures, each failure that may print a secret or leads to one replaced by a masked one.
     */
    static Throwable of(Throwable failure, Pattern secrets) {
        Set<Throwable> exposing = exposing(failure, secrets);
        return exposing.contains(failure) ? copy(failure, secrets, exposing, new IdentityHashMap<>()) : failure;
    }

    private static Throwable copy(Throwable failure, Pattern secrets, Set<Throwable> exposing,
            Map<Throwable, Throwable> copies) {
        if (!exposing.contains(failure)) {
            return failure;
        }
        Throwable done = copies.get(failure);
        if (done != null) {
            return done;
        }
        String message = failure.getMessage() == null ? null : secrets.matcher(failure.getMessage()).replaceAll(MASK);
        Throwable masked = failure instanceof AbortException ? new AbortException(message)
                : new MaskedFailure(failure.getClass().getName() + (message == null ? "" : ": " + message));
        copies.put(failure, masked);
        masked.setStackTrace(failure.getStackTrace());
        Throwable cause = failure.getCause();
        if (cause != null) {
            Throwable maskedCause = copy(cause, secrets, exposing, copies);
            // A getCause() that answers the failure itself: Throwable refuses that as a cause.
            if (maskedCause != masked) {
                masked.initCause(maskedCause);
            }
        }
        for (Throwable suppressed : failure.getSuppressed()) {
            masked.addSuppressed(copy(suppressed, secrets, exposing, copies));
        }
        return masked;
    }

    /**
     * The failures reachable from {@code root} (through causes and suppressed failures) that may print a secret or lead
     * to one that does, in one pass over them: interruptions excepted, a failure prints a secret when its description
     * ({@link Throwable#toString()}, what Jenkins prints of it besides its frames) has one, or when its class prints
     * itself ({@code printStackTrace} overridden, which Jenkins then calls), since what it prints cannot be checked.
     */
    private static Set<Throwable> exposing(Throwable root, Pattern secrets) {
        Map<Throwable, List<Throwable>> leadingTo = new IdentityHashMap<>();
        Set<Throwable> exposing = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> toVisit = new ArrayDeque<>();
        leadingTo.put(root, new ArrayList<>());
        toVisit.add(root);
        Deque<Throwable> toMark = new ArrayDeque<>();
        while (!toVisit.isEmpty()) {
            Throwable failure = toVisit.poll();
            if (failure instanceof FlowInterruptedException) {
                continue;
            }
            if (printsItself(failure) || secrets.matcher(String.valueOf(failure)).find()) {
                toMark.add(failure);
            }
            List<Throwable> next = new ArrayList<>(List.of(failure.getSuppressed()));
            if (failure.getCause() != null) {
                next.add(failure.getCause());
            }
            for (Throwable t : next) {
                if (!leadingTo.containsKey(t)) {
                    leadingTo.put(t, new ArrayList<>());
                    toVisit.add(t);
                }
                leadingTo.get(t).add(failure);
            }
        }
        while (!toMark.isEmpty()) {
            Throwable failure = toMark.poll();
            if (exposing.add(failure)) {
                toMark.addAll(leadingTo.get(failure));
            }
        }
        return exposing;
    }

    private static boolean printsItself(Throwable failure) {
        try {
            return failure.getClass().getMethod("printStackTrace", PrintWriter.class).getDeclaringClass()
                    != Throwable.class
                    || failure.getClass().getMethod("printStackTrace", PrintStream.class).getDeclaringClass()
                    != Throwable.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Throwable has printStackTrace", e);
        }
    }
}
