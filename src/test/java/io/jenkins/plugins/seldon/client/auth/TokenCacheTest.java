package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));
    private final AtomicInteger fetches = new AtomicInteger();

    private TokenCache.TokenSource lifetime(Duration d) {
        return retries -> CompletableFuture.completedFuture(
                AuthHeader.bearer(SecretText.of("t" + fetches.incrementAndGet()), clock.instant().plus(d)));
    }

    private AuthHeader get(TokenCache.Key k, TokenCache.TokenSource source) throws Exception {
        return cache.get(k, source, RetryListener.NONE).get(30, TimeUnit.SECONDS);
    }

    private TokenCache.Key key(String secret) {
        return cache.key("issuer https://idp", TlsSettings.verify(), "sd-api", OidcGrant.CLIENT_CREDENTIALS, null,
                "openid", SecretText.of(secret), null);
    }

    private String proofs(String secret, String password) {
        return cache.key("issuer https://idp", TlsSettings.verify(), "sd-api", OidcGrant.PASSWORD, "alice", "openid",
                SecretText.ofNullable(secret), SecretText.ofNullable(password)).proofHash();
    }

    @Test
    void reusesUntilTheRefreshMarginBeforeExpiry() throws Exception {
        TokenCache.Key k = key("s");
        AuthHeader first = get(k, lifetime(Duration.ofSeconds(300)));
        clock.advance(Duration.ofSeconds(269));
        assertSame(first, get(k, lifetime(Duration.ofSeconds(300))));
        clock.advance(Duration.ofSeconds(1));
        AuthHeader second = get(k, lifetime(Duration.ofSeconds(300)));
        assertNotEquals(first.value(), second.value());
        assertEquals(2, fetches.get());
    }

    @Test
    void shortLivedTokensAreStillReusedForHalfTheirLifetime() throws Exception {
        TokenCache.Key k = key("s");
        AuthHeader first = get(k, lifetime(Duration.ofSeconds(20)));
        clock.advance(Duration.ofSeconds(9));
        assertSame(first, get(k, lifetime(Duration.ofSeconds(20))));
        clock.advance(Duration.ofSeconds(1));
        get(k, lifetime(Duration.ofSeconds(20)));
        assertEquals(2, fetches.get());
    }

    @Test
    void differentSecretsAreDifferentKeysAndTheKeyNeverShowsTheHash() {
        TokenCache.Key a = key("right");
        assertEquals(a, key("right"));
        assertNotEquals(a, key("wrong"));
        assertFalse(a.toString().contains(a.proofHash()));
        assertNotEquals(proofs("ab", null), proofs("a", "b"));
        assertNotEquals(proofs("ab", "c"), proofs("a", "bc"));
        assertNotEquals(proofs("a", null), proofs(null, "a"));
        assertEquals(proofs("a", "b"), proofs("a", "b"));
        // Another JVM (another cache) hashes the same secret differently.
        assertNotEquals(a.proofHash(), new TokenCache().key("issuer https://idp", TlsSettings.verify(), "sd-api",
                OidcGrant.CLIENT_CREDENTIALS, null, "openid", SecretText.of("right"), null).proofHash());
    }

    @Test
    void invalidateDropsOnlyTheRejectedToken() throws Exception {
        TokenCache.Key k = key("s");
        AuthHeader first = get(k, lifetime(Duration.ofMinutes(5)));
        cache.invalidate(k, AuthHeader.bearer(SecretText.of("some-older-token"), null));
        assertSame(first, get(k, lifetime(Duration.ofMinutes(5))));
        cache.invalidate(k, first);
        AuthHeader second = get(k, lifetime(Duration.ofMinutes(5)));
        assertNotEquals(first.value(), second.value());
        cache.invalidate(k, first);
        assertSame(second, get(k, lifetime(Duration.ofMinutes(5))));
    }

    @Test
    void clearForgetsEverything() throws Exception {
        TokenCache.Key k = key("s");
        get(k, lifetime(Duration.ofMinutes(5)));
        cache.clear();
        get(k, lifetime(Duration.ofMinutes(5)));
        assertEquals(2, fetches.get());
    }

    @Test
    void pruningKeepsASlotWhoseTokenIsBeingFetched() throws Exception {
        TokenCache.Key k = key("busy");
        CompletableFuture<AuthHeader> fetching = new CompletableFuture<>();
        CompletableFuture<AuthHeader> first = cache.get(k, retries -> fetching, RetryListener.NONE);
        // Enough other principals, all expired at once, to make the cache prune.
        for (int i = 0; i < 300; i++) {
            get(key("other-" + i), lifetime(Duration.ZERO));
        }
        int before = fetches.get();
        CompletableFuture<AuthHeader> second = cache.get(k, lifetime(Duration.ofSeconds(300)), RetryListener.NONE);
        fetching.complete(lifetime(Duration.ofSeconds(300)).fetch(RetryListener.NONE).join());
        assertSame(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
        assertEquals(before + 1, fetches.get());
        // The expired principals were dropped; the busy one and the last ones fetched (not yet over the limit) stay.
        assertTrue(cache.size() < 300, "principals held: " + cache.size());
        clock.advance(Duration.ofSeconds(1));
        assertSame(first.get(), get(k, lifetime(Duration.ofSeconds(300))));
    }

    @Test
    void fewPrincipalsAreNeverPruned() throws Exception {
        for (int i = 0; i < 256; i++) {
            get(key("other-" + i), lifetime(Duration.ZERO));
        }
        assertEquals(256, cache.size());
        get(key("one-more"), lifetime(Duration.ofMinutes(5)));
        assertEquals(1, cache.size());
    }

    @Test
    void everyPartOfThePrincipalIsPartOfTheKey() {
        TokenCache.Key k = cache.key("token https://idp/a", TlsSettings.verify(), "sd-api", OidcGrant.PASSWORD, "alice",
                "openid", SecretText.of("s"), SecretText.of("p"));
        assertEquals("password sd-api/alice at token https://idp/a", k.toString());
        assertEquals("client_credentials sd-api at issuer https://idp", key("s").toString());
        for (TokenCache.Key other : new TokenCache.Key[] {
            cache.key("token https://idp/b", TlsSettings.verify(), "sd-api", OidcGrant.PASSWORD, "alice", "openid",
                    SecretText.of("s"), SecretText.of("p")),
            cache.key("token https://idp/a", TlsSettings.insecure(), "sd-api", OidcGrant.PASSWORD, "alice", "openid",
                    SecretText.of("s"), SecretText.of("p")),
            cache.key("token https://idp/a", TlsSettings.verify(), "other", OidcGrant.PASSWORD, "alice", "openid",
                    SecretText.of("s"), SecretText.of("p")),
            cache.key("token https://idp/a", TlsSettings.verify(), "sd-api", OidcGrant.PASSWORD, "bob", "openid",
                    SecretText.of("s"), SecretText.of("p")),
            cache.key("token https://idp/a", TlsSettings.verify(), "sd-api", OidcGrant.PASSWORD, "alice", "email",
                    SecretText.of("s"), SecretText.of("p")),
            cache.key("token https://idp/a", TlsSettings.verify(), "sd-api", OidcGrant.PASSWORD, "alice", "openid",
                    SecretText.of("s"), SecretText.of("q"))
        }) {
            assertNotEquals(k, other);
        }
    }
}
