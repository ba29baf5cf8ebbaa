package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How long the client waits before trying again, and how many times. */
class RetryPolicyTest {

    private static final Duration S1 = Duration.ofSeconds(1);
    private static final Duration S8 = Duration.ofSeconds(8);
    private static final Duration S30 = Duration.ofSeconds(30);

    @AfterEach
    void clear() {
        System.clearProperty(RetryPolicy.MAX_ATTEMPTS_PROPERTY);
        System.clearProperty(RetryPolicy.MAX_RETRY_AFTER_PROPERTY);
    }

    @Test
    void attemptsAreBetweenOneAndTenAndDelaysOrdered() {
        new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        new RetryPolicy(10, S1, S1, Duration.ZERO);
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, S1, S8, S30));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(11, S1, S8, S30)).getMessage()
                .contains("between 1 and 10: 11"));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, Duration.ofMillis(-1), S8, S30));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, S8, S1, S30));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(3, S1, S8, Duration.ofMillis(-1)));
    }

    @Test
    void theDefaultsAndTheSystemProperties() {
        assertEquals(new RetryPolicy(3, S1, S8, S30), RetryPolicy.fromSystemProperties());
        System.setProperty(RetryPolicy.MAX_ATTEMPTS_PROPERTY, "5");
        System.setProperty(RetryPolicy.MAX_RETRY_AFTER_PROPERTY, "120");
        assertEquals(new RetryPolicy(5, S1, S8, Duration.ofMinutes(2)), RetryPolicy.fromSystemProperties());
        // More attempts only add load; a server's wait of more than an hour is never honoured.
        System.setProperty(RetryPolicy.MAX_ATTEMPTS_PROPERTY, "50");
        System.setProperty(RetryPolicy.MAX_RETRY_AFTER_PROPERTY, "86400");
        assertEquals(new RetryPolicy(10, S1, S8, Duration.ofHours(1)), RetryPolicy.fromSystemProperties());
        assertEquals(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO), RetryPolicy.none());
    }

    @Test
    void backoffDoublesUpToItsLimitHalfFixedHalfRandom() {
        RetryPolicy p = new RetryPolicy(10, S1, S8, S30);
        long[] ceilings = {1000, 2000, 4000, 8000, 8000, 8000};
        for (int failed = 1; failed <= ceilings.length; failed++) {
            long min = Long.MAX_VALUE;
            long max = 0;
            for (int i = 0; i < 300; i++) {
                long d = p.delay(failed, null).toMillis();
                min = Math.min(min, d);
                max = Math.max(max, d);
            }
            long ceiling = ceilings[failed - 1];
            assertTrue(min >= ceiling / 2 && max <= ceiling, failed + ": " + min + ".." + max);
            assertTrue(max > min, "jittered");
        }
        // Far beyond the limit, without the shift overflowing.
        long late = p.delay(64, null).toMillis();
        assertTrue(late >= 4000 && late <= 8000, String.valueOf(late));
        assertEquals(Duration.ZERO, RetryPolicy.none().delay(1, null));
    }

    @Test
    void aServersRetryAfterIsHonouredNeverEarlierAndUpToATenthLaterOrRefusedBeyondTheLimit() {
        RetryPolicy p = new RetryPolicy(3, S1, S8, S30);
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int i = 0; i < 300; i++) {
            long d = p.delay(1, Duration.ofSeconds(20)).toMillis();
            min = Math.min(min, d);
            max = Math.max(max, d);
        }
        assertTrue(min >= 20_000 && max <= 22_000 && max > min, min + ".." + max);
        assertTrue(p.delay(1, S30).toMillis() >= 30_000, "exactly the limit is still honoured");
        assertNull(p.delay(1, S30.plusMillis(1)));
        // A short Retry-After never cuts the backoff short.
        long d = p.delay(3, Duration.ofMillis(5)).toMillis();
        assertTrue(d >= 2000 && d <= 4000, String.valueOf(d));
        assertEquals(Duration.ofMillis(9), new RetryPolicy(3, Duration.ZERO, Duration.ZERO, S30)
                .delay(1, Duration.ofMillis(9)), "under 10 ms nothing is added");
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        assertNull(RetryPolicy.retryAfter(null, now));
        assertNull(RetryPolicy.retryAfter("  ", now));
        assertEquals(Duration.ofSeconds(120), RetryPolicy.retryAfter(" 120 ", now));
        assertEquals(Duration.ZERO, RetryPolicy.retryAfter("0", now));
        assertEquals(Duration.ofSeconds(999_999_999), RetryPolicy.retryAfter("9".repeat(10), now));
        assertEquals(Duration.ofSeconds(999_999_999L), RetryPolicy.retryAfter("999999999", now));
        assertEquals(Duration.ofSeconds(100_000_000L), RetryPolicy.retryAfter("100000000", now), "nine digits are read");
        assertEquals(Duration.ofSeconds(90), RetryPolicy.retryAfter("Mon, 30 Nov 2026 12:01:30 GMT", now));
        assertEquals(Duration.ZERO, RetryPolicy.retryAfter("Mon, 30 Nov 2026 11:59:00 GMT", now));
        assertEquals(Duration.ZERO, RetryPolicy.retryAfter("Mon, 30 Nov 2026 12:00:00 GMT", now));
        assertNull(RetryPolicy.retryAfter("-5", now));
        assertNull(RetryPolicy.retryAfter("soon", now));
    }
}
