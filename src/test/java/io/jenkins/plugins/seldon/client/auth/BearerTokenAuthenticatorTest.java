package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.UnsupportedRequestException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.RecordedRequest;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pre-issued token against the fake API, which verifies every token's signature and expiry. */
class BearerTokenAuthenticatorTest {

    private final TestTokenIssuer issuer = new TestTokenIssuer();
    private final HttpClientFactory http = new HttpClientFactory();
    private FakeSeldonApi api;

    @BeforeEach
    void start() throws Exception {
        api = FakeSeldonApi.start(issuer.verifier());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private SeldonClient client(String token) {
        return new SeldonClient(new ServerSettings(api.baseUrl().toString()),
                new BearerTokenAuthenticator(SecretText.of(token), "credential 'seldon-token'", Clock.systemUTC(),
                        null), http);
    }

    private List<Integer> statuses() {
        return api.requests().stream().map(RecordedRequest::status).toList();
    }

    @Test
    void theTokenIsTheBearerAsItIs() throws Exception {
        client(issuer.token("ci-bot", "deployers")).list(ResourceKind.SELDON_DEPLOYMENT, "staging");
        assertEquals("ci-bot", api.requests().get(0).principal());
    }

    @Test
    void aCopiedBearerPrefixAndSurroundingWhiteSpaceAreIgnored() throws Exception {
        client("  Bearer " + issuer.token("ci-bot") + "\n").list(ResourceKind.SELDON_DEPLOYMENT, "staging");
        assertEquals(List.of(200), statuses());
    }

    @Test
    void anExpiredTokenIsRefusedOnceAndTheMessageSaysWhen() {
        String token = issuer.token("ci-bot", Duration.ofMinutes(-5));
        ApiAuthException e = assertThrows(ApiAuthException.class,
                () -> client(token).list(ResourceKind.SELDON_DEPLOYMENT, "staging"));
        assertEquals(List.of(401), statuses(), "nothing can get another token, so nothing is retried");
        assertTrue(e.getMessage().contains("did not accept the token of credential 'seldon-token' (a pre-issued "
                + "token)."), e.getMessage());
        assertTrue(e.getMessage().contains("The token expired at "), e.getMessage());
        assertTrue(e.getMessage().contains("Store a valid token in the Secret text credential"), e.getMessage());
        assertFalse(e.getMessage().contains("even after getting a new one"), e.getMessage());
        assertFalse(e.getMessage().contains(token), e.getMessage());
    }

    @Test
    void aRevokedTokenIsRefusedOnceWithoutClaimingItExpired() throws Exception {
        SeldonClient client = client(issuer.token("ci-bot"));
        client.list(ResourceKind.SELDON_DEPLOYMENT, "staging");
        api.revokeTokensSeenSoFar();
        ApiAuthException e = assertThrows(ApiAuthException.class,
                () -> client.list(ResourceKind.SELDON_DEPLOYMENT, "staging"));
        assertEquals(List.of(200, 401), statuses());
        assertTrue(e.getMessage().contains("The token is invalid, was revoked, or has expired."), e.getMessage());
    }

    /** Where the token's owner kept it to the API (its credential's domain), the inference URL gets nothing. */
    @Test
    void aTokenKeptToTheApiIsNotSentToTheInferenceUrl() throws Exception {
        String token = issuer.token("ci-bot");
        api.seed("staging", FakeSeldonApi.pipeline("iris", "classifier"));
        URI inference = api.baseUrl();
        Map<String, String> routing = Map.of("Seldon-Model", "iris.pipeline", "Host", "staging.inference.seldon");
        ObjectNode payload = JsonNodeFactory.instance.objectNode().set("inputs", JsonNodeFactory.instance.arrayNode());
        SeldonClient kept = new SeldonClient(new ServerSettings(api.baseUrl().toString()), new BearerTokenAuthenticator(
                SecretText.of(token), "credential 'seldon-token'", Clock.systemUTC(), "Kept to the API."), http);
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> kept.infer(inference, "iris", routing, payload, "Pipeline 'iris'"));
        assertEquals("Kept to the API.", e.getMessage());
        assertEquals(List.of(), api.requests(), "nothing was sent");
        assertEquals(List.of(), api.predictions());

        kept.list(ResourceKind.SELDON_DEPLOYMENT, "staging");
        assertEquals("ci-bot", api.requests().get(0).principal(), "the API still gets the token");
        client(token).infer(inference, "iris", routing, payload, "Pipeline 'iris'");
        assertEquals(1, api.predictions().size(), "a token not kept to the API goes to the inference URL");
    }

    @Test
    void anOpaqueTokenHasNoKnownExpiry() {
        BearerTokenAuthenticator auth = new BearerTokenAuthenticator(SecretText.of("opaque-token-value"), "test",
                Clock.fixed(Instant.now(), java.time.ZoneOffset.UTC), null);
        assertEquals(null, auth.authenticate().expiresAt());
        assertEquals("opaque-token-value", auth.authenticate().bearerToken().reveal());
        assertFalse(auth.renews());
    }

    @Test
    void aTokenThatCannotBeAHeaderIsRefusedWithoutShowingIt() {
        for (String bad : new String[] {"two words-secret-part", "line\nbreak-secret-part", "Bearer ",
            "tab\tsecret-part"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new BearerTokenAuthenticator(SecretText.of(bad), "credential 'x'", Clock.systemUTC(), null));
            assertTrue(e.getMessage().contains("credential 'x' cannot be sent in an HTTP header"), e.getMessage());
            assertFalse(e.getMessage().contains("secret-part"), e.getMessage());
        }
    }
}
