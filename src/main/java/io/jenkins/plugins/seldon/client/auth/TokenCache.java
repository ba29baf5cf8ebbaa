package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.http.Futures;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens shared by all jobs of a JVM, and gateway sessions likewise. A token is keyed by everything that identifies
 * its principal (endpoint, client id, grant, user, what is requested) and by a keyed hash of the proofs (client secret
 * or key, password, the refresh token as configured), so that a job presenting a wrong secret for the same client id
 * never receives another job's token. The hash key is random per cache, so the hashes are useless outside this JVM.
 * Tokens are reused until shortly before they expire; concurrent callers needing the same token wait for one request
 * instead of each sending one, and that request is cancelled when the last of them stops waiting (never while another
 * still waits).
 * <p>
 * The cache also keeps, per refresh-token principal, the newest refresh token the provider returned: providers that
 * rotate refresh tokens may revoke the one used, so the next refresh must use the new one. These live in memory only,
 * and are kept as long as the cache (a principal whose configured refresh token changes is another principal).
 * Thread-safe.
 */
public final class TokenCache {

    private static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(30);

    // Only a flood of distinct principals gets here; then expired entries are dropped.
    private static final int PRUNE_ABOVE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration refreshMargin;
    private final Shared shared;
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final OidcDiscovery discovery = new OidcDiscovery();

    /**
     * What a cache shares with its {@link #fresh()} views: the hash key, so that a principal has the same key in each,
     * and the newest refresh tokens.
     */
    private static final class Shared {
        final byte[] hmacKey = new byte[32];
        final Map<Key, SecretText> refreshTokens = new ConcurrentHashMap<>();

        Shared() {
            RANDOM.nextBytes(hmacKey);
        }
    }

    /** The system clock and a refresh margin of 30 seconds. */
    public TokenCache() {
        this(Clock.systemUTC(), DEFAULT_REFRESH_MARGIN);
    }

    /**
     * @param refreshMargin how long before its expiry a token is replaced; at most half a token's lifetime is used,
     *     so that short-lived tokens are still reused
     */
    public TokenCache(Clock clock, Duration refreshMargin) {
        this(clock, refreshMargin, new Shared());
    }

