package io.jenkins.plugins.seldon.steps;

import hudson.AbortException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import jenkins.model.CauseOfInterruption;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;

/**
 * A failure with the exposed token masked in its message, the messages of its causes and its suppressed failures: a
 * step inside {@code withSeldon(exposeToken: true)} may fail with text that contains the token (e.g. a command line).
 * A one-line failure ({@link AbortException}) stays one, an interruption ({@link FlowInterruptedException}, e.g. an
 * abort or a timeout) stays one with its result and its causes of interruption (masked where they hold the token);
 * anything else keeps its stack trace.
 * Fields of a failure besides its message, cause and suppressed failures are not kept (Jenkins stores failures in the
 * build's records), so a masked failure is a copy of what Jenkins prints of it.
 */
final class MaskedFailure extends Exception {

    private static final long serialVersionUID = 1L;
    static final String MASK = "****";

    private MaskedFailure(String message) {
        super(message);
    }

    /** As the failure it stands for printed itself, whose class name its message starts with. */
    @Override
    public String toString() {
        return getMessage();
    }

    /**
     * {@code failure} itself when nothing Jenkins prints or shows of it holds a secret; else a copy of it with each
     * failure that holds one or leads to one (through causes and suppressed failures) replaced by a masked one.
     */
    static Throwable of(Throwable failure, Pattern secrets) {
        if (secrets.pattern().isEmpty()) {
            // An empty token (an authentication extension may give one), or one too short to mask, has an empty
            // pattern, which would match everywhere and put the mask between every two characters of every failure.
            return failure;
        }
        try {
            return new Chain(failure, secrets).masked();
        } catch (Throwable e) {
            // Jenkins would show the unmasked failure in place of one a handler cannot make (FailureHandler), and Groovy
            // code throws checked exceptions undeclared: nothing of the failure is shown rather than that.
            AbortException hidden = new AbortException(Messages.WithSeldonStep_failureNotShown(e.getClass().getName()));
            if (failure instanceof FlowInterruptedException interruption) {
                // Still an interruption with its result, so that retry and catchError treat it as one.
                try {
                    FlowInterruptedException copy = interruption(interruption, secrets);
                    copy.initCause(hidden);
                    return copy;
                } catch (Throwable again) {
                    return hidden;
                }
            }
            return hidden;
        }
    }

    /** A copy of {@code interruption} without cause or suppressed failures, its causes of interruption masked. */
    private static FlowInterruptedException interruption(FlowInterruptedException interruption, Pattern secrets) {
        List<CauseOfInterruption> causes = new ArrayList<>();
        for (CauseOfInterruption cause : interruption.getCauses()) {
            String description = cause.getShortDescription();
            // Only those that hold a secret: the timeout step recognises its own cause when it ends the block.
            causes.add(description != null && secrets.matcher(description).find()
                    ? new MaskedCause(secrets.matcher(description).replaceAll(MASK)) : cause);
        }
        return new FlowInterruptedException(interruption.getResult(), interruption.isActualInterruption(),
                causes.toArray(new CauseOfInterruption[0]));
    }

    /** A cause of interruption whose description held a secret. */
    private static final class MaskedCause extends CauseOfInterruption {
        private static final long serialVersionUID = 1L;
        private final String description;

        MaskedCause(String description) {
            this.description = description;
        }

        @Override
        public String getShortDescription() {
            return description;
        }
    }

    /**
     * The failures reachable from a failure, each read once (what a failure answers may change between two reads), and
     * walked without recursion: a chain may be thousands deep.
     */
    private static final class Chain {
        private final Throwable root;
        private final Pattern secrets;
        private final Map<Throwable, Link> links = new IdentityHashMap<>();

        /** A failure's cause and suppressed failures as read, and the failures that lead to it. */
        private static final class Link {
            final Throwable cause;
            final Throwable[] suppressed;
            final List<Throwable> from = new ArrayList<>();
            boolean exposing;
            Throwable copy;

