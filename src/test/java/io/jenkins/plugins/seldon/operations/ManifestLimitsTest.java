package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Manifests are refused by size before any parser sees them, and parsing stops on an interrupt (the project's issue 7,
 * item 3: one 16 MB YAML scalar took quadratic time and ignored interrupts; JSON had no cap at all).
 */
class ManifestLimitsTest {

    private static final int LIMIT = Manifests.DEFAULT_MAX_BYTES;

    @AfterEach
    void clearProperties() {
        System.clearProperty(Manifests.MAX_BYTES_PROPERTY);
        System.clearProperty(Manifests.MAX_ALIAS_NODES_PROPERTY);
    }

    /** A valid manifest whose one scalar makes it {@code bytes} long. */
    private static String yamlOfSize(int bytes) {
        String head = "apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata: {name: iris}\nspec:\n  storageUri: ";
        return head + "x".repeat(bytes - head.length() - 1) + "\n";
    }

    private static String jsonOfSize(int bytes) {
        String head = "{\"kind\": \"Model\", \"spec\": {\"storageUri\": \"";
        return head + "x".repeat(bytes - head.length() - 3) + "\"}}";
    }

    @Test
    void yamlAndJsonOverTheLimitAreRefusedBeforeParsing() {
        for (String text : new String[] {yamlOfSize(LIMIT + 1), jsonOfSize(LIMIT + 1), yamlOfSize(16 * LIMIT)}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> Manifests.parseAll(text, "m"));
            assertTrue(e.getMessage().startsWith("m: the manifest is "), e.getMessage());
            assertTrue(e.getMessage().contains("; manifests over 1.0 MiB are refused before they are parsed."),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(" raise the limit with the system property"
                    + " io.jenkins.plugins.seldon.operations.Manifests.maxBytes on the Jenkins controller"),
                    e.getMessage());
            assertEquals(0, e.line(), "no parser saw it, so there is no position");
        }
    }

    @Test
    void theLimitCountsUtf8Bytes() throws Exception {
        String head = "a: ";
        String atLimit = head + "é".repeat((LIMIT - head.length()) / 2);
        assertEquals(1, Manifests.parseAll(atLimit, "m").size());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.parseAll(atLimit + "é", "m"));
        assertTrue(e.getMessage().startsWith("m: the manifest is 1.0 MiB; manifests over 1.0 MiB"), e.getMessage());
    }

    @Test
    void aSystemPropertyRaisesTheLimit() throws Exception {
        String text = yamlOfSize(LIMIT + 100);
        assertThrows(InvalidInputException.class, () -> Manifests.parseAll(text, "m"));
        System.setProperty(Manifests.MAX_BYTES_PROPERTY, String.valueOf(2 * LIMIT));
        assertEquals(1, Manifests.parseAll(text, "m").size());
        System.setProperty(Manifests.MAX_BYTES_PROPERTY, "not a number");
        assertThrows(InvalidInputException.class, () -> Manifests.parseAll(text, "m"));
    }

    private static String refusedAt(String text, int maxBytes) {
        return assertThrows(InvalidInputException.class, () -> Manifests.parseAll(text, "m", maxBytes, 10))
                .getMessage();
    }

    @Test
    void theRefusalSaysHowLargeInUtf8BytesAndReadableUnits() throws Exception {
        // One character of each UTF-8 length: 1 + 2 + 2 + 3 + 3 + 4 (a surrogate pair) bytes in 7 chars.
        assertTrue(refusedAt("\u007f\u0080\u07ff\u0800\uffff\ud83d\ude00", 10)
                .startsWith("m: the manifest is 15 bytes; manifests over 10 bytes are refused"));
        assertEquals(1, Manifests.parseAll("a: 1", "m", 4, 10).size(), "exactly at the limit is fine");
        // As many chars as the limit, but more bytes.
        assertTrue(refusedAt("a: é", 4).startsWith("m: the manifest is 5 bytes; manifests over 4 bytes"));
        // More chars than the limit: refused without counting.
        assertTrue(refusedAt("a: ééééé", 4).startsWith("m: the manifest is at least 8 bytes; manifests over 4"));
        assertTrue(refusedAt("a".repeat(1024), 1023).startsWith("m: the manifest is at least 1.0 KiB; manifests over"
                + " 1023 bytes"));
        assertTrue(refusedAt("a".repeat(1536), 1024).startsWith("m: the manifest is at least 1.5 KiB; manifests over"
                + " 1.0 KiB"));
        assertEquals("m: the manifest is empty", refusedAt(" ".repeat(10), 4), "blank text is empty, not too large");
    }

    @Test
    void theLimitsTakeOnlyPositiveSystemProperties() {
        System.setProperty(Manifests.MAX_BYTES_PROPERTY, "1");
        System.setProperty(Manifests.MAX_ALIAS_NODES_PROPERTY, "1");
        assertEquals(1, Manifests.maxBytes());
        assertEquals(1, Manifests.maxAliasNodes());
        System.setProperty(Manifests.MAX_BYTES_PROPERTY, "0");
        System.setProperty(Manifests.MAX_ALIAS_NODES_PROPERTY, "-5");
        assertEquals(LIMIT, Manifests.maxBytes());
        assertEquals(Manifests.DEFAULT_MAX_ALIAS_NODES, Manifests.maxAliasNodes());
    }

    @Test
    void aFileOfExactlyTheLimitIsReadWhole() throws IOException {
        System.setProperty(Manifests.MAX_BYTES_PROPERTY, "4");
        assertEquals("a: 1", Manifests.readText(new ByteArrayInputStream("a: 1".getBytes(StandardCharsets.UTF_8)), "m"));
        assertTrue(assertThrows(InvalidInputException.class, () -> Manifests.readText(
                new ByteArrayInputStream("a: 12".getBytes(StandardCharsets.UTF_8)), "m")).getMessage()
                .startsWith("m: the manifest is more than 4 bytes; manifests over 4 bytes"));
    }

    @Test
    void readingAFileStopsAtTheLimit() throws IOException {
        AtomicLong read = new AtomicLong();
        InputStream huge = new InputStream() {
            @Override
            public int read() {
                read.incrementAndGet();
                return 'x';
            }
        };
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.readText(new FilterInputStream(huge) {}, "deploy/huge.yaml"));
        assertTrue(e.getMessage().startsWith("deploy/huge.yaml: the manifest is more than 1.0 MiB; manifests over"),
                e.getMessage());
        assertEquals(LIMIT + 1, read.get(), "one byte past the limit is enough to know");

        byte[] bom = "\uFEFFa: 1\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("a: 1\n", Manifests.readText(new ByteArrayInputStream(bom), "m"));
        assertEquals("m: the manifest is not UTF-8 text", assertThrows(InvalidInputException.class,
                () -> Manifests.readText(new ByteArrayInputStream(new byte[] {'a', ':', (byte) 0xff}), "m"))
                .getMessage());
    }

    @Test
    void anInterruptStopsParsing() {
        String text = yamlOfSize(LIMIT - 10);
        Thread.currentThread().interrupt();
        try {
            assertThrows(InterruptedException.class, () -> Manifests.parseAll(text, "m"));
            assertFalse(Thread.currentThread().isInterrupted(), "the interrupt is reported, not left pending");
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aliasExpansionIsBounded() throws Exception {
        // "Billion laughs": each level has ten aliases of the previous one.
        StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 8; i++) {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                yaml.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.parseAll(yaml.toString(), "laughs.yaml"));
        assertTrue(e.getMessage().startsWith("laughs.yaml: invalid YAML at line 4, column "), e.getMessage());
        assertTrue(e.getMessage().contains("aliases expand to more than 10000 nodes in this text; raise the limit with"
                + " the system property io.jenkins.plugins.seldon.operations.Manifests.maxAliasNodes"), e.getMessage());

        System.setProperty(Manifests.MAX_ALIAS_NODES_PROPERTY, "20000");
        String three = "a: &a [1, 2]\nb: [*a, *a, *a]\n";
        assertEquals(3, Manifests.parseAll(three, "m").get(0).manifest().path("b").size());
        assertThrows(InvalidInputException.class, () -> Manifests.parseAll(three, "m", LIMIT, 8));
    }

    @Test
    void aliasBudgetIsSharedByAllDocuments() {
        String doc = "a: &a [1, 2, 3, 4]\nb: [*a, *a]\n---\n";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Manifests.parseAll(doc.repeat(3), "m", LIMIT, 25));
        assertTrue(e.getMessage().startsWith("m: invalid YAML at line 8, column "), e.getMessage());
    }

    @Test
    void nestingIsBounded() {
        String deep = "a: " + "[".repeat(Manifests.MAX_DEPTH + 1) + "]".repeat(Manifests.MAX_DEPTH + 1) + "\n";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Manifests.parseAll(deep, "m"));
        assertTrue(e.getMessage().endsWith(": nested more than 100 levels deep"), e.getMessage());
    }
}
