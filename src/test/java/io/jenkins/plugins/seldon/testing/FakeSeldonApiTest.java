package io.jenkins.plugins.seldon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.StatusStep;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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

    // ---- Seldon Core v2 ----------------------------------------------------------------------------------------

    private static final String NS = "/namespaces/staging";

    private JsonNode condition(JsonNode resource, String type) {
        for (JsonNode c : resource.path("status").path("conditions")) {
            if (c.path("type").asText().equals(type)) {
                return c;
            }
        }
        return Jwt.JSON.createObjectNode();
    }

    @Test
    void pipelinesAndModelsFollowTheirScriptsWithTheirOperatorsConditions() throws Exception {
        api.scriptNextWrite(FakeSeldonApi.PIPELINE, "staging", "main", StatusStep.creating(),
                StatusStep.failed("Kafka down"), StatusStep.available());
        api.scriptNextWrite(FakeSeldonApi.MODEL, "staging", "iris", StatusStep.scheduleFailed("no matching server"));
        assertEquals(200, call("POST", NS + "/models?action=Model%20created&message=m",
                FakeSeldonApi.model("iris", "gs://m")).statusCode());
        assertSeldonError(call("POST", NS + "/models", FakeSeldonApi.model("iris", "gs://m")), 409);
        JsonNode created = json(call("POST", NS + "/pipelines", FakeSeldonApi.pipeline("main", "iris")));
        assertEquals("staging", created.at("/metadata/namespace").asText());

        JsonNode creating = json(call("GET", NS + "/pipelines/main", null));
        assertEquals("PipelineCreating", condition(creating, "PipelineReady").path("reason").asText());
        assertEquals("False", condition(creating, "Ready").path("status").asText());
        JsonNode failed = json(call("GET", NS + "/pipelines/main", null));
        assertEquals("PipelineFailed", condition(failed, "PipelineGwReady").path("reason").asText());
        assertEquals("Kafka down | Kafka down", condition(failed, "PipelineReady").path("message").asText());
        JsonNode ready = json(call("GET", NS + "/pipelines/main", null));
        assertEquals("True", condition(ready, "Ready").path("status").asText());
        assertEquals("Models all available", condition(ready, "ModelsReady").path("message").asText());
        assertFalse(ready.path("status").has("observedGeneration"));

        JsonNode model = json(call("GET", NS + "/models/iris", null));
        assertEquals("ScheduleFailed", condition(model, "ModelReady").path("message").asText());
        assertEquals("no matching server", condition(model, "ModelReady").path("reason").asText());
        assertEquals("Model", api.writes().get(0).kind());
        assertEquals("Model created", api.writes().get(0).action());
    }

    @Test
    void thereIsNoListOfModelsOnlyThoseOfAPipelineInTheSpecsFlatShape() throws Exception {
        api.seed("staging", FakeSeldonApi.model("iris", "gs://m"));
        api.seed("staging", FakeSeldonApi.model("unused", "gs://m"));
        api.seed("staging", FakeSeldonApi.pipeline("main", "iris", "absent"));
        HttpResponse<String> list = call("GET", NS + "/models", null);
        assertSeldonError(list, 405);
        assertEquals("POST", list.headers().firstValue("Allow").orElseThrow());
        JsonNode models = json(call("GET", NS + "/pipelines/main/models", null));
        assertEquals(1, models.path("items").size());
        assertEquals("iris", models.path("items").path(0).path("name").asText(), "flat, as the spec's Model schema");
        assertTrue(models.path("items").path(0).path("metadata").isMissingNode());
        assertSeldonError(call("GET", NS + "/pipelines/absent/models", null), 404);
        assertEquals("main", json(call("GET", NS + "/pipelines", null)).path("items").path(0).path("name").asText());

        api.flattenCoreV2Answers(true);
        JsonNode flat = json(call("GET", NS + "/models/iris", null));
        assertEquals("iris", flat.path("name").asText());
        assertEquals("staging", flat.path("namespace").asText());
        api.flattenCoreV2Answers(false);
        assertEquals("iris", json(call("GET", NS + "/models/iris", null)).at("/metadata/name").asText());
    }

    @Test
    void experimentsLiveAtTheirMainPipeline() throws Exception {
        String path = NS + "/pipelines/main/experiment";
        ObjectNode experiment = FakeSeldonApi.experiment("ab", "main", "candidate", 20);
        assertSeldonError(call("POST", path, experiment), 404);
        api.seed("staging", FakeSeldonApi.pipeline("main", "iris"));
        ObjectNode onModels = experiment.deepCopy();
        ((ObjectNode) onModels.get("spec")).remove("resourceType");
        assertSeldonError(call("POST", path, onModels), 400);
        assertSeldonError(call("POST", NS + "/pipelines/other/experiment", experiment), 400);

        assertEquals(200, call("POST", path + "?action=Experiment%20created&message=m", experiment).statusCode());
        assertSeldonError(call("POST", path, experiment), 500);
        JsonNode read = json(call("GET", path, null));
        assertEquals("ab", read.at("/metadata/name").asText());
        ObjectNode renamed = read.deepCopy();
        ((ObjectNode) renamed.get("metadata")).put("name", "other");
        assertSeldonError(call("PUT", path, renamed), 400);
        assertEquals(200, call("PUT", path + "?action=Experiment%20updated&message=m", read).statusCode());
        assertEquals("{}", call("DELETE", path, null).body());
        assertSeldonError(call("GET", path, null), 404);
        FakeSeldonApi.Write delete = api.writes().get(api.writes().size() - 1);
        assertEquals(List.of("DELETE", "Experiment", "main"), List.of(delete.method(), delete.kind(), delete.name()));
        assertNull(delete.action());
    }

    @Test
    void aCanaryIsCreatedFromTheCandidatesLabelsAndItsPromotionReplacesTheMainPipeline() throws Exception {
        String canary = NS + "/pipelines/main/experiment/canary";
        assertSeldonError(call("POST", canary + "?weight=20", null), 404);
        ObjectNode main = api.seed("staging", FakeSeldonApi.pipeline("main", "iris"));
        assertSeldonError(call("POST", canary + "?weight=20", null), 400);
        api.seed("staging", FakeSeldonApi.pipeline("unlabelled", "iris2"));
        assertTrue(json(call("POST", canary + "?weight=20", null)).path("message").asText().contains("no pipeline"));
        api.seed("staging", FakeSeldonApi.candidatePipeline("candidate", "main", "canary", "iris2"));
        assertSeldonError(call("POST", canary, null), 400);
        assertSeldonError(call("POST", canary + "?weight=101", null), 400);
        api.gitOpsNamespace("staging", 0);

        assertEquals("{}", call("POST", canary + "?weight=20&action=a&message=m", null).body());

        JsonNode experiment = json(call("GET", NS + "/pipelines/main/experiment", null));
        assertEquals("main-canary", experiment.at("/metadata/name").asText());
        assertEquals(FakeSeldonApi.experiment("main-canary", "main", "candidate", 20).get("spec"),
                experiment.get("spec"));
        assertSeldonError(call("POST", canary + "?weight=20", null), 500);
        assertSeldonError(call("PUT", NS + "/pipelines/main/experiment/shadow", null), 400);

        assertEquals(200, call("PUT", canary + "?action=b&message=m", null).statusCode());
        ObjectNode promoted = api.stored(FakeSeldonApi.PIPELINE, "staging", "main");
        assertEquals(FakeSeldonApi.pipeline("x", "iris2").get("spec"), promoted.get("spec"));
        assertEquals(2, promoted.at("/metadata/generation").asInt());
        assertNotEquals(main.at("/metadata/resourceVersion"), promoted.at("/metadata/resourceVersion"));
        assertNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "main"));
        assertNull(api.stored(FakeSeldonApi.PIPELINE, "staging", "candidate"));
        assertEquals(List.of(new FakeSeldonApi.Commit("Experiment canary", "staging", "main", "created", "a", "m"),
                new FakeSeldonApi.Commit("Experiment canary", "staging", "main", "updated", "b", "m")),
                api.commits());
        assertEquals(Set.of("weight", "action", "message"), api.requests().stream()
                .filter(r -> r.status() == 200 && r.method().equals("POST")).findFirst().orElseThrow()
                .queryParameterNames());
        assertSeldonError(call("GET", canary, null), 405);
    }

    @Test
    void aShadowMirrorsTheMainPipelineAndItsRemovalKeepsTheCandidate() throws Exception {
        String shadow = NS + "/pipelines/main/experiment/shadow";
        api.seed("staging", FakeSeldonApi.pipeline("main", "iris"));
        api.seed("staging", FakeSeldonApi.candidatePipeline("copy", "main", "shadow", "iris2"));
        api.seed("staging", FakeSeldonApi.candidatePipeline("other", "main", "shadow", "iris3"));
        assertTrue(json(call("POST", shadow, null)).path("message").asText().contains("more than one"));
        call("DELETE", NS + "/pipelines/other", null);

        assertEquals(200, call("POST", shadow, null).statusCode());
        assertEquals(FakeSeldonApi.shadowExperiment("main-shadow", "main", "copy").get("spec"),
                api.stored(FakeSeldonApi.EXPERIMENT, "staging", "main").get("spec"));
        assertSeldonError(call("DELETE", NS + "/pipelines/main/experiment/canary", null), 400);
        assertEquals(200, call("DELETE", shadow, null).statusCode());
        assertNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "main"));
        assertNotNull(api.stored(FakeSeldonApi.PIPELINE, "staging", "copy"), "a removed shadow's pipeline stays");
        assertSeldonError(call("DELETE", shadow, null), 404);
    }

    @Test
    void deploymentsAreCheckedAsSeldonsWebhookDoesAndListThePredictorsServices() throws Exception {
        ObjectNode sd = FakeSeldonApi.deployment("iris", "gs://m/1");
        ObjectNode second = ((ObjectNode) sd.at("/spec/predictors/0")).deepCopy().put("name", "canary");
        ((ArrayNode) sd.at("/spec/predictors")).add(second);
        assertSeldonError(call("POST", SDEPS, sd), 400);
        ((ObjectNode) sd.at("/spec/predictors/0")).put("traffic", 70);
        second.put("traffic", 30);
        assertEquals(200, call("POST", SDEPS, sd).statusCode());
        second.put("name", "default");
        assertSeldonError(call("PUT", SDEPS + "/iris", sd), 400);
        second.put("name", "copy").put("shadow", true).put("traffic", 0);
        ((ObjectNode) sd.at("/spec/predictors/0")).put("traffic", 100);
        assertEquals(200, call("PUT", SDEPS + "/iris", sd).statusCode());

        assertEquals("Creating", state());
        JsonNode services = json(call("GET", SDEPS + "/iris", null)).at("/status/serviceStatus");
        assertEquals("iris-copy.staging:8000", services.at("/iris-copy/httpEndpoint").asText());
        assertEquals("iris-default", services.at("/iris-default/svcName").asText());
    }

    @Test
    void theResourcesOfADeploymentShowScriptedPods() throws Exception {
        call("POST", SDEPS, FakeSeldonApi.deployment("iris", "gs://m"));
        api.podsFor("staging", "iris", FakeSeldonApi.Pod.of("iris-a", "Running",
                FakeSeldonApi.Container.running("classifier")), FakeSeldonApi.Pod.of("iris-b", "Pending",
                FakeSeldonApi.Container.waiting("classifier", "ImagePullBackOff", "Back-off pulling image", 0)));
        JsonNode components = json(call("GET", SDEPS + "/iris/resources", null));
        assertEquals(1, components.size());
        JsonNode pods = components.path(0).path("pods").path("items");
        assertEquals("iris-b", pods.path(1).at("/metadata/name").asText());
        assertEquals("ImagePullBackOff", pods.path(1).at("/status/containerStatuses/0/state/waiting/reason").asText());
        assertEquals("True", pods.path(0).at("/status/conditions/0/status").asText());
        assertSeldonError(call("GET", SDEPS + "/absent/resources", null), 404);
        assertEquals(List.of(200, 200, 404), api.requests().stream().map(FakeSeldonApi.RecordedRequest::status).toList());
    }

    @Test
    void versionIsConfigurable() throws Exception {
        api.serverVersion("1.7.1");
        assertEquals("1.7.1", json(call("GET", "/version", null)).path("BuildVersion").asText());
        api.serverVersion(null);
        assertSeldonError(call("GET", "/version", null), 404);
    }

    @Test
    void gitOpsNamespacesRecordACommitPerWriteEvenAnEmptyOne() throws Exception {
        api.gitOpsNamespace("staging", 0);
        ObjectNode model = FakeSeldonApi.model("iris", "gs://m");
        call("POST", NS + "/models?action=Model%20created&message=m1", model);
        call("PUT", NS + "/models/iris?action=Model%20updated&message=m2", model);
        call("DELETE", NS + "/models/iris?action=Model%20deleted&message=m3", null);
        call("POST", "/namespaces/other/models", model);
        assertEquals(List.of(new FakeSeldonApi.Commit("Model", "staging", "iris", "created", "Model created", "m1"),
                new FakeSeldonApi.Commit("Model", "staging", "iris", "updated", "Model updated", "m2"),
                new FakeSeldonApi.Commit("Model", "staging", "iris", "deleted", "Model deleted", "m3")), api.commits());
    }

    private String state() throws Exception {
        return json(call("GET", SDEPS + "/iris", null)).path("status").path("state").asText();
    }

    @Test
    void revertsAndRestoresArePostFrom21AndGetBefore() throws Exception {
        api.gitOpsNamespace("staging", 0);
        call("POST", SDEPS, FakeSeldonApi.deployment("iris", "gs://m/1"));
        String hash = api.commitHashes(FakeSeldonApi.KIND, "staging", "iris").get(0);
        String revert = SDEPS + "/iris/gitrevert?hash=" + hash;

        assertSeldonError(call("GET", revert, null), 405);
        api.serverVersion("2.0.3");
        assertSeldonError(call("POST", revert, null), 405);
        assertEquals(200, call("GET", revert, null).statusCode(), "2.0 took a GET");
        assertNull(api.stored("staging", "iris"), "reverting the create removed it");
        assertEquals(List.of("created", "reverted"), api.gitHistory().stream().map(FakeSeldonApi.GitCommit::action)
                .toList());
        api.serverVersion("2.1.0");
        assertEquals(200, call("POST", SDEPS + "/iris/gitrestore?hash=" + hash, null).statusCode());
        assertEquals("gs://m/1", api.stored("staging", "iris").at("/spec/predictors/0/graph/modelUri").asText());
        assertEquals("[]", call("GET", "/namespaces/staging/models/m/gitlogs", null).body());
        api.serverVersion("2.0.3");
        assertSeldonError(call("GET", "/namespaces/staging/models/m/gitlogs", null), 404);
    }

    @Test
    void validationTakesTheManifestAsTheBodyOfAGetAndAnswersRefusalsWith500() throws Exception {
        assertEquals("Seldon Deployment iris is valid", json(call("GET", SDEPS + "/validate",
                FakeSeldonApi.deployment("iris", "gs://m/1"))).path("message").asText());
        ObjectNode duplicate = FakeSeldonApi.deployment("iris", "gs://m/1");
        ((ArrayNode) duplicate.at("/spec/predictors")).add(duplicate.at("/spec/predictors/0").deepCopy());
        HttpResponse<String> refused = call("GET", SDEPS + "/validate", duplicate);
        assertSeldonError(refused, 500);
        assertTrue(json(refused).path("message").asText().contains("duplicate predictor name default"));
        assertNull(api.stored("staging", "iris"), "validation stores nothing");
    }

    @Test
    void modelMetadataIsOneRecordPerUriAndProjectWithGrpcErrors() throws Exception {
        assertEquals(204, call("GET", "/model/metadata?URI=gs%3A%2F%2Fm", null).statusCode());
        ObjectNode model = Jwt.JSON.createObjectNode().put("URI", "gs://m").put("name", "iris");
        assertEquals(200, call("POST", "/model/metadata", model).statusCode());
        HttpResponse<String> again = call("POST", "/model/metadata", model);
        assertEquals(409, again.statusCode());
        assertEquals(6, json(again).path("code").asInt(), "gRPC ALREADY_EXISTS");
        assertEquals(404, call("PUT", "/model/metadata", model.deepCopy().put("project", "other")).statusCode());
        assertEquals(200, call("PUT", "/model/metadata", model.put("version", "v2")).statusCode());
        JsonNode page = json(call("GET", "/model/metadata?URI=gs%3A%2F%2Fm", null));
        assertEquals("v2", page.at("/models/0/version").asText());
        assertFalse(page.at("/models/0/creationTime").asText().isEmpty());
    }

    @Test
    void batchJobsWalkThroughTheirPhasesOnePerRead() throws Exception {
        call("POST", SDEPS, FakeSeldonApi.deployment("iris", "gs://m/1"));
        api.batchJobPhases("Running", "Failed");
        String workflow = json(call("POST", SDEPS + "/iris/batchjobs", Jwt.JSON.createObjectNode()
                .put("inputData", "s3://in"))).path("workflowName").asText();
        List<String> phases = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            phases.add(json(call("GET", SDEPS + "/iris/batchjobs/" + workflow, null)).at("/Description/workflowStatus")
                    .asText());
        }
        assertEquals(List.of("Running", "Failed", "Failed"), phases);
        assertSeldonError(call("GET", SDEPS + "/iris/batchjobs/nope", null), 500);
        assertSeldonError(call("POST", SDEPS + "/other/batchjobs", Jwt.JSON.createObjectNode()), 500);
    }

    @Test
    void metricsServersAreForSeldonDeploymentsOnly() throws Exception {
        call("POST", "/namespaces/staging/models", FakeSeldonApi.model("m", "gs://m"));
        call("POST", "/namespaces/staging/pipelines", FakeSeldonApi.pipeline("p", "m"));
        assertSeldonError(call("GET", "/namespaces/staging/pipelines/p/monitor/metrics-server", null), 404);
        assertEquals(200, call("GET", "/namespaces/staging/pipelines/p/monitor/drift-detector", null).statusCode());
    }
}
