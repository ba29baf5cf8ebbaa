package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.RecordedRequest;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.StatusStep;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.Write;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The operations with the real client against the stateful fake API, for SeldonDeployments and what all kinds share:
 * what is sent, in which order, and why. Core v2 kinds: {@link CoreV2OperationsTest}.
 */
class ResourceOperationsTest {

    private static final String MESSAGE = "Jenkins team/deploy-iris #42 https://ci.example.com/job/team/job/deploy-iris/42/";
    private static final String MODEL = "gs://seldon-models/sklearn/iris";

    /** Tokens and the fake run on the real time; the operations get a clock of their own that tests move. */
    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private FakeSeldonApi api;
    private HookedAuthenticator auth;
    private SeldonClient client;
    private ResourceOperations operations;
    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;

    /** A fixed token; {@code beforeRequest} runs before the n-th request (1-based) is sent, to play a concurrent user. */
    private static final class HookedAuthenticator implements RequestAuthenticator {
        final String token;
        final AtomicInteger requests = new AtomicInteger();
        volatile IntConsumer beforeRequest = n -> {};

        HookedAuthenticator(String token) {
            this.token = token;
        }

        @Override
        public AuthHeader authenticate() {
            beforeRequest.accept(requests.incrementAndGet());
            return AuthHeader.bearer(SecretText.of(token), null);
        }

        @Override
        public void invalidate(AuthHeader rejected) {}

        @Override
        public String describe() {
            return "a test token";
        }
    }

