package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import hudson.AbortException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Failures inside {@code withSeldon(exposeToken: true)} never carry the token, wherever it sits in them. (An
 * interruption cannot be made without a running Jenkins: that one carrying the token stays an interruption with its
 * result is shown by {@code SeldonStepsTest}, as is the masking of a failing step's log.)
 */
class MaskedFailureTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqZW5raW5zIn0.c2lnbmF0dXJl";
    private static final Pattern SECRETS = Pattern.compile(Pattern.quote(TOKEN));

    /**
     * What Jenkins prints and shows of a failure (Functions.printThrowable, a flow node's ErrorAction): a failure whose
     * class prints itself does so; of any other, its description, message and frames, then its cause and suppressed
     * failures.
     */
    private static String printed(Throwable t) {
        StringBuilder s = new StringBuilder();
        print(s, t, Collections.newSetFromMap(new IdentityHashMap<>()));
        return s.toString();
    }

    private static void print(StringBuilder s, Throwable t, Set<Throwable> seen) {
        if (!seen.add(t)) {
            return;
        }
        try {
            if (t.getClass().getMethod("printStackTrace", PrintWriter.class).getDeclaringClass() != Throwable.class) {
                StringWriter w = new StringWriter();
                t.printStackTrace(new PrintWriter(w));
                s.append(w);
                return;
            }
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        s.append(t).append(" / ").append(t.getMessage()).append('\n');
        for (StackTraceElement frame : t.getStackTrace()) {
            s.append("\tat ").append(frame).append('\n');
        }
        if (t.getCause() != null) {
            print(s, t.getCause(), seen);
        }
        for (Throwable suppressed : t.getSuppressed()) {
            print(s, suppressed, seen);
        }
    }

    @Test
    void causesAndSuppressedFailuresAreMaskedToo() {
        IOException cause = new IOException("sent " + TOKEN);
        RuntimeException outer = new RuntimeException("wrapper", cause);
        outer.addSuppressed(new IllegalStateException("also " + TOKEN));
        Throwable masked = MaskedFailure.of(outer, SECRETS);
        String text = printed(masked);
        assertFalse(text.contains(TOKEN), text);
        assertTrue(printed(outer).contains(TOKEN));
        assertEquals("java.lang.RuntimeException: wrapper", masked.getMessage());
        assertEquals("java.lang.RuntimeException: wrapper", masked.toString());
        assertEquals("java.io.IOException: sent ****", masked.getCause().getMessage());
        assertEquals("java.lang.IllegalStateException: also ****", masked.getSuppressed()[0].getMessage());
        assertEquals(outer.getStackTrace().length, masked.getStackTrace().length);
    }

    @Test
    void aOneLineFailureStaysOne() {
        Throwable masked = MaskedFailure.of(new AbortException("curl -H 'Authorization: Bearer " + TOKEN + "'"), SECRETS);
        assertInstanceOf(AbortException.class, masked);
        assertEquals("curl -H 'Authorization: Bearer ****'", masked.getMessage());
    }

    @Test
    void aFailureWithoutTheTokenIsLeftAlone() {
        IOException plain = new IOException("connection refused", new IllegalStateException("closed"));
        assertSame(plain, MaskedFailure.of(plain, SECRETS));
    }

    @Test
    void aCycleOfCausesEnds() {
        IOException a = new IOException("a " + TOKEN);
        IOException b = new IOException("b", a);
        a.initCause(b);
        Throwable masked = MaskedFailure.of(b, SECRETS);
        assertFalse(printed(masked).contains(TOKEN));
        assertSame(masked, masked.getCause().getCause());
    }

    @Test
    void aFailureThatPrintsTheTokenItselfIsReplaced() {
        // Jenkins lets such a failure print itself (Functions.printThrowable); its description has no token.
        IOException printsToken = new IOException("refused") {
            @Override
            public void printStackTrace(PrintWriter s) {
                s.println("refused with " + TOKEN);
            }
        };
        RuntimeException outer = new RuntimeException("wrapper", printsToken);
        assertTrue(printed(outer).contains(TOKEN));
        Throwable masked = MaskedFailure.of(outer, SECRETS);
        assertEquals(printsToken.getClass().getName() + ": refused", masked.getCause().getMessage());
        assertFalse(printed(masked).contains(TOKEN), printed(masked));
    }

    @Test
    void aFailureThatPrintsItselfWithoutTheTokenIsLeftAlone() {
        IOException printsItself = new IOException("refused") {
            @Override
            public void printStackTrace(PrintWriter s) {
                s.println("refused, and nothing else");
            }
        };
        assertSame(printsItself, MaskedFailure.of(printsItself, SECRETS));
    }

    @Test
    void aTokenInTheMessageIsMaskedWhereTheDescriptionHidesIt() {
        // A flow node's error shows the message (ErrorAction), whatever the description says.
        IOException hides = new IOException("sent " + TOKEN) {
            @Override
            public String toString() {
                return "a failure";
            }
        };
        Throwable masked = MaskedFailure.of(hides, SECRETS);
        assertEquals(hides.getClass().getName() + ": sent ****", masked.getMessage());
    }

    @Test
    void aFailureWhoseCauseIsItselfIsMasked() {
        IOException selfCaused = new IOException("sent " + TOKEN) {
            @Override
            public synchronized Throwable getCause() {
                return this;
            }
        };
        Throwable masked = MaskedFailure.of(selfCaused, SECRETS);
        assertEquals(selfCaused.getClass().getName() + ": sent ****", masked.getMessage());
        assertNull(masked.getCause());
    }

    @Test
    void aTokenDeepInAVeryLongChainMasksEveryFailureAboveIt() throws Exception {
        int depth = 10_000;
        Throwable deep = new IOException("sent " + TOKEN);
        for (int i = 0; i < depth; i++) {
            deep = new RuntimeException("level " + i, deep);
        }
        Throwable failure = deep;
        // On a thread with a small stack, where one frame per failure of the chain would overflow it.
        AtomicReference<Throwable> result = new AtomicReference<>();
        Thread small = new Thread(null, () -> result.set(MaskedFailure.of(failure, SECRETS)), "small stack", 128 * 1024);
        small.start();
        small.join();
        Throwable masked = result.get();
        int copied = 0;
        for (Throwable original = failure, copy = masked; original != null;
                original = original.getCause(), copy = copy.getCause()) {
            assertNotSame(original, copy);
            assertEquals(original.getClass().getName() + ": " + original.getMessage().replace(TOKEN, "****"),
                    copy.getMessage());
            copied++;
        }
        assertEquals(depth + 1, copied);
    }

    @Test
    void aTokenInASuppressedFailureOfACauseMasksTheWayToIt() {
        IOException cause = new IOException("closing failed");
        cause.addSuppressed(new IllegalStateException("with " + TOKEN));
        RuntimeException outer = new RuntimeException("wrapper", cause);
        outer.addSuppressed(new IllegalStateException("unrelated"));
        Throwable masked = MaskedFailure.of(outer, SECRETS);
        assertNotSame(cause, masked.getCause());
        assertEquals("java.lang.IllegalStateException: with ****", masked.getCause().getSuppressed()[0].getMessage());
        // What leads to no token is kept as it is.
        assertSame(outer.getSuppressed()[0], masked.getSuppressed()[0]);
        assertFalse(printed(masked).contains(TOKEN));
    }

    @Test
    void aFailureThatCannotBeCheckedIsNotShownAtAll() {
        IOException unreadable = new IOException("sent " + TOKEN) {
            @Override
            public String getMessage() {
                throw new IllegalStateException(TOKEN);
            }
        };
        Throwable masked = MaskedFailure.of(new RuntimeException("wrapper", unreadable), SECRETS);
        assertInstanceOf(AbortException.class, masked);
        assertTrue(masked.getMessage().contains("java.lang.IllegalStateException"), masked.getMessage());
        assertFalse(masked.getMessage().contains(TOKEN));
    }

    @Test
    void aFailureThatThrowsACheckedExceptionUndeclaredIsNotShownAtAll() {
        // As Groovy code can: a checked exception nobody declared.
        IOException unreadable = new IOException("sent " + TOKEN) {
            @Override
            public String getMessage() {
                throw MaskedFailureTest.<RuntimeException>undeclared(new IOException("refused " + TOKEN));
            }
        };
        Throwable masked = MaskedFailure.of(unreadable, SECRETS);
        assertInstanceOf(AbortException.class, masked);
        assertTrue(masked.getMessage().contains("java.io.IOException"), masked.getMessage());
        assertFalse(masked.getMessage().contains(TOKEN));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E undeclared(Throwable t) throws E {
        throw (E) t;
    }

    /** The fixed one-line failure that stands for one that could not be checked or masked: nothing of it shows. */
    private static void assertNotShown(Throwable masked, Class<? extends Throwable> why) {
        assertInstanceOf(AbortException.class, masked);
        assertEquals(Messages.WithSeldonStep_failureNotShown(why.getName()), masked.getMessage());
        assertNull(masked.getCause());
        assertEquals(0, masked.getSuppressed().length);
    }

    @Test
    void aFailureWhoseCauseCannotBeReadIsNotShownAtAll() {
        // The root's links are read before any other failure is reached.
        IOException unreadable = new IOException("sent " + TOKEN) {
            @Override
            public synchronized Throwable getCause() {
                throw new IllegalStateException(TOKEN);
            }
        };
        assertNotShown(MaskedFailure.of(unreadable, SECRETS), IllegalStateException.class);
    }

    @Test
    void aCauseWhoseCauseCannotBeReadHidesTheWholeFailure() {
        // Reached through a suppressed failure of the root's cause, after the token was found in that cause.
        IOException unreadable = new IOException("closing failed") {
            @Override
            public synchronized Throwable getCause() {
                throw new UnsupportedOperationException();
            }
        };
        IOException cause = new IOException("sent " + TOKEN);
        cause.addSuppressed(unreadable);
        RuntimeException outer = new RuntimeException("wrapper", cause);
        assertNotShown(MaskedFailure.of(outer, SECRETS), UnsupportedOperationException.class);
    }

    @Test
    void aCauseThatChangesBetweenReadsIsReadOnce() {
        IOException sent = new IOException("sent " + TOKEN);
        AtomicInteger reads = new AtomicInteger();
        IOException changing = new IOException("wrapper") {
            @Override
            public synchronized Throwable getCause() {
                return reads.getAndIncrement() == 0 ? sent : null;
            }
        };
        Throwable masked = MaskedFailure.of(changing, SECRETS);
        assertEquals(1, reads.get());
        // Masked as it was read: the copy leads to the masked cause that the first read answered.
        assertEquals("java.io.IOException: sent ****", masked.getCause().getMessage());
    }

    @Test
    void aStackTraceThatBreaksThrowablesContractHidesTheFailure() {
        // Throwable never answers null nor holds null (setStackTrace refuses both); a subclass can. Copying such a
        // trace fails, and the failure is then not shown, never shown unmasked.
        IOException noTrace = new IOException("sent " + TOKEN) {
            @Override
            public StackTraceElement[] getStackTrace() {
                return null;
            }
        };
        assertNotShown(MaskedFailure.of(noTrace, SECRETS), NullPointerException.class);
        IOException nullFrame = new IOException("sent " + TOKEN) {
            @Override
            public StackTraceElement[] getStackTrace() {
                return new StackTraceElement[] {null};
            }
        };
        assertNotShown(MaskedFailure.of(new RuntimeException("wrapper", nullFrame), SECRETS),
                NullPointerException.class);
    }

    @Test
    void anEmptyPatternMasksNothing() {
        // What SecretPatterns makes of an empty token; it matches everywhere.
        IOException plain = new IOException("connection refused", new IllegalStateException("closed"));
        assertSame(plain, MaskedFailure.of(plain, Pattern.compile("")));
    }

    @Test
    void aFailureMaskedTwiceReadsAsMaskedOnce() {
        // Nested blocks, each exposing a token of its own: the inner block's failure is masked again by the outer.
        String other = "eyJhbGciOiJFUzI1NiJ9.b3RoZXI.c2ln";
        Throwable inner = MaskedFailure.of(new IOException("sent " + TOKEN + " and " + other), SECRETS);
        Throwable outer = MaskedFailure.of(inner, Pattern.compile(Pattern.quote(other)));
        assertEquals("java.io.IOException: sent **** and ****", outer.getMessage());
    }

    @Test
    void aTokenInTheLocalizedMessageAloneIsMasked() {
        IOException localized = new IOException("sent a token") {
            @Override
            public String getLocalizedMessage() {
                return "sent " + TOKEN;
            }

            @Override
            public String toString() {
                return "a failure";
            }
        };
        Throwable masked = MaskedFailure.of(localized, SECRETS);
        assertNotSame(localized, masked);
        assertFalse(printed(masked).contains(TOKEN));
    }
}
