package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The refresh token grant against the fake provider; Keycloak's offline tokens are in KeycloakAuthMethodsTest. */
class RefreshTokenTest {

    private final MutableClock clock = new MutableClock(Instant.now());
    private final LocalHttpServer server = LocalHttpServer.http();
    private final FakeOidcProvider provider = new FakeOidcProvider(server, clock);
    private final HttpClientFactory http = new HttpClientFactory();
    private final TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        server.close();
    }

    private OidcSettings settings(String refreshToken) {
        return OidcSettings.builder(OidcGrant.REFRESH_TOKEN, provider.clientId).issuer(provider.issuer())
                .clientSecret(SecretText.of(provider.clientSecret)).refreshToken(SecretText.of(refreshToken)).build();
    }

    private OidcAuthenticator authenticator(OidcSettings s, TokenCache c) {
        return new OidcAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(10), http, c);
    }

    private List<String> refreshTokensSent() {
        return provider.tokenRequests().stream().map(r -> r.get("refresh_token")).toList();
    }

    @Test
    void theNewestRefreshTokenIsUsedNextWhereTheProviderRevokesUsedOnes() throws Exception {
        provider.revokeUsedRefreshTokens = true;
        String stored = provider.issueRefreshToken();
        OidcAuthenticator auth = authenticator(settings(stored), cache);
        AuthHeader first = auth.authenticate();
        auth.invalidate(first);
        AuthHeader second = auth.authenticate();
        clock.advance(Duration.ofHours(1));
        // Another job of the same principal: the same kept refresh token.
        AuthHeader third = authenticator(settings(stored), cache).authenticate();

        assertNotEquals(first.value(), second.value());
        assertNotEquals(second.value(), third.value());
        List<String> sent = refreshTokensSent();
        assertEquals(3, sent.size());
        assertEquals(stored, sent.get(0));
        assertEquals(3, sent.stream().distinct().count(), "each refresh used the token the one before returned");
        assertEquals(Map.of("grant_type", "refresh_token", "client_id", provider.clientId, "client_secret",
                provider.clientSecret, "refresh_token", stored), provider.tokenRequests().get(0),
                "no scope unless configured: the refresh keeps the scope the token was granted with");
    }

    @Test
    void withoutRotationTheStoredRefreshTokenServesEveryRefresh() throws Exception {
        provider.rotateRefreshTokens = false;
        String stored = provider.issueRefreshToken();
        OidcAuthenticator auth = authenticator(settings(stored), cache);
        auth.invalidate(auth.authenticate());
        auth.authenticate();
        assertEquals(List.of(stored, stored), refreshTokensSent());
    }

    @Test
    void afterARestartARevokedStoredTokenIsRefusedSayingWhatToChange() throws Exception {
        provider.revokeUsedRefreshTokens = true;
        String stored = provider.issueRefreshToken();
        authenticator(settings(stored), cache).authenticate();
        TokenCache afterRestart = new TokenCache(clock, Duration.ofSeconds(30));

        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(settings(stored), afterRestart).authenticate());
        assertEquals("invalid_grant", e.error());
        assertTrue(e.getMessage().contains("already used at a provider that revokes used refresh tokens"),
                e.getMessage());
        assertTrue(e.getMessage().contains("\"Revoke Refresh Token\" off"), e.getMessage());
        assertTrue(e.getMessage().contains("client credentials"), e.getMessage());
        assertFalse(e.getMessage().contains(stored), e.getMessage());
        assertEquals(2, provider.tokenRequests().size(), "a refused refresh token is not sent again");
    }

    @Test
    void aRefusedKeptTokenIsForgottenSoThatTheNextAttemptStartsFromTheStoredOne() throws Exception {
        String stored = provider.issueRefreshToken();
        OidcAuthenticator auth = authenticator(settings(stored), cache);
        auth.invalidate(auth.authenticate());
        provider.revokeRefreshTokens();
        assertEquals("invalid_grant", assertThrows(ProviderException.class, auth::authenticate).error());
        assertThrows(ProviderException.class, auth::authenticate);
        List<String> sent = refreshTokensSent();
        assertEquals(3, sent.size());
        assertNotEquals(stored, sent.get(1), "the kept token first");
        assertEquals(stored, sent.get(2), "then the stored one again, once the kept one was refused");
    }

    @Test
    void aKeptTokenOutlivesARefusalOfSomethingElse() throws Exception {
        String stored = provider.issueRefreshToken();
        OidcAuthenticator auth = authenticator(settings(stored), cache);
        auth.invalidate(auth.authenticate());
        String secret = provider.clientSecret;
        provider.clientSecret = "rotated-at-the-provider";
        assertEquals("invalid_client", assertThrows(ProviderException.class, auth::authenticate).error());
        provider.clientSecret = secret;
        auth.authenticate();
        List<String> sent = refreshTokensSent();
        assertEquals(3, sent.size());
        assertNotEquals(stored, sent.get(1));
        assertEquals(sent.get(1), sent.get(2), "the client was refused, not the kept refresh token");
    }

    @Test
    void testingAConfigurationAsksTheProviderWithTheKeptRefreshToken() throws Exception {
        provider.revokeUsedRefreshTokens = true;
        String stored = provider.issueRefreshToken();
        AuthHeader build = authenticator(settings(stored), cache).authenticate();
        AuthHeader test = authenticator(settings(stored), cache.fresh()).authenticate();
        assertNotEquals(build.value(), test.value(), "a fresh token for the test");
        assertNotEquals(stored, refreshTokensSent().get(1), "not the stored one, which the provider revoked");
        assertEquals(build.value(), authenticator(settings(stored), cache).authenticate().value(),
                "the builds' cached token is unaffected");
    }

    @Test
    void anotherStoredRefreshTokenIsAnotherPrincipal() throws Exception {
        String a = provider.issueRefreshToken();
        String b = provider.issueRefreshToken();
        AuthHeader ta = authenticator(settings(a), cache).authenticate();
        AuthHeader tb = authenticator(settings(b), cache).authenticate();
        assertNotEquals(ta.value(), tb.value());
        assertEquals(List.of(a, b), refreshTokensSent());
    }

    @Test
    void concurrentBuildsShareOneRefresh() throws Exception {
        provider.revokeUsedRefreshTokens = true;
        provider.delayMillis = 300;
        String stored = provider.issueRefreshToken();
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<AuthHeader>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                OidcAuthenticator auth = authenticator(settings(stored), cache);
                results.add(pool.submit(() -> {
                    start.await();
                    return auth.authenticate();
                }));
            }
            for (Future<AuthHeader> r : results) {
                assertEquals(results.get(0).get(60, TimeUnit.SECONDS).value(), r.get(60, TimeUnit.SECONDS).value());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, provider.tokenRequests().size(), "one refresh, so the revoked token is never sent twice");
    }

    @Test
    void aConfiguredScopeIsSent() throws Exception {
        String stored = provider.issueRefreshToken();
        authenticator(OidcSettings.builder(OidcGrant.REFRESH_TOKEN, provider.clientId).issuer(provider.issuer())
                .clientSecret(SecretText.of(provider.clientSecret)).refreshToken(SecretText.of(stored))
                .scope("openid groups").build(), cache).authenticate();
        assertEquals("openid groups", provider.tokenRequests().get(0).get("scope"));
    }
}
