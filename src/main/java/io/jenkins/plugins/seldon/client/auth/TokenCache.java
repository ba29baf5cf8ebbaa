package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tokens shared by all jobs of a JVM. A token is keyed by everything that identifies its principal (endpoint, client
 * id, grant, user, scope) and by a keyed hash of the proofs (client secret, password), so that a job presenting a wrong
 * secret for the same client id never receives another job's token. The hash key is random per cache, so the hashes
 * are useless outside this JVM. Tokens are reused until shortly before they expire; concurrent callers needing the
 * same token wait for one request instead of each sending one. Thread-safe.
 */
public final class TokenCache {

    private static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofSeconds(30);

    // Only a flood of distinct principals gets here; then expired entries are dropped.
    private static final int PRUNE_ABOVE = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Duration refreshMargin;
    private final byte[] hmacKey = new byte[32];
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private final OidcDiscovery discovery = new OidcDiscovery();

    /** The system clock and a refresh margin of 30 seconds. */
    public TokenCache() {
        this(Clock.systemUTC(), DEFAULT_REFRESH_MARGIN);
    }

    /**
     * @param refreshMargin how long before its expiry a token is replaced; at most half a token's lifetime is used,
     *     so that short-lived tokens are still reused
     */
    public TokenCache(Clock clock, Duration refreshMargin) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshMargin = refreshMargin == null || refreshMargin.isNegative() ? Duration.ZERO : refreshMargin;
        RANDOM.nextBytes(hmacKey);
    }

    /** Forgets every token and every discovered provider configuration. */
    public void clear() {
        slots.clear();
        discovery.clear();
    }

    Clock clock() {
        return clock;
    }

    OidcDiscovery discovery() {
        return discovery;
    }

    /** Fetches a token; only called by one thread at a time per key. */
    @FunctionalInterface
    interface TokenSource {
        AuthHeader fetch() throws SeldonException, InterruptedException;
    }

    /**
     * Identifies a principal, its proofs, and how the provider is reached (a token fetched with verification off must
     * not serve a job that verifies). Never prints the proof hash.
     */
    record Key(String endpoint, TlsSettings tls, String clientId, OidcGrant grant, String user, String scope,
            String proofHash) {
        @Override
        public String toString() {
            return grant.wireName() + " " + clientId + (user == null ? "" : "/" + user) + " at " + endpoint;
        }
    }

    Key key(String endpoint, TlsSettings tls, String clientId, OidcGrant grant, String user, String scope,
            SecretText... proofs) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(hmacKey, "HmacSHA256"));
            for (SecretText proof : proofs) {
                // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
                byte[] bytes = proof == null ? new byte[0] : proof.reveal().getBytes(StandardCharsets.UTF_8);
                mac.update(new byte[] {(byte) (proof == null ? 0 : 1)});
                mac.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) ':');
                mac.update(bytes);
            }
            String hash = Base64.getEncoder().encodeToString(mac.doFinal());
            return new Key(endpoint, tls, clientId, grant, user, scope, hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    /** The cached token for {@code key} while it is fresh, else a new one from {@code source}. */
    AuthHeader get(Key key, TokenSource source) throws SeldonException, InterruptedException {
        Slot slot = slots.computeIfAbsent(key, k -> new Slot());
        Entry e = slot.entry.get();
        if (fresh(e)) {
            return e.header;
        }
        slot.lock.lockInterruptibly();
        try {
            e = slot.entry.get();
            if (fresh(e)) {
                return e.header;
            }
            AuthHeader header = source.fetch();
            slot.entry.set(new Entry(header, refreshAt(header)));
            if (slots.size() > PRUNE_ABOVE) {
                // A locked slot is being refreshed: dropping it would let a second caller fetch the same token.
                slots.values().removeIf(s -> !s.lock.isLocked() && !fresh(s.entry.get()));
            }
            return header;
        } finally {
            slot.lock.unlock();
        }
    }

    /** Drops {@code rejected} if it is still the cached token for {@code key}; a newer token stays. */
    void invalidate(Key key, AuthHeader rejected) {
        Slot slot = slots.get(key);
        if (slot != null) {
            Entry e = slot.entry.get();
            if (e != null && e.header.value().equals(rejected.value())) {
                slot.entry.compareAndSet(e, null);
            }
        }
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

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final AtomicReference<Entry> entry = new AtomicReference<>();
    }

    private record Entry(AuthHeader header, Instant refreshAt) {}
}
