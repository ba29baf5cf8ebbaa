package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.error.TlsException;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
    void aTokenOfOneTokenEndpointIsNeverServedForAnother() throws Exception {
        try (LocalHttpServer otherServer = LocalHttpServer.http()) {
            FakeOidcProvider other = new FakeOidcProvider(otherServer, clock);
            for (URI endpoint : List.of(provider.tokenEndpoint(), other.tokenEndpoint(), provider.tokenEndpoint())) {
                authenticator(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").tokenEndpoint(endpoint)
                        .clientSecret(SecretText.of(provider.clientSecret)).build(), cache).authenticate();
            }
            assertEquals(1, provider.tokenRequests().size());
            assertEquals(1, other.tokenRequests().size());
        }
    }

    @Test
    void aTokenOfOneIssuerIsNeverServedForAnother() throws Exception {
        try (LocalHttpServer otherServer = LocalHttpServer.http()) {
            FakeOidcProvider other = new FakeOidcProvider(otherServer, clock);
            for (URI issuer : List.of(provider.issuer(), other.issuer(), provider.issuer())) {
                authenticator(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(issuer)
                        .clientSecret(SecretText.of(provider.clientSecret)).build(), cache).authenticate();
            }
            assertEquals(1, provider.tokenRequests().size());
            assertEquals(1, other.tokenRequests().size());
        }
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

    // Discovery: the secrets go only where the issuer is (issue 7, item 2).

    private static final String DISCOVERY = FakeOidcProvider.REALM_PATH + "/.well-known/openid-configuration";

    private void discovery(String issuer, String tokenEndpoint) {
        server.on(DISCOVERY, (ex, r) -> LocalHttpServer.json(ex, 200,
                "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + tokenEndpoint + "\"}"));
    }

    @Test
    void aDiscoveryDocumentNamingAnotherIssuerGetsNoSecret() {
        discovery("https://idp.attacker.example/auth/realms/test", provider.tokenEndpoint().toString());
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
        assertEquals(0, provider.tokenRequests().size());
        assertTrue(e.getMessage().contains("names the issuer 'https://idp.attacker.example/auth/realms/test', not the "
                + "configured issuer URL " + provider.issuer()), e.getMessage());
        assertTrue(e.getMessage().contains("no credentials were sent"), e.getMessage());
        server.on(DISCOVERY, (ex, r) -> LocalHttpServer.json(ex, 200,
                "{\"token_endpoint\":\"" + provider.tokenEndpoint() + "\"}"));
        assertTrue(assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate())
                .getMessage().contains("names no issuer"));
        assertEquals(0, provider.tokenRequests().size());
    }

    @Test
    void anIssuerWithATrailingSlashIsTheSameIssuer() throws Exception {
        discovery(provider.issuer() + "/", provider.tokenEndpoint().toString());
        authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        assertEquals(1, provider.tokenRequests().size());
    }

    @Test
    void aDiscoveredTokenEndpointOnAnotherHostGetsNoSecretUnlessAllowed() throws Exception {
        try (LocalHttpServer other = LocalHttpServer.http()) {
            FakeOidcProvider elsewhere = new FakeOidcProvider(other, clock);
            // Another host name for the loopback interface, and another port.
            String otherOrigin = "http://localhost:" + other.url().substring(other.url().lastIndexOf(':') + 1);
            discovery(provider.issuer().toString(), otherOrigin + FakeOidcProvider.TOKEN_PATH);
            ProviderException e = assertThrows(ProviderException.class,
                    () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
            assertEquals(0, elsewhere.tokenRequests().size());
            assertEquals(0, provider.tokenRequests().size());
            String issuerHost = server.url().substring("http://".length());
            assertTrue(e.getMessage().contains("on another host, localhost:"), e.getMessage());
            assertTrue(e.getMessage().contains("than the issuer's " + issuerHost), e.getMessage());
            assertTrue(e.getMessage().contains("allow it as the other token endpoint origin (" + otherOrigin + ")"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("configure the token endpoint URL"), e.getMessage());

            AuthHeader h = authenticator(clientCredentials(provider.clientSecret)
                    .allowTokenEndpointOrigin(URI.create(otherOrigin)).build(), cache).authenticate();
            assertEquals(1, elsewhere.tokenRequests().size());
            assertTrue(FakeOidcProvider.id(token(h)).startsWith("id-"));
        }
    }

    @Test
    void anAllowedTokenEndpointOriginMayBeAnIpv6Literal() throws Exception {
        LocalHttpServer v6;
        try {
            v6 = LocalHttpServer.httpOnIpv6Loopback();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.abort("This machine has no IPv6 loopback address: " + e);
            return;
        }
        try (v6) {
            FakeOidcProvider elsewhere = new FakeOidcProvider(v6, clock);
            String otherOrigin = "http://[::1]:" + v6.port();
            discovery(provider.issuer().toString(), otherOrigin + FakeOidcProvider.TOKEN_PATH);
            ProviderException e = assertThrows(ProviderException.class,
                    () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
            assertTrue(e.getMessage().contains("on another host, [::1]:" + v6.port() + " "), e.getMessage());
            assertTrue(e.getMessage().contains("allow it as the other token endpoint origin (" + otherOrigin + ")"),
                    e.getMessage());
            authenticator(clientCredentials(provider.clientSecret).allowTokenEndpointOrigin(URI.create(otherOrigin))
                    .build(), cache).authenticate();
            assertEquals(1, elsewhere.tokenRequests().size());
        }
    }

    @Test
    void aPlainHttpTokenEndpointUnderAnHttpsIssuerGetsNoSecret() throws Exception {
        okhttp3.tls.HeldCertificate localhost = new okhttp3.tls.HeldCertificate.Builder()
                .addSubjectAlternativeName("127.0.0.1").build();
        okhttp3.tls.HandshakeCertificates serverCerts = new okhttp3.tls.HandshakeCertificates.Builder()
                .heldCertificate(localhost).build();
        try (LocalHttpServer https = LocalHttpServer.https(serverCerts.sslContext())) {
            String issuer = https.url() + FakeOidcProvider.REALM_PATH;
            // The same host and port, but plain http: what Keycloak behind a TLS proxy announces when misconfigured.
            String plain = "http://" + https.url().substring("https://".length()) + FakeOidcProvider.TOKEN_PATH;
            https.on(DISCOVERY, (ex, r) -> LocalHttpServer.json(ex, 200,
                    "{\"issuer\":\"" + issuer + "\",\"token_endpoint\":\"" + plain + "\"}"));
            OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(URI.create(issuer))
                    .clientSecret(SecretText.of("s")).build();
            ProviderException e = assertThrows(ProviderException.class, () -> new OidcAuthenticator(s,
                    TlsSettings.withExtraCa(localhost.certificatePem()), Duration.ofSeconds(5), Duration.ofSeconds(30),
                    http, cache).authenticate());
            assertTrue(e.getMessage().contains("over plain http (" + plain + ")"), e.getMessage());
            assertEquals(0, https.hits(FakeOidcProvider.TOKEN_PATH));
        }
    }

    @Test
    void anHttpsIssuerSendsTheSecretsToItsHttpsTokenEndpoint() throws Exception {
        okhttp3.tls.HeldCertificate localhost = new okhttp3.tls.HeldCertificate.Builder()
                .addSubjectAlternativeName("127.0.0.1").build();
        okhttp3.tls.HandshakeCertificates serverCerts = new okhttp3.tls.HandshakeCertificates.Builder()
                .heldCertificate(localhost).build();
        try (LocalHttpServer https = LocalHttpServer.https(serverCerts.sslContext())) {
            FakeOidcProvider secure = new FakeOidcProvider(https, clock);
            OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(secure.issuer())
                    .clientSecret(SecretText.of(secure.clientSecret)).build();
            AuthHeader h = new OidcAuthenticator(s, TlsSettings.withExtraCa(localhost.certificatePem()),
                    Duration.ofSeconds(5), Duration.ofSeconds(30), http, cache).authenticate();
            assertTrue(FakeOidcProvider.id(token(h)).startsWith("id-"));
            assertEquals(1, secure.tokenRequests().size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {201, 203, 400, 401, 403, 404, 410, 499})
    void aDiscoveryAnswerOtherThan200IsNotUsedEvenWithATokenEndpoint(int status) {
        server.on(DISCOVERY, (ex, r) -> LocalHttpServer.json(ex, status, "{\"issuer\":\"" + provider.issuer()
                + "\",\"token_endpoint\":\"" + provider.tokenEndpoint() + "\"}"));
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
        assertEquals(status, e.status());
        assertTrue(e.getMessage().startsWith("OIDC discovery failed (GET " + provider.issuer()
                + "/.well-known/openid-configuration answered HTTP " + status + "). Check the OIDC issuer URL"),
                e.getMessage());
        assertEquals(0, provider.tokenRequests().size());
        assertEquals(1, provider.discoveryRequests());
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 302, 308, 399})
    void aRedirectedDiscoveryIsNotFollowed(int status) {
        server.on(DISCOVERY, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "/elsewhere?code=secret");
            LocalHttpServer.respond(ex, status, null, "");
        });
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
        assertEquals(status, e.status());
        assertTrue(e.getMessage().startsWith("OIDC discovery was redirected (GET " + provider.issuer()
                + "/.well-known/openid-configuration answered HTTP " + status + " to " + server.url() + "/elsewhere)."),
                e.getMessage());
        assertEquals(0, server.hits("/elsewhere"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://127.0.0.1/token", "http:///token", "http://u:p@127.0.0.1/token", "/relative/token",
        "http://127.0.0.1/a b", "http://127.0.0.1:99999/token", "", " "})
    void anUnusableDiscoveredTokenEndpointGetsNoSecret(String endpoint) {
        discovery(provider.issuer().toString(), endpoint);
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
        assertTrue(e.getMessage().contains(endpoint.isBlank() ? "returned no token_endpoint"
                : "returned an unusable token_endpoint"), e.getMessage());
        assertEquals(0, provider.tokenRequests().size());
    }

    @Test
    void discoveryThatIsNoJsonObjectIsAProviderError() {
        String issuer = "{\"issuer\":\"" + provider.issuer() + "\"";
        String[][] answers = {
            {"[]", "OIDC discovery returned no JSON object"},
            {"nonsense", "OIDC discovery returned no JSON object"},
            {"{\"issuer\":1}", "names no issuer"},
            {issuer + ",\"token_endpoint\":7}", "OIDC discovery returned no token_endpoint"},
            {issuer + "}", "OIDC discovery returned no token_endpoint"},
        };
        for (String[] a : answers) {
            server.on(DISCOVERY, (ex, r) -> LocalHttpServer.json(ex, 200, a[0]));
            ProviderException e = assertThrows(ProviderException.class,
                    () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
            assertEquals(200, e.status(), a[0]);
            assertTrue(e.getMessage().contains(a[1]), a[0] + ": " + e.getMessage());
        }
        assertEquals(0, provider.tokenRequests().size());
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 500})
    void aDiscoveryOutageIsRetriedAndSaysSo(int status) {
        server.on(DISCOVERY, (ex, r) -> LocalHttpServer.json(ex, status, "{}"));
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticateWithListener(fastAuthenticator(clientCredentials(provider.clientSecret).build())));
        assertEquals(status, e.status());
        assertTrue(e.getMessage().startsWith("OIDC discovery failed: GET " + provider.issuer()
                + "/.well-known/openid-configuration answered HTTP " + status + ". The OIDC provider may be down or "
                + "overloaded"), e.getMessage());
        assertEquals(3, server.hits(DISCOVERY));
        assertEquals(2, retries.size());
    }

    @Test
    void theIssuerIsAskedAgainAfterItsTokenEndpointRedirects() throws Exception {
        discovery(provider.issuer().toString(), server.url() + "/moved-token");
        server.on("/moved-token", (ex, r) -> {
            ex.getResponseHeaders().set("Location", FakeOidcProvider.TOKEN_PATH);
            LocalHttpServer.respond(ex, 301, null, "");
        });
        assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
        discovery(provider.issuer().toString(), provider.tokenEndpoint().toString());
        authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        assertEquals(2, server.hits(DISCOVERY));
        assertEquals(1, provider.tokenRequests().size());
    }

    @Test
    void theIssuerIsAskedAgainAfterAnAnswerThatIsNoOidcError() throws Exception {
        discovery(provider.issuer().toString(), server.url() + "/not-a-token-endpoint");
        server.on("/not-a-token-endpoint", (ex, r) -> LocalHttpServer.respond(ex, 404, "text/html", "<h1>404</h1>"));
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
        assertEquals(404, e.status());
        assertNull(e.error());
        assertTrue(e.getMessage().startsWith("The OIDC provider refused the token request for client_credentials grant "
                + "for client sd-api at " + provider.issuer() + " (POST " + server.url() + "/not-a-token-endpoint "
                + "answered HTTP 404). Check the token endpoint or issuer URL."), e.getMessage());
        discovery(provider.issuer().toString(), provider.tokenEndpoint().toString());
        authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        assertEquals(2, server.hits(DISCOVERY));
    }

    @Test
    void theIssuerIsNotAskedAgainAfterAnOidcError() {
        for (int i = 0; i < 2; i++) {
            assertThrows(ProviderException.class,
                    () -> authenticator(clientCredentials("wrong").build(), cache).authenticate());
        }
        assertEquals(1, server.hits(DISCOVERY));
        assertEquals(2, provider.tokenRequests().size());
    }

    @Test
    void theIssuerIsAskedAgainAfterItsTokenEndpointCannotBeReached() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String unreachable = "http://127.0.0.1:" + port;
        discovery(provider.issuer().toString(), unreachable + FakeOidcProvider.TOKEN_PATH);
        OidcSettings s = clientCredentials(provider.clientSecret).allowTokenEndpointOrigin(URI.create(unreachable))
                .build();
        NetworkException e = assertThrows(NetworkException.class, () -> authenticateWithListener(fastAuthenticator(s)));
        assertEquals(NetworkException.Reason.CONNECTION_REFUSED, e.reason());
        assertEquals(2, retries.size(), "a refused connection may pass: three attempts");
        assertTrue(retries.get(0).message().startsWith("The OIDC token endpoint refused the connection"),
                retries.get(0).message());
        discovery(provider.issuer().toString(), provider.tokenEndpoint().toString());
        fastAuthenticator(s).authenticate();
        assertEquals(2, server.hits(DISCOVERY));
        assertEquals(1, provider.tokenRequests().size());
    }

    @Test
    void anIssuerThatRefusesConnectionsIsAskedThreeTimes() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .issuer(URI.create("http://127.0.0.1:" + port + "/auth/realms/x")).clientSecret(SecretText.of("x"))
                .build();
        NetworkException e = assertThrows(NetworkException.class, () -> authenticateWithListener(fastAuthenticator(s)));
        assertEquals(NetworkException.Reason.CONNECTION_REFUSED, e.reason());
        assertEquals(2, retries.size());
        assertTrue(retries.get(0).message().startsWith("The OIDC provider refused the connection"),
                retries.get(0).message());
    }

    @Test
    void anUnknownHostIsNotAskedAgain() {
        // A reserved name (RFC 2606) that no resolver knows: nothing leaves the machine but the lookup.
        for (OidcSettings.Builder b : List.of(
                OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                        .issuer(URI.create("http://idp.does-not-exist.invalid/auth/realms/x")),
                OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                        .tokenEndpoint(URI.create("http://idp.does-not-exist.invalid/token")))) {
            NetworkException e = assertThrows(NetworkException.class,
                    () -> authenticateWithListener(fastAuthenticator(b.clientSecret(SecretText.of("x")).build())));
            assertEquals(NetworkException.Reason.UNKNOWN_HOST, e.reason());
            assertEquals(List.of(), retries, "a configuration error, not a passing fault");
        }
    }

    @Test
    void invalidTlsSettingsFailBeforeAnythingIsSent() {
        TlsException e = assertThrows(TlsException.class, () -> new OidcAuthenticator(
                clientCredentials(provider.clientSecret).build(), TlsSettings.withExtraCa("not a certificate"),
                Duration.ofSeconds(5), Duration.ofSeconds(30), http, cache).authenticate());
        assertTrue(e.getMessage().startsWith("Cannot call the OIDC provider at " + provider.issuer() + ": "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Check the server's TLS settings and the provider URL."), e.getMessage());
        assertEquals(0, provider.discoveryRequests());
        assertEquals(0, provider.tokenRequests().size());
    }

    @Test
    void anApiThatRefusesTheTokenPointsAtItsTrustInTheProvider() {
        server.onPrefix(ServerSettings.API_PATH, (ex, r) -> LocalHttpServer.json(ex, 401,
                "{\"code\":401,\"message\":\"issuer not trusted\"}"));
        SeldonClient client = new SeldonClient(new ServerSettings(server.url()),
                authenticator(clientCredentials(provider.clientSecret).build(), cache), http);
        ApiAuthException e = assertThrows(ApiAuthException.class,
                () -> client.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
        assertTrue(e.getMessage().contains("Check that the API trusts this OIDC provider and client."), e.getMessage());
    }

    @Test
    void clearingTheCacheAsksTheIssuerAgain() throws Exception {
        authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        cache.clear();
        authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate();
        assertEquals(2, provider.discoveryRequests());
        assertEquals(2, provider.tokenRequests().size());
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 399, 400, 499, 500, 501})
    void theStatusOfATokenAnswerSaysWhetherItWasRedirectedRefusedOrAnOutage(int status) {
        server.on("/status-token", (ex, r) -> LocalHttpServer.json(ex, status, "{}"));
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .tokenEndpoint(URI.create(server.url() + "/status-token")).clientSecret(SecretText.of("x")).build();
        ProviderException e = assertThrows(ProviderException.class, () -> fastAuthenticator(s).authenticate());
        assertEquals(status, e.status());
        String where = "POST " + server.url() + "/status-token answered HTTP " + status;
        String expected = status < 400 ? "The OIDC token request was redirected (" + where + ")."
                : status < 500 ? "The OIDC provider refused the token request for " + s + " (" + where
                        + "). Check the token endpoint or issuer URL."
                : "The OIDC provider failed on the token request for " + s + " (" + where + "). The provider may be "
                        + "down or overloaded";
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertEquals(status == 500 ? 3 : 1, server.hits("/status-token"), "only 500, 502, 503 and 504 are retried");
    }

    @Test
    void theIssuerIsNotAskedAgainAfterAnOutageOfItsTokenEndpoint() {
        server.on(FakeOidcProvider.TOKEN_PATH, (ex, r) -> LocalHttpServer.respond(ex, 501, "text/html",
                "<h1>501</h1>"));
        for (int i = 0; i < 2; i++) {
            assertThrows(ProviderException.class,
                    () -> authenticator(clientCredentials(provider.clientSecret).build(), cache).authenticate());
        }
        assertEquals(1, server.hits(DISCOVERY));
        assertEquals(2, server.hits(FakeOidcProvider.TOKEN_PATH));
    }

    @Test
    void aTokenIsPrintableAsciiWithoutSpaces() throws Exception {
        for (String refused : new String[] {"a b", "a\\u007fb", "a\\u00e9b", "a\\u001fb"}) {
            server.on(FakeOidcProvider.TOKEN_PATH, (ex, r) -> LocalHttpServer.json(ex, 200,
                    "{\"id_token\":\"" + refused + "\"}"));
            ProviderException e = assertThrows(ProviderException.class,
                    () -> authenticator(clientCredentials(provider.clientSecret).build(), null).authenticate(),
                    refused);
            assertTrue(e.getMessage().contains("cannot be sent in an HTTP header"), e.getMessage());
        }
        server.on(FakeOidcProvider.TOKEN_PATH, (ex, r) -> LocalHttpServer.json(ex, 200,
                "{\"id_token\":\"!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~\"}"));
        assertEquals("!#$%&'()*+,-./09:;<=>?@AZ[]^_`az{|}~",
                token(authenticator(clientCredentials(provider.clientSecret).build(), null).authenticate()));
    }

    @Test
    void onlyNonEmptyStringsOfATokenAnswerCount() throws Exception {
        String access = provider.jwt("access", clock.instant().getEpochSecond() + 300);
        for (String idToken : new String[] {"\"\"", "42", "null", "[\"x\"]"}) {
            server.on(FakeOidcProvider.TOKEN_PATH, (ex, r) -> LocalHttpServer.json(ex, 200,
                    "{\"id_token\":" + idToken + ",\"access_token\":\"" + access + "\"}"));
            assertEquals(access, token(authenticator(clientCredentials(provider.clientSecret).build(), null)
                    .authenticate()), idToken);
        }
        for (String error : new String[] {"42", "\"\"", "{}"}) {
            server.on(FakeOidcProvider.TOKEN_PATH, (ex, r) -> LocalHttpServer.json(ex, 400,
                    "{\"error\":" + error + ",\"error_description\":\"ignored without an error\"}"));
            ProviderException e = assertThrows(ProviderException.class,
                    () -> authenticator(clientCredentials(provider.clientSecret).build(), null).authenticate());
            assertNull(e.error(), error);
            assertFalse(e.getMessage().contains("ignored"), e.getMessage());
            assertTrue(e.getMessage().contains("answered HTTP 400). Check the token endpoint"), e.getMessage());
        }
    }

    @Test
    void aJwtExpiryIsANumericExpClaim() {
        for (String claims : new String[] {"{}", "{\"exp\":\"1700000000\"}", "{\"exp\":null}", "{\"exp\":true}",
            "[1700000000]", "1700000000"}) {
            assertNull(OidcAuthenticator.jwtExpiry(jwtWithClaims(claims)), claims);
        }
        assertNull(OidcAuthenticator.jwtExpiry("e30.bm90IGpzb24.sig"), "claims that are no JSON");
        assertNull(OidcAuthenticator.jwtExpiry("e30.e30"), "two parts");
        assertNull(OidcAuthenticator.jwtExpiry("e30.e30.sig.more"), "four parts");
        assertEquals(Instant.ofEpochSecond(1700000000),
                OidcAuthenticator.jwtExpiry(jwtWithClaims("{\"exp\":1700000000.9}")));
        // Beyond 2^53, where a double loses seconds: read exactly.
        assertEquals(Instant.ofEpochSecond(9007199254740993L),
                OidcAuthenticator.jwtExpiry(jwtWithClaims("{\"exp\":9007199254740993}")));
    }

    @Test
    void aJwtExpiryAtTheEndsOfTimeIsClampedExactly() {
        long max = Instant.MAX.getEpochSecond();
        // The nearest double to the last second an Instant holds lies one second beyond it.
        assertEquals(Instant.ofEpochSecond(max),
                OidcAuthenticator.jwtExpiry(jwtWithClaims("{\"exp\":" + (max + 1) + "}")));
        assertEquals(Instant.ofEpochSecond(-max),
                OidcAuthenticator.jwtExpiry(jwtWithClaims("{\"exp\":" + (-max - 1) + "}")));
        assertEquals(Instant.ofEpochSecond(max), OidcAuthenticator.jwtExpiry(jwtWithClaims("{\"exp\":1e999}")));
    }

    @Test
    void anAlreadyExpiredExpIsIgnoredForExpiresIn() throws Exception {
        long past = clock.instant().getEpochSecond() - 10;
        tokenAnswer("{\"exp\":" + past + "}", "120");
        assertEquals(clock.instant().plusSeconds(120), authenticator(clientCredentials(provider.clientSecret).build(),
                new TokenCache(clock, Duration.ofSeconds(30))).authenticate().expiresAt());
        long now = clock.instant().getEpochSecond();
        tokenAnswer("{\"exp\":" + now + "}", null);
        assertEquals(clock.instant().plus(OidcAuthenticator.UNKNOWN_LIFETIME), authenticator(
                clientCredentials(provider.clientSecret).build(), new TokenCache(clock, Duration.ofSeconds(30)))
                .authenticate().expiresAt());
        tokenAnswer("{\"exp\":" + (now + 1) + "}", "600");
        assertEquals(Instant.ofEpochSecond(now + 1), authenticator(clientCredentials(provider.clientSecret).build(),
                new TokenCache(clock, Duration.ofSeconds(30))).authenticate().expiresAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"120\"", "0", "0.5", "-1", "null", "true", "{}"})
    void aMissingOrUnusableExpiresInMeansAShortLifetime(String expiresIn) throws Exception {
        tokenAnswer("{}", expiresIn);
        assertEquals(clock.instant().plus(OidcAuthenticator.UNKNOWN_LIFETIME), authenticator(
                clientCredentials(provider.clientSecret).build(), cache).authenticate().expiresAt());
    }

    @Test
    void expiresInIsWholeSecondsAndAtLeastOne() throws Exception {
        tokenAnswer("{}", "1");
        assertEquals(clock.instant().plusSeconds(1), authenticator(clientCredentials(provider.clientSecret).build(),
                new TokenCache(clock, Duration.ofSeconds(30))).authenticate().expiresAt());
        tokenAnswer("{}", "90.9");
        assertEquals(clock.instant().plusSeconds(90), authenticator(clientCredentials(provider.clientSecret).build(),
                new TokenCache(clock, Duration.ofSeconds(30))).authenticate().expiresAt());
        tokenAnswer("{}", String.valueOf(OidcAuthenticator.MAX_LIFETIME.toSeconds() + 1));
        assertEquals(clock.instant().plus(OidcAuthenticator.MAX_LIFETIME), authenticator(
                clientCredentials(provider.clientSecret).build(), new TokenCache(clock, Duration.ofSeconds(30)))
                .authenticate().expiresAt());
    }

    // Absurd token lifetimes (item 5).

    private void tokenAnswer(String claims, String expiresIn) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String jwt = b64.encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".sig";
        server.on(FakeOidcProvider.TOKEN_PATH, (ex, r) -> LocalHttpServer.json(ex, 200,
                "{\"id_token\":\"" + jwt + "\"" + (expiresIn == null ? "" : ",\"expires_in\":" + expiresIn) + "}"));
    }

    @Test
    void absurdLifetimesAreClamped() throws Exception {
        Instant now = clock.instant();
        String[][] answers = {
            {"{\"exp\":1e30}", null},
            {"{\"exp\":9223372036854775807}", null},
            {"{\"exp\":100000000000000000000000000000}", null},
            {"{\"exp\":-1e30}", "9223372036854775807"},
            {"{}", "1e30"},
            {"{\"exp\":\"soon\"}", "-5"},
        };
        for (String[] a : answers) {
            tokenAnswer(a[0], a[1]);
            AuthHeader h = authenticator(clientCredentials(provider.clientSecret).build(),
                    new TokenCache(clock, Duration.ofSeconds(30))).authenticate();
            String what = a[0] + " / expires_in " + a[1];
            assertTrue(!h.expiresAt().isAfter(now.plus(OidcAuthenticator.MAX_LIFETIME)), what + ": " + h.expiresAt());
            assertTrue(h.expiresAt().isAfter(now), what + ": " + h.expiresAt());
        }
        assertEquals(Instant.ofEpochSecond(Instant.MAX.getEpochSecond()),
                OidcAuthenticator.jwtExpiry(jwtWithClaims("{\"exp\":1e300}")));
        assertEquals(Instant.ofEpochSecond(-Instant.MAX.getEpochSecond()),
                OidcAuthenticator.jwtExpiry(jwtWithClaims("{\"exp\":-1e300}")));
    }

    private static String jwtWithClaims(String claims) {
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        return "e30." + b64.encodeToString(claims.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".sig";
    }

    @Test
    void aTokenThatCannotBeAHeaderIsAProviderError() {
        server.on(FakeOidcProvider.TOKEN_PATH, (ex, r) -> LocalHttpServer.json(ex, 200,
                "{\"id_token\":\"abc\\r\\nX-Injected: 1\"}"));
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(clientCredentials(provider.clientSecret).build(), null).authenticate());
        assertTrue(e.getMessage().contains("cannot be sent in an HTTP header"), e.getMessage());
    }

    // Outages and retries of provider calls (items 8 and 9).

    private final List<io.jenkins.plugins.seldon.client.http.RetryListener.Retry> retries =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private OidcAuthenticator fastAuthenticator(OidcSettings s) {
        return new OidcAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(30),
                io.jenkins.plugins.seldon.testing.TestHttp.factory(), cache);
    }

    private AuthHeader authenticateWithListener(OidcAuthenticator auth) throws Exception {
        return io.jenkins.plugins.seldon.client.http.HttpCalls.await(auth.authenticateAsync(retries::add),
                Duration.ofSeconds(60), "the test");
    }

    @Test
    void aTokenEndpointOutageIsRetriedAndSaysSo() throws Exception {
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        server.on("/flaky-token", (ex, r) -> {
            if (calls.incrementAndGet() == 1) {
                ex.getResponseHeaders().set("Retry-After", "1");
                LocalHttpServer.json(ex, 503, "{\"error\":\"temporarily_unavailable\"}");
            } else {
                LocalHttpServer.json(ex, 200, "{\"id_token\":\"" + provider.jwt("late", clock.instant()
                        .getEpochSecond() + 300) + "\"}");
            }
        });
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .tokenEndpoint(URI.create(server.url() + "/flaky-token")).clientSecret(SecretText.of("x")).build();
        AuthHeader h = authenticateWithListener(fastAuthenticator(s));
        assertEquals("late", FakeOidcProvider.id(token(h)));
        assertEquals(2, calls.get());
        assertEquals(1, retries.size());
        assertEquals("The OIDC token endpoint answered HTTP 503 (POST " + server.url() + "/flaky-token); retrying in",
                retries.get(0).message().substring(0, retries.get(0).message().indexOf(" in ") + 3));
        assertTrue(retries.get(0).delay().compareTo(Duration.ofSeconds(1)) >= 0, retries.get(0).toString());
    }

    @Test
    void aLastingOutageSaysSoInsteadOfBlamingTheIssuerUrl() {
        server.on("/down-token", (ex, r) -> LocalHttpServer.respond(ex, 503, "text/html", "<html>Service Unavailable</html>"));
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .tokenEndpoint(URI.create(server.url() + "/down-token")).clientSecret(SecretText.of("x")).build();
        ProviderException e = assertThrows(ProviderException.class, () -> fastAuthenticator(s).authenticate());
        assertEquals(503, e.status());
        assertTrue(e.getMessage().contains("may be down or overloaded"), e.getMessage());
        assertFalse(e.getMessage().contains("issuer URL"), e.getMessage());
        assertEquals(3, server.hits("/down-token"));

        server.on(DISCOVERY, (ex, r) -> LocalHttpServer.json(ex, 502, "{}"));
        ProviderException d = assertThrows(ProviderException.class,
                () -> fastAuthenticator(clientCredentials(provider.clientSecret).build()).authenticate());
        assertTrue(d.getMessage().contains("may be down or overloaded"), d.getMessage());
        assertFalse(d.getMessage().contains("issuer URL"), d.getMessage());
        assertEquals(3, server.hits(DISCOVERY));
    }

    @Test
    void aRefusedTokenRequestIsNeverRepeated() {
        for (int status : new int[] {400, 401, 403, 429}) {
            String path = "/refusing-" + status;
            server.on(path, (ex, r) -> {
                ex.getResponseHeaders().set("Retry-After", "0");
                LocalHttpServer.json(ex, status, "{\"error\":\"invalid_client\"}");
            });
            OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                    .tokenEndpoint(URI.create(server.url() + path)).clientSecret(SecretText.of("x")).build();
            assertThrows(ProviderException.class, () -> fastAuthenticator(s).authenticate());
            assertEquals(1, server.hits(path), "HTTP " + status);
        }
    }

    // Abandoned token requests (item 6).

    @Test
    void theSharedTokenRequestIsCancelledWhenItsLastWaiterLeaves() throws Exception {
        // The provider never answers within the test: only cancellation ends the request.
        provider.delayMillis = 120_000;
        OidcSettings s = clientCredentials(provider.clientSecret).build();
        OidcAuthenticator slow = new OidcAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5),
                Duration.ofSeconds(120), http, cache);
        java.util.concurrent.CompletableFuture<AuthHeader> first = slow.authenticateAsync(retries::add);
        java.util.concurrent.CompletableFuture<AuthHeader> second = authenticator(s, cache)
                .authenticateAsync(retries::add);
        for (int i = 0; i < 300 && provider.tokenRequests().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(1, provider.tokenRequests().size());
        first.cancel(true);
        Thread.sleep(300);
        assertEquals(1, runningCalls(), "another caller still waits for the token request");
        assertFalse(second.isDone());
        second.cancel(true);
        awaitNoRunningCalls();
        assertEquals(1, provider.tokenRequests().size());
    }

    private int runningCalls() {
        return http.forEndpoint(provider.issuer(), TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(120))
                .dispatcher().runningCallsCount();
    }

    private void awaitNoRunningCalls() throws InterruptedException {
        for (int i = 0; i < 300 && runningCalls() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, runningCalls(), "the token request was cancelled");
    }

    /** Through the API client: cancelling a poll whose token request hangs cancels that request too. */
    @Test
    void anAbandonedApiCallAbandonsItsTokenRequest() throws Exception {
        provider.delayMillis = 120_000;
        OidcAuthenticator slow = new OidcAuthenticator(clientCredentials(provider.clientSecret).build(),
                TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(120), http, cache);
        io.jenkins.plugins.seldon.client.api.SeldonClient client = new io.jenkins.plugins.seldon.client.api.SeldonClient(
                new io.jenkins.plugins.seldon.client.ServerSettings(server.url()), slow, http);
        java.util.concurrent.CompletableFuture<?> poll = client.getAsync(
                io.jenkins.plugins.seldon.client.api.ResourceKind.SELDON_DEPLOYMENT, "staging", "iris");
        for (int i = 0; i < 300 && provider.tokenRequests().isEmpty(); i++) {
            Thread.sleep(100);
        }
        assertEquals(1, provider.tokenRequests().size());
        poll.cancel(true);
        awaitNoRunningCalls();
    }
}
