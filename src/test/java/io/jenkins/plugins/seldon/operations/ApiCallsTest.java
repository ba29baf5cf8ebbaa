package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.api.ApiPathPatterns;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls of any path: checked before sending, audited like the named steps, logged without values; who am I. */
class ApiCallsTest {

    private static final String MESSAGE = "Jenkins team/ops #4";

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private FakeSeldonApi api;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        api = server.api;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiCalls calls(String allowlist) {
        return new ApiCalls(server.client, log, ApiPathPatterns.parse(allowlist), MESSAGE);
    }

    @Test
    void aCallReachesItsPathWithTheBuildsAuditWhereTheApiTakesIt() throws Exception {
        JsonNode created = calls(null).call("post", "/namespaces/models/seldondeployments",
                Map.of(), FakeSeldonApi.deployment("iris", "gs://m/iris"));

        assertEquals("iris", created.at("/metadata/name").asText());
        FakeSeldonApi.Write write = api.writes().get(0);
        assertEquals("Deployment created", write.action());
        assertEquals(MESSAGE, write.message());
        JsonNode list = calls(null).call("GET", "namespaces/models/seldondeployments", Map.of(), null);
        assertEquals(1, list.path("items").size());
        assertEquals(List.of("API call POST /namespaces/models/seldondeployments and a body",
                "API call POST /namespaces/models/seldondeployments succeeded",
                "API call GET /namespaces/models/seldondeployments",
                "API call GET /namespaces/models/seldondeployments succeeded"), log.lines);
    }

    @Test
    void everyWriteToAResourceCarriesItsOwnAuditActionAndOtherWritesAGenericOne() throws Exception {
        api.gitOpsNamespace("models", 0);
        ApiCalls calls = calls(null);
        String path = "/namespaces/models/seldondeployments/iris";
        calls.call("POST", "/namespaces/models/seldondeployments", Map.of(), FakeSeldonApi.deployment("iris", "gs://m/1"));
        calls.call("PUT", path, Map.of(), FakeSeldonApi.deployment("iris", "gs://m/2"));
        List<String> hashes = api.commitHashes(FakeSeldonApi.KIND, "models", "iris");
        calls.call("POST", path + "/gitrevert", Map.of("hash", hashes.get(0)), null);
        calls.call("POST", path + "/gitrestore", Map.of("hash", hashes.get(0)), null);
        calls.call("DELETE", path, Map.of(), null);
        assertEquals(List.of("Deployment created", "Deployment updated", "Deployment reverted", "Deployment restored",
                "Deployment deleted"), api.commits().stream().map(FakeSeldonApi.Commit::auditAction).toList());

        api.seed("models", FakeSeldonApi.pipeline("main", "m"));
        api.seed("models", FakeSeldonApi.candidatePipeline("main-v2", "main", "canary", "m"));
        calls.call("POST", "/namespaces/models/pipelines/main/experiment/canary", Map.of("weight", 10), null);
        assertEquals("API call", api.writes().get(api.writes().size() - 1).action());
    }

    @Test
    void readsWithoutAnActionOfTheirOwnAndUnknownPathsAreSentAsTheyAre() throws Exception {
        api.seed("models", FakeSeldonApi.pipeline("main", "m"));
        api.seed("models", FakeSeldonApi.model("m", "gs://m/m"));
        assertEquals(1, calls(null).call("GET", "/namespaces/models/pipelines/main/models", Map.of(), null)
                .path("items").size());
        assertThrows(NotFoundException.class, () -> calls(null).call("GET", "/namespaces/models/unknown", Map.of(),
                null));
        assertThrows(InvalidInputException.class, () -> calls(null).call(null, "/user", Map.of(), null));
    }

