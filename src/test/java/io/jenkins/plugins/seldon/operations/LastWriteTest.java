package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jenkins.plugins.seldon.testing.Equality;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LastWriteTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void equalWritesAreEqualAndEachPartCounts() {
        Equality.assertValueEquality(new LastWrite(LastWrite.Kind.CREATED, T0), new LastWrite(LastWrite.Kind.CREATED, T0),
                new LastWrite(LastWrite.Kind.UPDATED, T0), new LastWrite(LastWrite.Kind.CREATED, T0.plusMillis(1)));
    }

    @Test
    void keepsWhatAndWhen() {
        LastWrite w = new LastWrite(LastWrite.Kind.UPDATED, T0.plusMillis(7));
        assertEquals(LastWrite.Kind.UPDATED, w.kind());
        assertEquals(T0.plusMillis(7), w.at());
        assertEquals("UPDATED at 2026-01-01T00:00:00.007Z", w.toString());
    }
}
