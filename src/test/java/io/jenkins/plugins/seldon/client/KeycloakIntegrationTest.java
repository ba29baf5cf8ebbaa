package io.jenkins.plugins.seldon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.RecordedRequest;
import io.jenkins.plugins.seldon.testing.Jwt;
import io.jenkins.plugins.seldon.testing.Keycloak;
import io.jenkins.plugins.seldon.testing.KeycloakExtension;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.OidcProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The real client against a real OIDC provider (Keycloak started by the build, or the {@code SELDON_IT_*} one) and
 * the fake API, which checks every token's signature with the provider's published keys.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakIntegrationTest {

    private static final String NS = "staging";
    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final OidcProvider provider;
    private final HttpClientFactory http = new HttpClientFactory();
    private final MutableClock apiClock = MutableClock.startingNow();
    private FakeSeldonApi api;

    KeycloakIntegrationTest(OidcProvider provider) {
        this.provider = provider;
    }

    @BeforeEach
    void startApi() throws Exception {
        api = FakeSeldonApi.start(provider.verifier(apiClock));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private OidcAuthenticator authenticator(OidcSettings settings, TokenCache cache) {
        return new OidcAuthenticator(settings, TlsSettings.verify(), TIMEOUT, TIMEOUT, http, cache);
    }

    private SeldonClient client(OidcAuthenticator auth) {
        return new SeldonClient(new ServerSettings(api.baseUrl().toString()), auth, http);
    }

    private SeldonClient client(OidcGrant grant, TokenCache cache) {
        return client(authenticator(provider.settings(grant).build(), cache));
    }

    private Set<String> tokensSeen() {
        return api.requests().stream().map(RecordedRequest::tokenId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
    }

    @Test
    void clientCredentialsGrantEndToEnd() throws Exception {
        String who = lifecycle(client(OidcGrant.CLIENT_CREDENTIALS, new TokenCache()));
        if (!provider.external()) {
            assertEquals("service-account-" + Keycloak.CLIENT_ID, who);
        }
    }

    @Test
    void passwordGrantEndToEnd() throws Exception {
        SeldonClient client = client(OidcGrant.PASSWORD, new TokenCache());
        String who = lifecycle(client);
        if (!provider.external()) {
            assertEquals(Keycloak.USERNAME, who);
            ObjectNode user = client.user();
            assertEquals("deployer@example.com", user.path("Email").asText());
            assertEquals("deployers", user.path("Groups").path(0).asText());
        }
    }

    /** List, create, read, update, delete as one principal; returns the user id the API saw. */
    private String lifecycle(SeldonClient client) throws Exception {
        assertEquals("2.4.0", client.version().path("BuildVersion").asText());
        assertEquals(0, client.list(SD, NS).size());

        ObjectNode created = client.create(SD, NS, FakeSeldonApi.deployment("iris", "gs://models/iris/1"),
                new WriteAudit("Deployment created", "Jenkins demo #1"));
        assertEquals("1", created.path("metadata").path("generation").asText());

        ObjectNode read = client.get(SD, NS, "iris");
        assertEquals(created.path("metadata").path("uid"), read.path("metadata").path("uid"));
        ((ObjectNode) read.path("spec").path("predictors").path(0).path("graph")).put("modelUri", "gs://models/iris/2");
        read.remove("status");
        ObjectNode updated = client.update(SD, NS, "iris", read, new WriteAudit("Deployment updated", "Jenkins demo #2"));
        assertEquals(2, updated.path("metadata").path("generation").asInt());
        assertEquals(1, client.list(SD, NS).size());

        client.delete(SD, NS, "iris", new WriteAudit("Deployment deleted", "Jenkins demo #3"));
        assertThrows(NotFoundException.class, () -> client.get(SD, NS, "iris"));

        List<FakeSeldonApi.Write> writes = api.writes();
        assertEquals(List.of("POST", "PUT", "DELETE"), writes.stream().map(FakeSeldonApi.Write::method).toList());
        assertEquals(List.of("Jenkins demo #1", "Jenkins demo #2", "Jenkins demo #3"),
                writes.stream().map(FakeSeldonApi.Write::message).toList());
        String who = client.user().path("Id").asText();
        assertFalse(who.isEmpty());
        assertTrue(api.requests().stream().allMatch(r -> who.equals(r.principal())), "every call authenticated");
        return who;
    }

    @Test
    void oneTokenServesManyCallsAndEveryJobWithTheSameCredentials() throws Exception {
        TokenCache shared = new TokenCache();
        SeldonClient job1 = client(OidcGrant.CLIENT_CREDENTIALS, shared);
        SeldonClient job2 = client(OidcGrant.CLIENT_CREDENTIALS, shared);
        job1.list(SD, NS);
        job1.user();
        job2.list(SD, NS);
        assertEquals(3, api.requests().size());
        assertEquals(1, tokensSeen().size(), "the cached token is reused");

        client(OidcGrant.PASSWORD, shared).list(SD, NS);
        assertEquals(2, tokensSeen().size(), "another principal gets its own token");
    }

    @Test
    void concurrentJobsShareOneTokenRequest() throws Exception {
        TokenCache shared = new TokenCache();
        int jobs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ArrayNode>> results = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                SeldonClient client = client(OidcGrant.PASSWORD, shared);
                results.add(pool.submit(() -> {
                    go.await();
                    return client.list(SD, NS);
                }));
            }
            go.countDown();
            for (Future<ArrayNode> r : results) {
                r.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(jobs, api.requests().size());
        assertEquals(1, tokensSeen().size(), "one token request served every job");
    }

    @Test
    void aWrongSecretNeverGetsTheCachedTokenOfTheRightOne() throws Exception {
        TokenCache shared = new TokenCache();
        client(OidcGrant.CLIENT_CREDENTIALS, shared).list(SD, NS);
        OidcSettings wrong = provider.settings(OidcGrant.CLIENT_CREDENTIALS)
                .clientSecret(SecretText.of("not-the-secret")).build();
        ProviderException e = assertThrows(ProviderException.class, () -> client(authenticator(wrong, shared))
                .list(SD, NS));
        assertTrue(Set.of("invalid_client", "unauthorized_client").contains(e.error()), e.getMessage());
        assertTrue(e.getMessage().contains(e.error()), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-secret"));
        assertEquals(1, api.requests().size(), "the API was never called with the wrong secret");
    }

    @Test
    void aWrongPasswordIsInvalidGrant() {
        OidcSettings wrong = provider.settings(OidcGrant.PASSWORD)
                .user(provider.username(), SecretText.of("not-the-password")).build();
        ProviderException e = assertThrows(ProviderException.class, () -> client(authenticator(wrong, null))
                .list(SD, NS));
        assertEquals("invalid_grant", e.error(), e.getMessage());
        assertTrue(e.getMessage().contains("invalid_grant"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"));
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void theTokenIsRenewedShortlyBeforeItExpires() throws Exception {
        MutableClock cacheClock = MutableClock.startingNow();
        SeldonClient client = client(OidcGrant.PASSWORD, new TokenCache(cacheClock, Duration.ofSeconds(5)));
        client.list(SD, NS);
        client.list(SD, NS);
        assertEquals(1, tokensSeen().size());
        // Well inside the realm's lifespan: still the same token (an external provider's may be longer).
        cacheClock.advance(Keycloak.TOKEN_LIFESPAN.dividedBy(4));
        client.list(SD, NS);
        assertEquals(1, tokensSeen().size());
        cacheClock.advance(Duration.ofHours(2)); // past any provider's lifespan
        client.list(SD, NS);
        assertEquals(2, tokensSeen().size(), "a new token after the old one expired");
        assertTrue(api.requests().stream().allMatch(r -> r.status() == 200));
    }

    @Test
    void aRevokedTokenIsReplacedOnceAfter401() throws Exception {
        SeldonClient client = client(OidcGrant.CLIENT_CREDENTIALS, new TokenCache());
        client.list(SD, NS);
        api.revokeTokensSeenSoFar();
        client.list(SD, NS);
        assertEquals(List.of(200, 401, 200), api.requests().stream().map(RecordedRequest::status).toList());
        assertEquals(2, tokensSeen().size());
    }

    @Test
    void theApiRejectsExpiredTokensAndTheClientGivesUpAfterOneRetry() throws Exception {
        SeldonClient client = client(OidcGrant.CLIENT_CREDENTIALS, new TokenCache());
        client.list(SD, NS);
        apiClock.advance(Duration.ofDays(2)); // every token the provider issues is now expired for the API
        ApiAuthException e = assertThrows(ApiAuthException.class, () -> client.list(SD, NS));
        assertEquals(401, e.status());
        assertTrue(e.serverMessage().contains("expired"), e.serverMessage());
        assertEquals(List.of(200, 401, 401), api.requests().stream().map(RecordedRequest::status).toList());
    }

    @Test
    void theApiRejectsForgedAndTamperedTokens() throws Exception {
        OidcAuthenticator auth = authenticator(provider.settings(OidcGrant.PASSWORD).build(), null);
        AuthHeader header = auth.authenticate();
        String token = header.bearerToken().reveal();
        assertEquals(200, rawGet(token));

        Jwt jwt = Jwt.parse(token);
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        String forged = Jwt.sign(jwt.payload(), jwt.header().path("kid").asText(), g.generateKeyPair().getPrivate());
        assertEquals(401, rawGet(forged));

        String[] parts = token.split("\\.");
        ObjectNode claims = jwt.payload().deepCopy().put("preferred_username", "admin");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertEquals(401, rawGet(tampered));
        assertNotEquals("admin", api.requests().get(0).principal());
    }

    @Test
    void idTokensExpireWithTheRealmsShortLifespan() throws Exception {
        Assumptions.assumeFalse(provider.external(), "the lifespan is configured only in the realm the tests import");
        AuthHeader header = authenticator(provider.settings(OidcGrant.CLIENT_CREDENTIALS).build(), null).authenticate();
        JsonNode claims = Jwt.parse(header.bearerToken().reveal()).payload();
        assertEquals("ID", claims.path("typ").asText(), "the id_token is the bearer, as Seldon expects");
        assertEquals(Keycloak.TOKEN_LIFESPAN.toSeconds(), claims.path("exp").asLong() - claims.path("iat").asLong());
        assertEquals(claims.path("exp").asLong(), header.expiresAt().getEpochSecond());
    }

    private int rawGet(String bearer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.apiUrl() + "/user"))
                .header("Authorization", "Bearer " + bearer).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
