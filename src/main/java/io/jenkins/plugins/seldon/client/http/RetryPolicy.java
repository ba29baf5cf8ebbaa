package io.jenkins.plugins.seldon.client.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently the client retries calls that may succeed later: exponential backoff with jitter,
 * a server's {@code Retry-After} honoured up to a cap. Which calls are retried, after which failures, is the caller's
 * decision (reads and token requests only; writes only when they provably never left).
 *
 * @param maxAttempts attempts in all, the first included; 1 turns retries off
 * @param firstDelay the wait before the first retry; doubled for each further one, with jitter
 * @param maxDelay the longest backoff
 * @param maxRetryAfter the longest {@code Retry-After} the client waits for; a server asking for more is not retried
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration maxRetryAfter) {

    public static final String MAX_ATTEMPTS_PROPERTY = "io.jenkins.plugins.seldon.retry.maxAttempts";
    public static final String MAX_RETRY_AFTER_PROPERTY = "io.jenkins.plugins.seldon.retry.maxRetryAfterSeconds";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    // More attempts only add load to a server that is already struggling.
    private static final int MOST_ATTEMPTS = 10;
    public static final Duration DEFAULT_MAX_RETRY_AFTER = Duration.ofSeconds(30);

    public RetryPolicy {
        if (maxAttempts < 1 || maxAttempts > MOST_ATTEMPTS) {
            throw new IllegalArgumentException("maxAttempts must be between 1 and " + MOST_ATTEMPTS + ": " + maxAttempts);
        }
        if (firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("Delays must be non-negative, and maxDelay at least firstDelay");
        }
    }

    /** The defaults, or what {@value #MAX_ATTEMPTS_PROPERTY} and {@value #MAX_RETRY_AFTER_PROPERTY} say. */
    public static RetryPolicy fromSystemProperties() {
        long attempts = AnswerLimits.positive(MAX_ATTEMPTS_PROPERTY, DEFAULT_MAX_ATTEMPTS);
        long retryAfter = AnswerLimits.positive(MAX_RETRY_AFTER_PROPERTY, DEFAULT_MAX_RETRY_AFTER.toSeconds());
        return new RetryPolicy((int) Math.min(attempts, MOST_ATTEMPTS), Duration.ofSeconds(1), Duration.ofSeconds(8),
                Duration.ofSeconds(Math.min(retryAfter, Duration.ofHours(1).toSeconds())));
    }

    /** Never retries. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /**
     * How long to wait after attempt {@code failed} (1-based) before the next one.
     *
     * @param retryAfter what the server asked for, or {@code null}
     * @return the wait, or {@code null} when the server asked for longer than {@link #maxRetryAfter}
     */
    public Duration delay(int failed, Duration retryAfter) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long backoff = firstDelay.toMillis() << Math.min(failed - 1, 20);
        backoff = Math.min(backoff, maxDelay.toMillis());
        // Half fixed, half random: callers that failed together do not come back together.
        long jittered = backoff / 2 + random.nextLong(backoff / 2 + 1);
        if (retryAfter == null) {
            return Duration.ofMillis(jittered);
        }
        if (retryAfter.compareTo(maxRetryAfter) > 0) {
            return null;
        }
        long asked = retryAfter.toMillis();
        // Never earlier than asked; up to a tenth later, so that the callers the server turned away spread out.
        return Duration.ofMillis(Math.max(jittered, asked + random.nextLong(asked / 10 + 1)));
    }

    /**
     * Reads a {@code Retry-After} header: delay seconds or an HTTP date.
     *
     * @return how long the server asks to wait (zero for dates in the past), or {@code null} when absent or unusable
     */
    public static Duration retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String v = header.trim();
        if (v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // Longer than any cap; more digits would overflow.
            return v.length() > 9 ? Duration.ofSeconds(999_999_999) : Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
