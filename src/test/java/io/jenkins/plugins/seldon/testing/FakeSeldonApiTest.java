package io.jenkins.plugins.seldon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.StatusStep;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake itself, driven over plain HTTP with locally minted tokens, so that tests built on it can trust it. */
class FakeSeldonApiTest {

    private static final String SDEPS = "/namespaces/staging/seldondeployments";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, clock);
    private final HttpClient http = HttpClient.newHttpClient();
    private FakeSeldonApi api;
    private String token;

    @BeforeEach
    void start() throws IOException {
        api = FakeSeldonApi.start(issuer.verifier());
        token = issuer.token("alice", "deployers");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> call(String method, String path, JsonNode body, String bearer)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.apiUrl() + path));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body.toString()));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        return call(method, path, body, token);
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return Jwt.JSON.readTree(r.body());
    }

    private static void assertSeldonError(HttpResponse<String> r, int status) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode e = json(r);
        assertEquals(status, e.path("code").asInt());
        assertFalse(e.path("message").asText().isEmpty());
        assertEquals(r.headers().firstValue(FakeSeldonApi.REQUEST_ID_HEADER).orElseThrow(), e.path("requestId").asText());
    }

    @Test
    void rejectsMissingForgedTamperedExpiredAndForeignTokens() throws Exception {
        assertSeldonError(call("GET", "/user", null, null), 401);
        assertSeldonError(call("GET", "/user", null, "not-a-jwt"), 401);
        assertSeldonError(call("GET", "/user", null, issuer.forger().token("alice")), 401);
        String[] parts = token.split("\\.");
        ObjectNode claims = Jwt.parse(token).payload().put("preferred_username", "admin");
        String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Jwt.JSON.writeValueAsBytes(claims)) + "." + parts[2];
        assertSeldonError(call("GET", "/user", null, tampered), 401);
        assertSeldonError(call("GET", "/user", null, new TestTokenIssuer("https://elsewhere.invalid/realms/x", clock)
                .token("alice")), 401);
        assertSeldonError(call("GET", "/user", null, issuer.sign(Jwt.parse(token).payload().put("iss",
                "https://elsewhere.invalid"))), 401);

        assertEquals(200, call("GET", "/user", null).statusCode());
        clock.advance(Duration.ofMinutes(5));
        HttpResponse<String> expired = call("GET", "/user", null);
        assertSeldonError(expired, 401);
        assertTrue(expired.body().contains("expired"), expired.body());
        assertTrue(expired.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
    }

    @Test
    void userAndVersionFollowTheSpec() throws Exception {
        JsonNode user = json(call("GET", "/user", null));
        assertEquals("alice", user.path("Id").asText());
        assertEquals("alice@example.com", user.path("Email").asText());
        assertEquals("deployers", user.path("Groups").path(0).asText());
        assertEquals("2.4.0", json(call("GET", "/version", null)).path("BuildVersion").asText());
    }

    @Test
    void createReadListUpdateDelete() throws Exception {
        ObjectNode sd = FakeSeldonApi.deployment("iris", "gs://models/iris/1");
        JsonNode created = json(call("POST", SDEPS + "?action=Deployment%20created&message=Jenkins%20job%20%231", sd));
        JsonNode meta = created.path("metadata");
        assertEquals("staging", meta.path("namespace").asText());
        assertEquals(1, meta.path("generation").asInt());
        assertFalse(meta.path("uid").asText().isEmpty());
        assertFalse(meta.path("creationTimestamp").asText().isEmpty());
        assertTrue(created.path("status").isMissingNode(), "the controller has not seen it yet");
        assertSeldonError(call("POST", SDEPS, sd), 409);

        assertEquals("iris", json(call("GET", SDEPS, null)).path("items").path(0).path("metadata").path("name").asText());
        assertEquals("SeldonDeploymentList", json(call("GET", SDEPS, null)).path("kind").asText());

        ObjectNode changed = json(call("GET", SDEPS + "/iris", null)).deepCopy();
        ((ObjectNode) changed.path("spec").path("predictors").path(0).path("graph")).put("modelUri", "gs://models/iris/2");
        JsonNode updated = json(call("PUT", SDEPS + "/iris?action=Deployment%20updated&message=m", changed));
        assertEquals(2, updated.path("metadata").path("generation").asInt());
        assertEquals(meta.path("uid"), updated.path("metadata").path("uid"));
        assertNotEquals(meta.path("resourceVersion"), updated.path("metadata").path("resourceVersion"));

        assertSeldonError(call("PUT", SDEPS + "/iris", changed), 409); // changed carries the old resourceVersion
        ((ObjectNode) changed.get("metadata")).remove("resourceVersion");
        assertEquals(200, call("PUT", SDEPS + "/iris", changed).statusCode(), "no resourceVersion: last write wins");

        assertEquals("{}", call("DELETE", SDEPS + "/iris?action=Deployment%20deleted&message=m", null).body());
        assertSeldonError(call("GET", SDEPS + "/iris", null), 404);
        assertSeldonError(call("DELETE", SDEPS + "/iris", null), 404);

        assertEquals(4, api.writes().size());
        assertEquals("Deployment created", api.writes().get(0).action());
        assertEquals("Jenkins job #1", api.writes().get(0).message());
        assertEquals("alice", api.writes().get(0).principal());
        assertNull(api.writes().get(2).action());
        FakeSeldonApi.RecordedRequest first = api.requests().get(0);
        assertEquals("POST", first.method());
        assertEquals(FakeSeldonApi.BASE_PATH + SDEPS, first.rawPath());
        assertEquals(Set.of("action", "message"), first.queryParameterNames());
        assertEquals("alice", first.principal());
    }

    @Test
    void rejectsBadManifests() throws Exception {
        ObjectNode sd = FakeSeldonApi.deployment("iris", "gs://m");
        assertSeldonError(call("PUT", SDEPS + "/other", sd), 400);
        ((ObjectNode) sd.get("metadata")).put("namespace", "production");
        assertSeldonError(call("POST", SDEPS, sd), 400);
        assertSeldonError(call("POST", SDEPS, Jwt.JSON.createObjectNode().put("kind", "Pod")), 400);
        assertSeldonError(call("PATCH", SDEPS + "/iris", null), 405);
        assertSeldonError(call("GET", "/namespaces/staging/unknown", null), 404);
    }

    @Test
    void statusFollowsTheScriptOneStepPerRead() throws Exception {
        api.scriptNextWrite("staging", "iris", StatusStep.creating(), StatusStep.failed("reconcile error"),
                StatusStep.failed("reconcile error"), StatusStep.available());
        call("POST", SDEPS, FakeSeldonApi.deployment("iris", "gs://m"));
        assertEquals("Creating", state());
        assertEquals("Failed", state());
        assertEquals("reconcile error", json(call("GET", SDEPS, null)).path("items").path(0).path("status")
                .path("description").asText(), "a list counts as a read too");
        assertEquals("Available", state());
        assertEquals("Available", state(), "the last step stays");
        assertFalse(api.stored("staging", "iris").path("status").has("observedGeneration"));
    }

    @Test
    void anUpdateShowsThePreviousStatusForSomeReads() throws Exception {
        api.staleReadsAfterUpdate(2).defaultStatusScript(StatusStep.available());
        call("POST", SDEPS, FakeSeldonApi.deployment("iris", "gs://m"));
        assertEquals("Available", state());
        String since = json(call("GET", SDEPS + "/iris", null)).path("status").path("conditions").path(0)
                .path("lastTransitionTime").asText();
        clock.advance(Duration.ofSeconds(30));
        api.scriptNextWrite("staging", "iris", StatusStep.creating(), StatusStep.available());
        call("PUT", SDEPS + "/iris", FakeSeldonApi.deployment("iris", "gs://m2"));
        assertEquals("Available", state());
        JsonNode stale = json(call("GET", SDEPS + "/iris", null));
        assertEquals(2, stale.path("metadata").path("generation").asInt());
        assertEquals(since, stale.path("status").path("conditions").path(0).path("lastTransitionTime").asText());
        assertEquals("Creating", state());
        assertEquals("Available", state());
    }

    @Test
    void gitOpsNamespacesShowWritesOnlyAfterSync() throws Exception {
        api.gitOpsNamespace("staging", 2);
        call("POST", SDEPS, FakeSeldonApi.deployment("iris", "gs://m"));
        assertSeldonError(call("GET", SDEPS + "/iris", null), 404);
        assertEquals(0, json(call("GET", SDEPS, null)).path("items").size());
        assertEquals("Creating", state());
        call("DELETE", SDEPS + "/iris", null);
        assertEquals(200, call("GET", SDEPS + "/iris", null).statusCode());
        assertEquals(200, call("GET", SDEPS + "/iris", null).statusCode());
        assertSeldonError(call("GET", SDEPS + "/iris", null), 404);
    }

    @Test
    void restrictedNamespacesAnswer403() throws Exception {
        api.restrictNamespace("production", "release-managers");
        HttpResponse<String> r = call("GET", "/namespaces/production/seldondeployments", null);
        assertSeldonError(r, 403);
        assertTrue(json(r).path("message").asText().contains("production"));
        assertEquals(200, call("GET", "/namespaces/production/seldondeployments", null,
                issuer.token("bob", "release-managers")).statusCode());
    }

    @Test
    void injectedFailuresRevocationAndNotFoundStyle() throws Exception {
        api.failNextRequest(424, "git push failed");
        HttpResponse<String> r = call("GET", SDEPS, null);
        assertSeldonError(r, 424);
        assertEquals("git push failed", json(r).path("message").asText());
        assertEquals(200, call("GET", SDEPS, null).statusCode());

        api.notFoundStatus(500);
        assertSeldonError(call("GET", SDEPS + "/missing", null), 500);

        api.revokeTokensSeenSoFar();
        assertSeldonError(call("GET", SDEPS, null), 401);
        assertEquals(200, call("GET", SDEPS, null, issuer.token("alice")).statusCode());
    }

    private String state() throws Exception {
        return json(call("GET", SDEPS + "/iris", null)).path("status").path("state").asText();
    }
}
