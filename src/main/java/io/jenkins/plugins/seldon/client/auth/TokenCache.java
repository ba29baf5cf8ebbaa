package io.jenkins.plugins.seldon.client.auth;

import java.time.Clock;
import java.time.Duration;

/** Tokens shared by all jobs of a JVM, keyed by the principal and a keyed hash of its proofs. Thread-safe. */
public final class TokenCache {

    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(30);

    private final Clock clock;
    private final Duration refreshMargin;

    public TokenCache() {
        this(Clock.systemUTC(), DEFAULT_REFRESH_MARGIN);
    }

    public TokenCache(Clock clock, Duration refreshMargin) {
        this.clock = clock;
        this.refreshMargin = refreshMargin;
    }

    public void clear() {
    }
}
