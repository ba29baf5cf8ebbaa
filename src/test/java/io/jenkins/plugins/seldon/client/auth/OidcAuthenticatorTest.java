package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.net.URI;
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

class OidcAuthenticatorTest {

    private final MutableClock clock = new MutableClock(Instant.now());
    private final LocalHttpServer server = LocalHttpServer.http();
    private final FakeOidcProvider provider = new FakeOidcProvider(server, clock);
    private final HttpClientFactory http = new HttpClientFactory();
    private final TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        server.close();
    }

    private OidcSettings.Builder clientCredentials(String secret) {
        return OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(provider.issuer())
                .clientSecret(SecretText.of(secret));
    }

    private OidcSettings password(String password) {
        return OidcSettings.builder(OidcGrant.PASSWORD, "sd-api").issuer(provider.issuer())
                .clientSecret(SecretText.of(provider.clientSecret)).user("alice", SecretText.of(password)).build();
    }

    private OidcAuthenticator authenticator(OidcSettings s, TokenCache c) {
        return new OidcAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(30), http, c);
    }

    private static String token(AuthHeader h) {
        return h.bearerToken().reveal();
    }

    @Test
    void clientCredentialsSendsTheSeedsFormAndUsesTheIdToken() throws Exception {
        AuthHeader h = authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        assertEquals("Authorization", h.name());
        assertTrue(FakeOidcProvider.id(token(h)).startsWith("id-"));
        assertEquals(Map.of("grant_type", "client_credentials", "client_id", "sd-api", "client_secret",
                provider.clientSecret, "scope", "openid"), provider.tokenRequests().get(0));
        assertEquals(Instant.ofEpochSecond(clock.instant().getEpochSecond() + 300), h.expiresAt());
    }

    @Test
    void passwordGrantSendsUserAndPassword() throws Exception {
        authenticator(password(provider.password), cache).authenticate();
        assertEquals(Map.of("grant_type", "password", "client_id", "sd-api", "client_secret", provider.clientSecret,
                "scope", "openid", "username", "alice", "password", provider.password), provider.tokenRequests().get(0));
    }

    @Test
    void expiryIsThatOfTheTokenActuallySent() throws Exception {
        provider.lifetimeSeconds = 3600;
        provider.idTokenLifetimeSeconds = 90;
        AuthHeader id = authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        assertEquals(Instant.ofEpochSecond(clock.instant().getEpochSecond() + 90), id.expiresAt());
        provider.issueIdToken = false;
        AuthHeader access = authenticator(clientCredentials(provider.clientSecret).build(), null).authenticate();
        assertEquals(Instant.ofEpochSecond(clock.instant().getEpochSecond() + 3600), access.expiresAt());
    }

    @Test
    void fallsBackToTheAccessTokenWithoutAnIdToken() throws Exception {
        provider.issueIdToken = false;
        AuthHeader h = authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        assertTrue(FakeOidcProvider.id(token(h)).startsWith("access-"));
    }

    @Test
    void expiryComesFromExpiresInWhenTheTokenHasNoExp() throws Exception {
        provider.includeExp = false;
        provider.lifetimeSeconds = 120;
        AuthHeader h = authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        assertEquals(clock.instant().plusSeconds(120), h.expiresAt());
    }

    @Test
    void readsJwtExpiryWithoutPadding() {
        assertEquals(Instant.ofEpochSecond(1700000000), OidcAuthenticator.jwtExpiry(provider.jwt("x", 1700000000)));
        assertEquals(null, OidcAuthenticator.jwtExpiry("opaque-token"));
        assertEquals(null, OidcAuthenticator.jwtExpiry("a.!!!.c"));
    }

    @Test
    void reusesTheTokenAndRefreshesAfterExpiry() throws Exception {
        OidcAuthenticator auth = authenticator(clientCredentials(provider.clientSecret).build(), cache);
        String first = token(auth.authenticate());
        clock.advance(Duration.ofSeconds(200));
        assertEquals(first, token(auth.authenticate()));
        // Another authenticator for the same principal (another job) shares the token.
        assertEquals(first, token(authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate()));
        assertEquals(1, provider.tokenRequests().size());
        clock.advance(Duration.ofSeconds(80));
        assertNotEquals(first, token(auth.authenticate()));
        assertEquals(2, provider.tokenRequests().size());
        assertEquals(1, provider.discoveryRequests());
    }

    @Test
    void invalidateGetsANewToken() throws Exception {
        OidcAuthenticator auth = authenticator(clientCredentials(provider.clientSecret).build(), cache);
        AuthHeader first = auth.authenticate();
        auth.invalidate(first);
        assertNotEquals(token(first), token(auth.authenticate()));
        assertEquals(2, provider.tokenRequests().size());
    }

    @Test
    void withoutASharedCacheNothingIsShared() throws Exception {
        authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        authenticator(clientCredentials(provider.clientSecret).build(), null).authenticate();
        assertEquals(2, provider.tokenRequests().size());
    }

    @Test
    void explicitTokenEndpointSkipsDiscovery() throws Exception {
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .tokenEndpoint(provider.tokenEndpoint()).clientSecret(SecretText.of(provider.clientSecret)).build();
        authenticator(s, cache).authenticate();
        assertEquals(0, provider.discoveryRequests());
        assertEquals(1, provider.tokenRequests().size());
    }

    @Test
    void manyThreadsOneTokenRequest() throws Exception {
        provider.delayMillis = 300;
        int threads = 16;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                OidcAuthenticator auth = authenticator(clientCredentials(provider.clientSecret).build(), cache);
                tokens.add(pool.submit(() -> {
                    start.await();
                    return token(auth.authenticate());
                }));
            }
            String first = tokens.get(0).get(60, TimeUnit.SECONDS);
            for (Future<String> t : tokens) {
                assertEquals(first, t.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, provider.tokenRequests().size());
    }

    @Test
    void anInterruptCancelsATokenRequestAndAWaitForIt() throws Exception {
        // The provider never answers within the test: only cancellation ends the calls.
        provider.delayMillis = 120_000;
        OidcSettings s = clientCredentials(provider.clientSecret).build();
        List<Thread> callers = new ArrayList<>();
        List<Throwable> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 2; i++) {
            Thread t = new Thread(() -> {
                try {
                    authenticator(s, cache).authenticate();
                } catch (Throwable e) {
                    outcomes.add(e);
                }
            });
            callers.add(t);
            t.start();
        }
        // One caller is in the token request, the other waits for it.
        for (int i = 0; i < 300 && provider.tokenRequests().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(1, provider.tokenRequests().size());
        for (Thread t : callers) {
            t.interrupt();
        }
        for (Thread t : callers) {
            t.join(30_000);
            assertFalse(t.isAlive());
        }
        assertEquals(2, outcomes.size());
        for (Throwable e : outcomes) {
            assertTrue(e instanceof InterruptedException, e.toString());
        }
    }

    @Test
    void aRedirectFromTheTokenEndpointIsAProviderError() {
        server.on("/moved", (ex, r) -> {
            ex.getResponseHeaders().set("Location", "/elsewhere/token?x=1");
            LocalHttpServer.respond(ex, 301, null, "");
        });
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .tokenEndpoint(URI.create(server.url() + "/moved")).clientSecret(SecretText.of("x")).build();
        ProviderException e = assertThrows(ProviderException.class, () -> authenticator(s, cache).authenticate());
        assertEquals(301, e.status());
        assertTrue(e.getMessage().contains("redirected"), e.getMessage());
        assertEquals(0, server.hits("/elsewhere/token"));
    }

    @Test
    void discoveryIsCachedPerIssuerAndTlsSettings() throws Exception {
        authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        new OidcAuthenticator(clientCredentials(provider.clientSecret).scope("openid email").build(),
                TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(30), http, cache).authenticate();
        assertEquals(1, provider.discoveryRequests());
        new OidcAuthenticator(clientCredentials(provider.clientSecret).build(), TlsSettings.insecure(),
                Duration.ofSeconds(5), Duration.ofSeconds(30), http, cache).authenticate();
        assertEquals(2, provider.discoveryRequests());
        assertEquals("openid email", provider.tokenRequests().get(1).get("scope"));
        // Reached with other trust settings, the provider is asked for a token of its own, too.
        assertEquals(3, provider.tokenRequests().size());
    }

    @Test
    void wrongSecretNeverGetsAnotherJobsToken() throws Exception {
        authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials("wrong-secret").build(), cache).authenticate());
        assertEquals("invalid_client", e.error());
        assertEquals(2, provider.tokenRequests().size());
        // Same for a wrong password of the same user and client.
        authenticator(password(provider.password), cache).authenticate();
        ProviderException p = assertThrows(ProviderException.class,
                () -> authenticator(password("wrong-password"), cache).authenticate());
        assertEquals("invalid_grant", p.error());
    }

    @Test
    void invalidClientNamesTheCredentialToCheck() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials("wrong-secret").build(), cache).authenticate());
        assertEquals(401, e.status());
        assertEquals("invalid_client", e.error());
        assertEquals("Invalid client or Invalid client credentials", e.errorDescription());
        assertEquals("POST " + provider.tokenEndpoint(), e.endpoint());
        assertTrue(e.getMessage().contains("invalid_client: Invalid client or Invalid client credentials"), e.getMessage());
        assertTrue(e.getMessage().contains("Check the client id and the client secret"), e.getMessage());
        assertTrue(e.getMessage().contains(provider.tokenEndpoint().toString()), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }

    @Test
    void invalidGrantNamesTheUserCredential() {
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(password("wrong-password"), cache).authenticate());
        assertEquals("invalid_grant", e.error());
        assertTrue(e.getMessage().contains("Check the user name and password"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password"), e.getMessage());
    }

    @Test
    void unauthorizedClientNamesTheGrantSetting() {
        provider.clientCredentialsEnabled = false;
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
        assertEquals("unauthorized_client", e.error());
        assertTrue(e.getMessage().contains("grant is enabled"), e.getMessage());
    }

    @Test
    void wrongIssuerFailsDiscoveryWithAHint() {
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .issuer(URI.create(server.url() + "/auth/realms/nope")).clientSecret(SecretText.of("x")).build();
        ProviderException e = assertThrows(ProviderException.class, () -> authenticator(s, cache).authenticate());
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("Check the OIDC issuer URL"), e.getMessage());
        assertTrue(e.getMessage().contains("/auth/realms/nope/.well-known/openid-configuration"), e.getMessage());
    }

    @Test
    void htmlFromTheTokenEndpointIsAProviderError() {
        server.on("/html-token", (ex, r) -> LocalHttpServer.respond(ex, 200, "text/html", "<html>login</html>"));
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .tokenEndpoint(URI.create(server.url() + "/html-token")).clientSecret(SecretText.of("x")).build();
        ProviderException e = assertThrows(ProviderException.class, () -> authenticator(s, cache).authenticate());
        assertTrue(e.getMessage().contains("without an id_token or access_token"), e.getMessage());
    }

    @Test
    void unreachableProviderIsANetworkError() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .issuer(URI.create("http://127.0.0.1:" + port + "/auth/realms/x")).clientSecret(SecretText.of("x")).build();
        NetworkException e = assertThrows(NetworkException.class, () -> authenticator(s, cache).authenticate());
        assertEquals(NetworkException.Reason.CONNECTION_REFUSED, e.reason());
    }
}
