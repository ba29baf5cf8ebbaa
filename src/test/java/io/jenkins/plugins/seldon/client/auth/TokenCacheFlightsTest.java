package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The fetches behind the token cache: one per principal at a time, shared by its callers, ended when the last caller
 * leaves, and what a fetch that ends late or fails leaves behind.
 */
class TokenCacheFlightsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));
    /** The fetches started, in order; each completes when the test says so. */
    private final List<CompletableFuture<AuthHeader>> fetches = new ArrayList<>();

    private final TokenCache.TokenSource source = retries -> {
        CompletableFuture<AuthHeader> f = new CompletableFuture<>();
        fetches.add(f);
        return f;
    };

    private TokenCache.Key key() {
        return cache.key("issuer https://idp", TlsSettings.verify(), "sd-api", OidcGrant.CLIENT_CREDENTIALS, null,
                "openid", SecretText.of("s"));
    }

    private CompletableFuture<AuthHeader> get() {
        return cache.get(key(), source, RetryListener.NONE);
    }

    private AuthHeader token(String value, Duration lifetime) {
        return AuthHeader.bearer(SecretText.of(value), lifetime == null ? null : clock.instant().plus(lifetime));
    }

    private static String value(CompletableFuture<AuthHeader> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS).bearerToken().reveal();
    }

    @Test
    void aCallerThatLeavesDoesNotEndTheFetchOthersWaitFor() throws Exception {
        CompletableFuture<AuthHeader> leaving = get();
        CompletableFuture<AuthHeader> staying = get();
        assertEquals(1, fetches.size());
        leaving.cancel(true);
        assertFalse(fetches.get(0).isCancelled());
        CompletableFuture<AuthHeader> joining = get();
        assertEquals(1, fetches.size(), "a caller arriving meanwhile joins the same fetch");
        fetches.get(0).complete(token("t1", Duration.ofMinutes(5)));
        assertEquals("t1", value(staying));
        assertEquals("t1", value(joining));
    }

    @Test
    void theLastCallerToLeaveEndsTheFetchAndTheNextCallerStartsAnother() throws Exception {
        get().cancel(true);
        assertTrue(fetches.get(0).isCancelled());
        CompletableFuture<AuthHeader> next = get();
        assertEquals(2, fetches.size());
        fetches.get(1).complete(token("t2", Duration.ofMinutes(5)));
        assertEquals("t2", value(next));
    }

    @Test
    void aFailedFetchIsNotWhatTheNextCallerGets() throws Exception {
        CompletableFuture<AuthHeader> first = get();
        fetches.get(0).completeExceptionally(new IOException("provider down"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> first.get(30, TimeUnit.SECONDS));
        assertEquals("provider down", e.getCause().getMessage());
        CompletableFuture<AuthHeader> second = get();
        assertEquals(2, fetches.size());
        fetches.get(1).complete(token("t2", Duration.ofMinutes(5)));
        assertEquals("t2", value(second));
    }

    /** A fetch that goes on after its callers left (its cancellation not heeded) and ends after the next one started. */
    private CompletableFuture<AuthHeader> abandonedFetchStillRunning() {
        CompletableFuture<AuthHeader> stubborn = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                return false;
            }
        };
        cache.get(key(), retries -> {
            fetches.add(stubborn);
            return stubborn;
        }, RetryListener.NONE).cancel(true);
        return stubborn;
    }

    @Test
    void anAbandonedFetchThatFailsLateLeavesTheRunningOneToItsCallers() throws Exception {
        CompletableFuture<AuthHeader> abandoned = abandonedFetchStillRunning();
        CompletableFuture<AuthHeader> first = get();
        abandoned.completeExceptionally(new IOException("late"));
        // A caller arriving now joins the fetch in flight rather than starting a third one.
        CompletableFuture<AuthHeader> second = get();
        assertEquals(2, fetches.size());
        fetches.get(1).complete(token("t2", Duration.ofMinutes(5)));
        assertEquals("t2", value(first));
        assertEquals("t2", value(second));
    }

    @Test
    void theTokenThatLivesLongestStaysWhateverFetchEndsLast() throws Exception {
        CompletableFuture<AuthHeader> abandoned = abandonedFetchStillRunning();
        CompletableFuture<AuthHeader> first = get();
        fetches.get(1).complete(token("long", Duration.ofHours(1)));
        assertEquals("long", value(first));
        abandoned.complete(token("short", Duration.ofMinutes(10)));
        assertEquals("long", value(get()));
        assertEquals(2, fetches.size());
    }

    @Test
    void aRefreshedTokenReplacesTheOneItRefreshed() throws Exception {
        CompletableFuture<AuthHeader> first = get();
        fetches.get(0).complete(token("t1", Duration.ofMinutes(5)));
        assertEquals("t1", value(first));
        clock.advance(Duration.ofMinutes(5));
        CompletableFuture<AuthHeader> refreshed = get();
        fetches.get(1).complete(token("t2", Duration.ofMinutes(5)));
        assertEquals("t2", value(refreshed));
        assertEquals("t2", value(get()));
        assertEquals(2, fetches.size());
    }

    @Test
    void aTokenWithoutExpiryIsUsedOnceAndNotKept() throws Exception {
        CompletableFuture<AuthHeader> first = get();
        fetches.get(0).complete(token("once", null));
        assertEquals("once", value(first));
        get();
        assertEquals(2, fetches.size());
    }

    @Test
    void aMissingOrNegativeRefreshMarginMeansNone() throws Exception {
        for (Duration margin : new Duration[] {null, Duration.ofMinutes(-5)}) {
            TokenCache c = new TokenCache(clock, margin);
            TokenCache.Key k = key();
            List<String> issued = new ArrayList<>();
            TokenCache.TokenSource s = retries -> {
                issued.add("t" + issued.size());
                return CompletableFuture.completedFuture(token("t" + (issued.size() - 1), Duration.ofMinutes(1)));
            };
            c.get(k, s, RetryListener.NONE).get(30, TimeUnit.SECONDS);
            clock.advance(Duration.ofSeconds(59));
            c.get(k, s, RetryListener.NONE).get(30, TimeUnit.SECONDS);
            assertEquals(1, issued.size(), "still fresh a second before expiry, margin " + margin);
            clock.advance(Duration.ofSeconds(1));
            c.get(k, s, RetryListener.NONE).get(30, TimeUnit.SECONDS);
            assertEquals(2, issued.size(), "expired tokens are never served, margin " + margin);
        }
    }

    @Test
    void invalidatingWhatTheCacheDoesNotHoldChangesNothing() throws Exception {
        AuthHeader other = token("other", Duration.ofMinutes(5));
        cache.invalidate(key(), other);
        CompletableFuture<AuthHeader> first = get();
        fetches.get(0).completeExceptionally(new IOException("down"));
        assertThrows(ExecutionException.class, () -> first.get(30, TimeUnit.SECONDS));
        // A slot without a token.
        cache.invalidate(key(), other);
        CompletableFuture<AuthHeader> second = get();
        fetches.get(1).complete(token("t2", Duration.ofMinutes(5)));
        assertEquals("t2", value(second));
        cache.invalidate(key(), other);
        assertEquals("t2", value(get()));
        assertEquals(2, fetches.size());
    }

    @Test
    void aPrincipalReadsWithItsUserOnlyWhenItHasOne() {
        assertEquals("client_credentials sd-api at issuer https://idp", key().toString());
        assertEquals("password sd-api/alice at issuer https://idp", cache.key("issuer https://idp",
                TlsSettings.verify(), "sd-api", OidcGrant.PASSWORD, "alice", "openid", SecretText.of("s"),
                SecretText.of("p")).toString());
        // A gateway session's key has no grant or client.
        assertEquals("session at https://gateway", cache.key("https://gateway", TlsSettings.verify(), null, null, null,
                null, SecretText.of("p")).toString());
    }

    @Test
    void clearingTheCacheAlsoForgetsWhatDiscoveryFound() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.http()) {
            FakeOidcProvider provider = new FakeOidcProvider(server, clock);
            OidcAuthenticator auth = new OidcAuthenticator(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                    .issuer(provider.issuer()).clientSecret(SecretText.of(provider.clientSecret)).build(),
                    TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(30), new HttpClientFactory(), cache);
            auth.authenticate();
            cache.clear();
            auth.authenticate();
            assertEquals(2, provider.discoveryRequests());
            assertEquals(2, provider.tokenRequests().size());
        }
    }
}