    private TokenCache(Clock clock, Duration refreshMargin, Shared shared) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshMargin = refreshMargin == null || refreshMargin.isNegative() ? Duration.ZERO : refreshMargin;
        this.shared = shared;
    }

    /**
     * A cache that holds no token yet, for a caller that must ask the provider (e.g. testing a configuration), but
     * shares this cache's newest refresh tokens: the configured one may have been used and revoked already.
     */
    public TokenCache fresh() {
        return new TokenCache(clock, refreshMargin, shared);
    }

    /** Forgets every token and every discovered provider configuration; refresh tokens stay (see above). */
    public void clear() {
        slots.clear();
        discovery.clear();
    }

    /** How many principals the cache holds, fresh or not. */
    int size() {
        return slots.size();
    }

    Clock clock() {
        return clock;
    }

    OidcDiscovery discovery() {
        return discovery;
    }

    /** Starts fetching a token; at most one fetch per key runs at a time. */
    @FunctionalInterface
    interface TokenSource {
        /**
         * @param retries told about retries of the fetch: reaches every caller waiting for it
         * @return the token; cancelling the future must abandon the fetch
         */
        CompletableFuture<AuthHeader> fetch(RetryListener retries);
    }

    /**
     * Identifies a principal, what its token is requested for, its proofs, and how the provider is reached (a token
     * fetched with verification off must not serve a job that verifies). A gateway session has no client id, grant or
     * request. Never prints the proof hash.
     *
     * @param request what the token request asks for besides the principal: scope, audience, resource
     */
    record Key(String endpoint, TlsSettings tls, String clientId, OidcGrant grant, String user, String request,
            String proofHash) {
        @Override
        public String toString() {
            return (grant == null ? "session" : grant.wireName() + " " + clientId) + (user == null ? "" : "/" + user)
                    + " at " + endpoint;
        }
    }

    Key key(String endpoint, TlsSettings tls, String clientId, OidcGrant grant, String user, String request,
            SecretText... proofs) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(shared.hmacKey, "HmacSHA256"));
            for (SecretText proof : proofs) {
                // A fixed-width length before each proof, so that ("ab", "c") and ("a", "bc") differ; no proof is
                // empty, so length 0 stands for a missing one.
                byte[] bytes = proof == null ? new byte[0] : proof.reveal().getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                mac.update(bytes);
            }
            String hash = Base64.getEncoder().encodeToString(mac.doFinal());
            return new Key(endpoint, tls, clientId, grant, user, request, hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /**
     * The cached token for {@code key} while it is fresh, else a new one from {@code source}, shared with every caller
     * that asks for the same key meanwhile. Cancelling the returned future stops this caller's wait; the fetch is
     * cancelled when no caller waits for it any more.
     *
     * @param retries told about retries of the fetch while this caller waits for it
     */
    CompletableFuture<AuthHeader> get(Key key, TokenSource source, RetryListener retries) {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        Flight flight;
        boolean start = false;
        synchronized (slot) {
            if (fresh(slot.entry)) {
                return CompletableFuture.completedFuture(slot.entry.header);
            }
            flight = slot.flight;
            if (flight == null) {
                flight = new Flight();
                slot.flight = flight;
                start = true;
            }
            flight.waiters.add(retries);
        }
        Flight f = flight;
        CompletableFuture<AuthHeader> mine = new CompletableFuture<>();
        f.result.whenComplete((h, e) -> Futures.complete(mine, h, e));
        mine.whenComplete((h, e) -> {
            if (!f.result.isDone()) {
                leave(slot, f, retries);
            }
        });
        if (start) {
            launch(slot, f, source);
        }
        return mine;
    }

    private void launch(Slot slot, Flight f, TokenSource source) {
        CompletableFuture<AuthHeader> fetch;
        try {
            fetch = source.fetch(f::retrying);
        } catch (RuntimeException e) {
            fetch = CompletableFuture.failedFuture(e);
        }
        f.fetch = fetch;
        fetch.whenComplete((h, e) -> finish(slot, f, h, e));
        // Every caller may have left while the fetch was being started.
        if (f.result.isDone()) {
            fetch.cancel(true);
        }
    }

    private void finish(Slot slot, Flight f, AuthHeader header, Throwable failure) {
        synchronized (slot) {
            if (slot.flight == f) {
                slot.flight = null;
            }
            if (failure == null) {
                Entry fetched = new Entry(header, refreshAt(header));
                // A token fetched later that lives longer stays: the newest token wins, whatever finishes last.
                if (slot.entry == null || !slot.entry.refreshAt.isAfter(fetched.refreshAt)) {
                    slot.entry = fetched;
                }
            }
        }
        Futures.complete(f.result, header, failure);
        if (slots.size() > PRUNE_ABOVE) {
            // A slot with a fetch in flight stays: dropping it would let a second caller fetch the same token.
            slots.values().removeIf(Slot::idle);
        }
    }

    /** One caller stopped waiting; the last one to leave cancels the fetch. */
    private static void leave(Slot slot, Flight f, RetryListener retries) {
        boolean abandoned;
        synchronized (slot) {
            f.waiters.remove(retries);
            abandoned = f.waiters.isEmpty();
            if (abandoned && slot.flight == f) {
                slot.flight = null;
            }
        }
        if (abandoned) {
            f.result.cancel(true);
            CompletableFuture<AuthHeader> fetch = f.fetch;
            if (fetch != null) {
                fetch.cancel(true);
            }
        }
    }

    /** Drops {@code rejected} if it is still the cached token for {@code key}; a newer token stays. */
    void invalidate(Key key, AuthHeader rejected) {
        Slot slot = slots.get(key);
        if (slot != null) {
            synchronized (slot) {
                if (slot.entry != null && slot.entry.header.value().equals(rejected.value())) {
                    slot.entry = null;
                }
            }
        }
    }

    /** The newest refresh token the provider returned for {@code key}, else {@code configured}. */
    SecretText refreshToken(Key key, SecretText configured) {
        SecretText newest = shared.refreshTokens.get(key);
        return newest != null ? newest : configured;
    }

    /** Keeps the refresh token the provider just returned for {@code key}, for the next refresh. */
    void rotated(Key key, SecretText newest) {
        shared.refreshTokens.put(key, newest);
    }

    /**
     * Forgets the kept refresh token after the provider refused it, so that the next attempt starts again from the
     * configured one; a newer one kept meanwhile stays.
     */
    void refused(Key key, SecretText refused) {
        shared.refreshTokens.remove(key, refused);
    }

    private boolean fresh(Entry e) {
        return e != null && clock.instant().isBefore(e.refreshAt);
    }

    private Instant refreshAt(AuthHeader header) {
        Instant now = clock.instant();
        Instant expires = header.expiresAt() == null ? now : header.expiresAt();
        Duration lifetime = Duration.between(now, expires);
        Duration margin = refreshMargin.compareTo(lifetime.dividedBy(2)) > 0 ? lifetime.dividedBy(2) : refreshMargin;
        return expires.minus(margin);
    }

    /** One principal's token and the fetch of its next one. */
    private final class Slot {
        // Guarded by this.
        Entry entry;
        Flight flight;

        synchronized boolean idle() {
            return flight == null && !fresh(entry);
        }
    }

    /** One fetch in flight and the callers waiting for it. */
    private static final class Flight {
        final CompletableFuture<AuthHeader> result = new CompletableFuture<>();
        // Changed under the slot's lock; a caller's listener stands for the caller.
        final List<RetryListener> waiters = new CopyOnWriteArrayList<>();
        volatile CompletableFuture<AuthHeader> fetch;

        void retrying(RetryListener.Retry retry) {
            waiters.forEach(l -> l.retrying(retry));
        }
    }

    private record Entry(AuthHeader header, Instant refreshAt) {}
}
