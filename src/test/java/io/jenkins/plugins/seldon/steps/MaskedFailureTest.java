package io.jenkins.plugins.seldon.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
