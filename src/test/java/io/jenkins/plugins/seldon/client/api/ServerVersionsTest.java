package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Releases are ordered by their numbers, and what a server reported is remembered per server for a while. */
class ServerVersionsTest {

    private static final URI A = URI.create("https://a.example.com/seldon-deploy/api/v1alpha1");
    private static final URI B = URI.create("https://b.example.com/seldon-deploy/api/v1alpha1");

    @Test
    void releasesAreOrderedByMajorThenMinorThenPatch() {
        ServerVersion v205 = new ServerVersion(2, 0, 5);
        ServerVersion v210 = new ServerVersion(2, 1, 0);
        assertTrue(v210.compareTo(v205) > 0);
        assertTrue(v205.compareTo(v210) < 0);
        assertTrue(new ServerVersion(3, 0, 0).compareTo(new ServerVersion(2, 9, 9)) > 0);
        assertTrue(new ServerVersion(2, 1, 1).compareTo(v210) > 0);
        assertEquals(0, new ServerVersion(2, 1, 0).compareTo(v210));
        assertTrue(v210.isAtLeast(ServerVersion.MINIMUM_SUPPORTED));
        assertFalse(v205.isAtLeast(ServerVersion.MINIMUM_SUPPORTED));
        assertEquals("2.0.5", v205.toString());
    }

    @Test
    void aReleaseHasNoNegativeNumberButMayHaveZeros() {
        for (int[] negative : new int[][] {{-1, 0, 0}, {0, -1, 0}, {0, 0, -1}}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ServerVersion(negative[0], negative[1], negative[2]));
            assertEquals("Negative version " + negative[0] + "." + negative[1] + "." + negative[2], e.getMessage());
        }
        assertEquals("0.0", new ServerVersion(0, 0, 0).toString());
        assertEquals(new ServerVersion(0, 9, 0), ServerVersion.parse("0.9"));
    }

    @Test
    void whatAServerReportedIsKnownForTheTimeToLiveWhateverOtherServersReport() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        ServerVersions versions = new ServerVersions(clock, Duration.ofMinutes(10));
        versions.store(A, new ServerVersion(2, 4, 0));
        clock.advance(Duration.ofMinutes(6));
        versions.store(B, null);

        assertEquals(new ServerVersions.Known(new ServerVersion(2, 4, 0), Instant.parse("2026-01-01T10:00:00Z")),
                versions.lookup(A), "storing another server's version forgets no live one");
        assertEquals(new ServerVersions.Known(null, Instant.parse("2026-01-01T10:06:00Z")), versions.lookup(B));

        clock.advance(Duration.ofMinutes(4));
        assertNull(versions.lookup(A), "due a read after the time to live");
        assertEquals(new ServerVersions.Known(null, Instant.parse("2026-01-01T10:06:00Z")), versions.lookup(B));
    }

    @Test
    void theTimeToLiveMayBeZeroButNotNegative() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ServerVersions(clock, Duration.ofSeconds(-1)));
        assertEquals("The time to live must not be negative, got PT-1S", e.getMessage());
        ServerVersions never = new ServerVersions(clock, Duration.ZERO);
        never.store(A, new ServerVersion(2, 4, 0));
        assertNull(never.lookup(A));
    }
}