    @BeforeEach
    void start() throws IOException {
        api = FakeSeldonApi.start(issuer.verifier());
        auth = new HookedAuthenticator(issuer.token("jenkins", "deployers"));
        client = new SeldonClient(new ServerSettings(api.apiUrl().toString()), auth, new HttpClientFactory());
        operations = new ResourceOperations(client, log, clock, MESSAGE);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private static ObjectNode manifest(int replicas) {
        ObjectNode manifest = FakeSeldonApi.deployment("iris", MODEL);
        ((ObjectNode) manifest.at("/spec/predictors/0")).put("replicas", replicas);
        return manifest;
    }

    private ResourceOperations.ApplyResult apply(String namespace, ObjectNode manifest, String source)
            throws IOException, InterruptedException {
        List<ResourceOperations.ApplyResult> results = operations.apply(namespace,
                List.of(new Manifests.Document(manifest, source)), false);
        assertEquals(1, results.size());
        return results.get(0);
    }

    private List<String> requestLines() {
        return api.requests().stream().map(r -> r.method() + " " + r.rawPath().substring(FakeSeldonApi.BASE_PATH.length())
                + " " + r.status()).toList();
    }

    @Test
    void applyCreatesWhenAbsentWithTheAuditTrail() throws Exception {
        ResourceOperations.ApplyResult result = apply("staging", manifest(1), "iris.yaml");

        assertEquals(Change.Action.CREATED, result.change().action());
        assertNull(result.change().pipeline(), "only an Experiment names its pipeline");
        assertEquals(new LastWrite(LastWrite.Kind.CREATED, clock.instant()), result.write());
        assertFalse(result.resource().at("/metadata/uid").asText().isEmpty());
        assertEquals(List.of("GET /namespaces/staging/seldondeployments/iris 404",
                "POST /namespaces/staging/seldondeployments 200"), requestLines());
        Write write = api.writes().get(0);
        assertEquals("Deployment created", write.action());
        assertEquals(MESSAGE, write.message());
        assertEquals("jenkins", write.principal());
        assertEquals("staging", write.body().at("/metadata/namespace").asText());
        assertEquals(List.of("Created SeldonDeployment staging/iris"), log.lines);
    }

    @Test
    void applyUpdatesWhenPresentReplacingTheSpecAndCarryingTheResourceVersion() throws Exception {
        ObjectNode seeded = FakeSeldonApi.deployment("iris", MODEL);
        seeded.with("metadata").putObject("labels").put("owner", "ui");
        ((ObjectNode) seeded.at("/spec/predictors/0")).put("traffic", 100);
        String resourceVersion = api.seed("staging", seeded).at("/metadata/resourceVersion").asText();
        clock.advance(Duration.ofMinutes(1));

        ResourceOperations.ApplyResult result = apply("staging", manifest(3), "iris.yaml");

        assertEquals(Change.Action.UPDATED, result.change().action());
        assertEquals(new LastWrite(LastWrite.Kind.UPDATED, clock.instant()), result.write());
        assertEquals(List.of("GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 200"), requestLines());
        Write write = api.writes().get(0);
        assertEquals("Deployment updated", write.action());
        assertEquals(MESSAGE, write.message());
        JsonNode body = write.body();
        assertEquals(resourceVersion, body.at("/metadata/resourceVersion").asText());
        assertEquals("ui", body.at("/metadata/labels/owner").asText());
        for (String field : List.of("/status", "/metadata/uid", "/metadata/generation", "/metadata/creationTimestamp")) {
            assertTrue(body.at(field).isMissingNode(), field + " must not be sent: " + body);
        }
        // The spec is replaced: traffic, which only the server's copy had, is gone.
        assertEquals(manifest(3).get("spec"), body.get("spec"));
        assertEquals(3, api.stored("staging", "iris").at("/spec/predictors/0/replicas").asInt());
        assertEquals(List.of("Updated SeldonDeployment staging/iris (spec replaced):",
                "  spec.predictors[0].replicas: 1 -> 3", "  spec.predictors[0].traffic: removed"), log.lines);
    }

    @Test
    void conflictIsRetriedOnceAfterReadingAgain() throws Exception {
        api.seed("staging", manifest(1));
        // Someone else changes the deployment between our read and our update.
        auth.beforeRequest = n -> {
            if (n == 2) {
                api.seed("staging", manifest(2));
            }
        };

        apply("staging", manifest(5), "iris.yaml");

        assertEquals(List.of("GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 409",
                "GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 200"), requestLines());
        assertEquals(5, api.stored("staging", "iris").at("/spec/predictors/0/replicas").asInt());
        assertEquals(List.of("WARN SeldonDeployment staging/iris changed while it was being updated (409 Conflict);"
                + " reading it again and retrying once", "Updated SeldonDeployment staging/iris (spec replaced):",
                "  spec.predictors[0].replicas: 2 -> 5"), log.lines);
    }

    @Test
    void aSecondConflictFails() throws Exception {
        api.seed("staging", manifest(1));
        auth.beforeRequest = n -> {
            if (n % 2 == 0) {
                api.seed("staging", manifest(n));
            }
        };

        ConflictException e = assertThrows(ConflictException.class,
                () -> apply("staging", manifest(5), "iris.yaml"));
        assertEquals(409, e.status());
        assertEquals(4, api.requests().size());
        assertTrue(api.writes().isEmpty());
        assertEquals(List.of("WARN SeldonDeployment staging/iris changed while it was being updated (409 Conflict);"
                + " reading it again and retrying once"), log.lines, "a resource that can be read is no GitOps lag");
    }

    @Test
    void aCreateThatLosesARaceBecomesAnUpdate() throws Exception {
        auth.beforeRequest = n -> {
            if (n == 2) {
                api.seed("staging", manifest(1));
            }
        };

        ResourceOperations.ApplyResult result = apply("staging", manifest(4), "iris.yaml");

        assertEquals(Change.Action.UPDATED, result.change().action());
        assertEquals(List.of("GET /namespaces/staging/seldondeployments/iris 404",
                "POST /namespaces/staging/seldondeployments 409",
                "GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 200"), requestLines());
        assertEquals("WARN SeldonDeployment staging/iris changed while it was being created (409 Conflict); reading"
                + " it again and retrying once", log.lines.get(0));
    }

    @Test
    void applyingAgainBeforeAGitOpsSyncExplainsTheConflict() throws Exception {
        api.gitOpsNamespace("production", 5);
        apply("production", manifest(1), "iris.yaml");
        log.lines.clear();

        assertThrows(ConflictException.class, () -> apply("production", manifest(2), "iris.yaml"));
        assertEquals("WARN SeldonDeployment production/iris cannot be read but already exists; in a GitOps namespace"
                + " an earlier create may not be synced yet: try again after the sync", log.lines.get(1));
    }

    @Test
    void invalidInputIsRejectedBeforeAnyRequest() {
        ObjectNode wrongNamespace = manifest(1);
        wrongNamespace.with("metadata").put("namespace", "production");
        assertThrows(InvalidInputException.class, () -> apply("staging", wrongNamespace, "iris.yaml"));
        assertThrows(InvalidInputException.class, () -> operations.get(SD, "Staging", "iris", false));
        assertThrows(InvalidInputException.class, () -> operations.delete(SD, "staging", "iris.v2", true));
        assertThrows(InvalidInputException.class,
                () -> operations.list(SD, "staging_ns", ListProjection.ALL, f -> f));
        // Names follow the rule of their kind; an experiment is addressed by its pipeline's name.
        String longName = "a".repeat(64);
        assertEquals("The SeldonDeployment name '" + longName + "' is longer than 63 characters (64)",
                assertThrows(InvalidInputException.class, () -> operations.get(SD, "staging", longName, true))
                        .getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> operations.delete(ResourceKind.EXPERIMENT,
                "staging", "Main", true)).getMessage().startsWith("The Pipeline name 'Main' is not a valid name"));
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void everyDocumentIsCheckedBeforeAnythingIsSent() {
        assertEquals("There is nothing to apply: no documents were given", assertThrows(InvalidInputException.class,
                () -> operations.apply("staging", List.of(), false)).getMessage());

        ObjectNode wrongNamespace = manifest(1);
        wrongNamespace.with("metadata").put("namespace", "production");
        InvalidInputException oneOfTwo = assertThrows(InvalidInputException.class, () -> operations.apply("staging",
                List.of(new Manifests.Document(FakeSeldonApi.deployment("wine", MODEL), "wine.yaml"),
                        new Manifests.Document(wrongNamespace, "iris.yaml")), false));
        assertTrue(oneOfTwo.getMessage().startsWith("Nothing was applied: 1 document of 2 cannot be used:\n  iris.yaml"),
                oneOfTwo.getMessage());

        InvalidInputException twice = assertThrows(InvalidInputException.class, () -> operations.apply("staging",
                List.of(new Manifests.Document(FakeSeldonApi.experiment("ab", "main", "v2", 10), "a.yaml"),
                        new Manifests.Document(FakeSeldonApi.experiment("ab", "main", "v3", 20), "b.yaml")), false));
        assertEquals("Nothing was applied: 1 document of 2 cannot be used:\n  b.yaml: Experiment staging/ab (of"
                + " Pipeline main) is also in a.yaml; apply each resource once", twice.getMessage());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void kindsTheApiCannotListAreRefusedWithTheWayToTheirList() {
        assertEquals("The Seldon API cannot list all Models of a namespace; list the Models of a pipeline instead",
                assertThrows(InvalidInputException.class, () -> operations.list(ResourceKind.MODEL, "staging",
                        ListProjection.ALL, f -> f)).getMessage());
        assertEquals("The Seldon API has no list of Experiments; read the experiment of a pipeline instead",
                assertThrows(InvalidInputException.class, () -> operations.list(ResourceKind.EXPERIMENT, "staging",
                        ListProjection.ALL, f -> f)).getMessage());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void getReturnsTheResourceOrNullWhenMissingIsAllowed() throws Exception {
        api.seed("staging", manifest(1));
        assertEquals("Available", operations.get(SD, "staging", "iris", false).at("/status/state").asText());
        assertNull(operations.get(SD, "staging", "absent", true));
        assertThrows(NotFoundException.class, () -> operations.get(SD, "staging", "absent", false));
        assertEquals(List.of("Read SeldonDeployment staging/iris (Available)",
                "SeldonDeployment staging/absent does not exist"), log.lines);
    }

    @Test
    void allowMissingAlsoCoversServersThatAnswer500NotFound() throws Exception {
        api.notFoundStatus(500);
        assertNull(operations.get(SD, "staging", "absent", true));
        assertEquals(Change.Action.CREATED, apply("staging", manifest(1), "iris.yaml").change().action());
    }

    @Test
    void listReturnsTheItems() throws Exception {
        api.seed("staging", manifest(1));
        api.seed("staging", FakeSeldonApi.deployment("wine", MODEL));
        api.seed("production", FakeSeldonApi.deployment("other", MODEL));
        List<Object> items = operations.list(SD, "staging", ListProjection.ALL, f -> f);
        assertEquals(2, items.size());
        assertEquals(List.of("Found 2 SeldonDeployments in namespace staging"), log.lines);
        assertEquals(0, operations.list(SD, "empty", ListProjection.ALL, f -> f).size());
    }

    @Test
    void deleteSendsTheAuditTrailAndToleratesMissingWhenAllowed() throws Exception {
        api.seed("staging", manifest(1));
        assertEquals(Change.Action.DELETED, operations.delete(SD, "staging", "iris", false).action());
        assertEquals(List.of("DELETE /namespaces/staging/seldondeployments/iris 200"), requestLines(),
                "only an experiment is read before its delete");
        Write write = api.writes().get(0);
        assertEquals("DELETE", write.method());
        assertEquals("Deployment deleted", write.action());
        assertEquals(MESSAGE, write.message());
        assertNull(api.stored("staging", "iris"));

        assertEquals(Change.Action.NOT_FOUND, operations.delete(SD, "staging", "iris", true).action());
        assertThrows(NotFoundException.class, () -> operations.delete(SD, "staging", "iris", false));
        assertEquals(List.of("Deleted SeldonDeployment staging/iris",
                "SeldonDeployment staging/iris does not exist; nothing to delete"), log.lines);
        for (RecordedRequest request : api.requests()) {
            if (!request.method().equals("GET")) {
                assertEquals(Set.of("action", "message"), request.queryParameterNames());
            }
        }
    }

    @Test
    void deletingAMissingExperimentNamesItByItsPipeline() throws Exception {
        Change change = operations.delete(ResourceKind.EXPERIMENT, "staging", "main", true);

        assertEquals(Change.Action.NOT_FOUND, change.action());
        assertEquals("main", change.name());
        assertEquals("main", change.pipeline());
        assertEquals("Experiment staging/main does not exist; nothing to delete", log.lines.get(0));
    }

    /** The production wait loop reading through the real client, sleeping by moving the test clock. */
    private ResourceWait waitWithClient() {
        return new ResourceWait(client::get, (readiness, verdict) -> ResourceWait.failure(client, readiness, verdict),
                log, clock, clock::advance);
    }

    @Test
    void waitAfterAnUpdateIsNotFooledByTheStatusOfThePreviousRevision() throws Exception {
        api.seed("staging", manifest(1));
        api.staleReadsAfterUpdate(2);
        ResourceOperations.ApplyResult result = apply("staging", manifest(2), "iris.yaml");
        api.clearRecords();

        ObjectNode ready = waitWithClient().run(SD, "staging", "iris", Duration.ofMinutes(5), Duration.ofSeconds(2),
                result.write());

        assertEquals(2, ready.at("/spec/predictors/0/replicas").asInt());
        // Two stale Available reads, then Creating, then the new revision's Available.
        assertEquals(4, api.requests().size());
        assertTrue(log.lines.contains("SeldonDeployment staging/iris: Creating"), log.lines.toString());
    }

    @Test
    void waitAfterAGitOpsCreateWaitsForTheSync() throws Exception {
        api.gitOpsNamespace("production", 2);
        ResourceOperations.ApplyResult result = apply("production", manifest(1), "iris.yaml");
        api.clearRecords();

        waitWithClient().run(SD, "production", "iris", Duration.ofMinutes(5), Duration.ofSeconds(10), result.write());

        assertEquals(List.of(404, 404, 200, 200), api.requests().stream().map(RecordedRequest::status).toList());
        assertTrue(log.lines.contains("SeldonDeployment production/iris: not found yet; in a GitOps namespace it"
                + " appears after the next sync"), log.lines.toString());
    }

    @Test
    void waitFailsOnAPersistentFailedState() throws Exception {
        api.scriptNextWrite("staging", "iris", StatusStep.creating(),
                StatusStep.failed("Deployment is no longer progressing and not available."));
        ResourceOperations.ApplyResult result = apply("staging", manifest(1), "iris.yaml");

        NotReadyException e = assertThrows(NotReadyException.class, () -> waitWithClient()
                .run(SD, "staging", "iris", Duration.ofMinutes(5), Duration.ofSeconds(10), result.write()));
        assertEquals("SeldonDeployment staging/iris failed: Deployment is no longer progressing and not available.;"
                + " Ready False: Failed: Deployment is no longer progressing and not available.\nKubernetes resources of"
                + " SeldonDeployment staging/iris: no pods", e.getMessage());
    }
}
