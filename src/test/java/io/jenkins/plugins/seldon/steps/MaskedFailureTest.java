package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Failures inside {@code withSeldon(exposeToken: true)} never carry the token, wherever it sits in them. (That a
 * one-line failure stays one is shown in a running Jenkins: {@code SeldonStepsTest}.)
 */
class MaskedFailureTest {

    private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqZW5raW5zIn0.c2lnbmF0dXJl";
    private static final Pattern SECRETS = Pattern.compile(Pattern.quote(TOKEN));

    private static String printed(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    @Test
    void causesAndSuppressedFailuresAreMaskedToo() {
        IOException cause = new IOException("sent " + TOKEN);
        RuntimeException outer = new RuntimeException("wrapper", cause);
        outer.addSuppressed(new IllegalStateException("also " + TOKEN));
        Throwable masked = MaskedFailure.of(outer, SECRETS);
        String text = printed(masked);
        assertFalse(text.contains(TOKEN), text);
        assertEquals("java.lang.RuntimeException: wrapper", masked.getMessage());
        assertEquals("java.io.IOException: sent ****", masked.getCause().getMessage());
        assertEquals("java.lang.IllegalStateException: also ****", masked.getSuppressed()[0].getMessage());
        assertEquals(outer.getStackTrace().length, masked.getStackTrace().length);
    }

    @Test
    void aFailureWithoutTheTokenIsLeftAlone() {
        IOException plain = new IOException("connection refused");
        assertSame(plain, MaskedFailure.of(plain, SECRETS));
    }

    @Test
    void aCycleOfCausesEnds() {
        IOException a = new IOException("a " + TOKEN);
        IOException b = new IOException("b", a);
        a.initCause(b);
        Throwable masked = MaskedFailure.of(b, SECRETS);
        assertFalse(printed(masked).contains(TOKEN));
    }

    @Test
    void aFailureThatPrintsItselfIsReplacedSinceWhatItPrintsCannotBeChecked() {
        // Jenkins prints such a failure with its own printStackTrace (Functions.printThrowable).
        IOException printsToken = new IOException("refused") {
            @Override
            public void printStackTrace(PrintWriter s) {
                s.println("refused with " + TOKEN);
            }
        };
        RuntimeException outer = new RuntimeException("wrapper", printsToken);
        Throwable masked = MaskedFailure.of(outer, SECRETS);
        assertNotSame(outer, masked);
        assertEquals(printsToken.getClass().getName() + ": refused", masked.getCause().getMessage());
        assertFalse(printed(masked).contains(TOKEN), printed(masked));
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
        assertEquals(null, masked.getCause());
    }

    @Test
    void aTokenDeepInALongChainMasksEveryFailureAboveIt() {
        Throwable failure = new IOException("sent " + TOKEN);
        for (int i = 0; i < 500; i++) {
            failure = new RuntimeException("level " + i, failure);
        }
        Throwable masked = MaskedFailure.of(failure, SECRETS);
        int depth = 0;
        for (Throwable original = failure, copy = masked; original != null;
                original = original.getCause(), copy = copy.getCause()) {
            assertNotSame(original, copy);
            assertEquals(original.getClass().getName() + ": " + original.getMessage().replace(TOKEN, "****"),
                    copy.getMessage());
            depth++;
        }
        assertEquals(501, depth);
        assertFalse(printed(masked).contains(TOKEN));
    }

    @Test
    void aTokenInASuppressedFailureOfACauseMasksTheWayToIt() {
        IOException cause = new IOException("closing failed");
        cause.addSuppressed(new IllegalStateException("with " + TOKEN));
        RuntimeException outer = new RuntimeException("wrapper", cause);
        Throwable masked = MaskedFailure.of(outer, SECRETS);
        assertNotSame(cause, masked.getCause());
        assertEquals("java.lang.IllegalStateException: with ****",
                masked.getCause().getSuppressed()[0].getMessage());
        assertFalse(printed(masked).contains(TOKEN));
    }
}