    @Test
    void queryValuesAreTextNumbersBooleansOrListsOfThem() throws Exception {
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("name", List.of("iris", "wine"));
        query.put("pageSize", 5);
        query.put("project", true);
        query.put("URI", new StringBuilder("gs://m"));
        calls(null).call("GET", "/model/metadata", query, null);
        assertEquals(java.util.Set.of("name", "pageSize", "project", "URI"),
                api.requests().get(api.requests().size() - 1).queryParameterNames());

        Map<String, Object> withNull = new LinkedHashMap<>();
        withNull.put("name", null);
        assertEquals("The query parameter name must be text, a number, a boolean or a list of them, not null",
                assertThrows(InvalidInputException.class, () -> calls(null).call("GET", "/model/metadata", withNull,
                        null)).getMessage());
        assertEquals("The query parameter name must be text, a number, a boolean or a list of them, not ArrayList",
                assertThrows(InvalidInputException.class, () -> calls(null).call("GET", "/model/metadata",
                        Map.of("name", List.of(new java.util.ArrayList<>())), null)).getMessage());
    }

    @Test
    void queryValuesAndBodiesAreNeverLogged() throws Exception {
        api.seedModelMetadata(io.jenkins.plugins.seldon.client.Json.object().put("URI", "gs://secret-bucket/m"));

        Map<String, Object> query = new LinkedHashMap<>();
        query.put("URI", "gs://secret-bucket/m");
        query.put("pageSize", 5);
        JsonNode page = calls(null).call("GET", "/model/metadata", query, null);

        assertEquals(1, page.path("models").size());
        assertEquals("API call GET /model/metadata with query parameters URI, pageSize", log.lines.get(0));
        assertFalse(String.join("\n", log.lines).contains("secret-bucket"));
    }

    @Test
    void pathsOutsideTheBaseUrlOrTheAllowlistAreRefusedBeforeAnyRequest() {
        for (String bad : List.of("../../admin", "/namespaces/%2E%2E/x", "https://evil.example.com/x", "/a%2Fb")) {
            assertThrows(InvalidInputException.class, () -> calls(null).call("GET", bad, Map.of(), null), bad);
        }
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> calls("GET /namespaces/*/seldondeployments/**\nGET /user").call("DELETE",
                        "/namespaces/models/seldondeployments/iris", Map.of(), null));
        assertEquals("The server's administrator does not allow DELETE /namespaces/models/seldondeployments/iris"
                + " through seldonApi; allowed are:\n  GET /namespaces/*/seldondeployments/**\n  GET /user",
                refused.getMessage());
        assertThrows(InvalidInputException.class, () -> calls(null).call("PATCH", "/user", Map.of(), null));
        assertThrows(InvalidInputException.class, () -> calls(null).call("GET", "/user", Map.of("x", Map.of()),
                null));
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void whatTheServerAnswersIsReportedAsForTheNamedSteps() {
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> calls(null).call("GET", "/namespaces/models/seldondeployments/nope", Map.of(), null));
        assertTrue(e.getMessage().contains("failed: HTTP 404. SeldonDeployment 'nope' in namespace 'models' does not"
                + " exist."), e.getMessage());
    }

    @Test
    void whoAmISaysWhoTheBuildIsAndWhatTheServerRuns() throws Exception {
        Map<String, Object> me = ServerInfo.whoAmI(server.client, log, "prod");

        assertEquals("prod", me.get("server"));
        assertEquals(Map.of("id", "jenkins", "name", "jenkins", "email", "jenkins@example.com",
                "groups", List.of("deployers")), me.get("user"));
        assertEquals("2.4", me.get("release"));
        assertEquals(true, me.get("supported"));
        assertEquals("Server prod (" + api.apiUrl() + ") runs Seldon Enterprise Platform 2.4.0; this build acts as"
                + " jenkins (groups: deployers)", log.lines.get(0));

        api.serverVersion("2.0.3");
        Map<String, Object> old = ServerInfo.whoAmI(server.client, log, "prod");
        assertEquals(false, old.get("supported"));
        assertTrue(log.lines.get(2).startsWith("WARN Server prod runs 2.0.3; the plugin supports Seldon Enterprise"
                + " Platform 2.1 and newer"), log.lines.get(2));
    }
}