            Link(Throwable failure) {
                this.cause = failure.getCause();
                this.suppressed = failure.getSuppressed();
            }
        }

        Chain(Throwable root, Pattern secrets) {
            this.root = root;
            this.secrets = secrets;
        }

        Throwable masked() {
            Deque<Throwable> toMark = new ArrayDeque<>();
            Deque<Throwable> toVisit = new ArrayDeque<>(List.of(root));
            links.put(root, new Link(root));
            while (!toVisit.isEmpty()) {
                Throwable failure = toVisit.poll();
                Link link = links.get(failure);
                if (mentions(failure)) {
                    toMark.add(failure);
                }
                List<Throwable> next = new ArrayList<>(List.of(link.suppressed));
                if (link.cause != null) {
                    next.add(link.cause);
                }
                for (Throwable t : next) {
                    Link l = links.get(t);
                    if (l == null) {
                        l = new Link(t);
                        links.put(t, l);
                        toVisit.add(t);
                    }
                    l.from.add(failure);
                }
            }
            while (!toMark.isEmpty()) {
                Link link = links.get(toMark.poll());
                if (!link.exposing) {
                    link.exposing = true;
                    toMark.addAll(link.from);
                }
            }
            if (!links.get(root).exposing) {
                return root;
            }
            links.forEach((failure, link) -> {
                if (link.exposing) {
                    link.copy = copy(failure);
                }
            });
            links.values().forEach(link -> {
                if (link.copy == null) {
                    return;
                }
                Throwable cause = link.cause == null ? null : resolve(link.cause);
                // A getCause() answering the failure itself, which Throwable refuses as a cause.
                if (cause != null && cause != link.copy) {
                    link.copy.initCause(cause);
                }
                // Unlike a cause, never the failure itself: Throwable refuses that (addSuppressed, readObject).
                for (Throwable s : link.suppressed) {
                    link.copy.addSuppressed(resolve(s));
                }
            });
            return links.get(root).copy;
        }

        private Throwable resolve(Throwable failure) {
            Link link = links.get(failure);
            return link.copy != null ? link.copy : failure;
        }

        /**
         * Whether what Jenkins prints or shows of the failure itself holds a secret: its description (which it prints
         * besides the frames), its message (a flow node's error shows it), or, for a class that prints itself (which
         * Jenkins then lets it do), what it prints.
         */
        private boolean mentions(Throwable failure) {
            if (secrets.matcher(String.valueOf(failure)).find() || holds(failure.getMessage())
                    || holds(failure.getLocalizedMessage())) {
                return true;
            }
            if (!printsItself(failure)) {
                return false;
            }
            // Into a string, as Jenkins' Functions.printThrowable does for such failures: the same text, without its
            // recursion over the chain (this walk already visits each failure once).
            StringWriter printed = new StringWriter();
            failure.printStackTrace(new PrintWriter(printed));
            return secrets.matcher(printed.toString()).find();
        }

        private boolean holds(String text) {
            return text != null && secrets.matcher(text).find();
        }

        private Throwable copy(Throwable failure) {
            Throwable copy;
            if (failure instanceof FlowInterruptedException interruption) {
                // Its message is made of its causes of interruption.
                copy = interruption(interruption, secrets);
            } else {
                String unmasked = failure.getMessage();
                String message = unmasked == null ? null : secrets.matcher(unmasked).replaceAll(MASK);
                copy = failure instanceof AbortException ? new AbortException(message)
                        // A failure masked before (nested blocks) already starts with its class name.
                        : new MaskedFailure(failure instanceof MaskedFailure ? message
                                : failure.getClass().getName() + (message == null ? "" : ": " + message));
            }
            copy.setStackTrace(failure.getStackTrace());
            return copy;
        }
    }

    private static boolean printsItself(Throwable failure) {
        try {
            return failure.getClass().getMethod("printStackTrace", PrintWriter.class).getDeclaringClass()
                    != Throwable.class;
        } catch (NoSuchMethodException e) {
            throw new AssertionError("Throwable has printStackTrace", e);
        }
    }
}
