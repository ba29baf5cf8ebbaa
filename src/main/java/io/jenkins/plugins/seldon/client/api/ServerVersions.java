package io.jenkins.plugins.seldon.client.api;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What {@code GET /version} said, per server (keyed by its API URL) and for a limited time, so that a build does not
 * ask again before every request and still notices an upgrade within {@link #DEFAULT_TIME_TO_LIVE}. A version that
 * could not be read or understood is remembered as unknown for as long: the requests are then sent and the server
 * decides. Thread-safe.
 */
public final class ServerVersions {

    /** How long an answer is trusted: servers get upgraded, rarely in the middle of a build. */
    public static final Duration DEFAULT_TIME_TO_LIVE = Duration.ofMinutes(10);

    private static final ServerVersions SHARED = new ServerVersions(Clock.systemUTC(), DEFAULT_TIME_TO_LIVE);

    /** What is known about one server; {@code version} is {@code null} when it is unknown. */
    public record Known(ServerVersion version, Instant readAt) {}

    private final Clock clock;
    private final Duration timeToLive;
    private final Map<URI, Known> known = new ConcurrentHashMap<>();

    public ServerVersions(Clock clock, Duration timeToLive) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (timeToLive.isNegative()) {
            throw new IllegalArgumentException("The time to live must not be negative, got " + timeToLive);
        }
        this.timeToLive = timeToLive;
    }

    /** The cache every client shares unless given its own. */
    public static ServerVersions shared() {
        return SHARED;
    }

    /** What was read from {@code apiUrl} less than the time to live ago, or {@code null} when it is due a read. */
    public Known lookup(URI apiUrl) {
        Known k = known.get(apiUrl);
        return k != null && clock.instant().isBefore(k.readAt().plus(timeToLive)) ? k : null;
    }

    /** Remembers what {@code apiUrl} reported; {@code version} is {@code null} when it could not be read. */
    public void store(URI apiUrl, ServerVersion version) {
        Instant now = clock.instant();
        // Expired entries go, so that the map stays as small as the set of servers in use.
        known.values().removeIf(k -> !now.isBefore(k.readAt().plus(timeToLive)));
        known.put(apiUrl, new Known(version, now));
    }
}
