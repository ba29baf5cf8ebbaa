package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.UnsupportedVersionException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client for Pipelines, Models and Experiments, and the server version every Core v2 request needs, against a
 * local server that answers exactly what each test scripts.
 */
class CoreV2ClientTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String NS = API + "/namespaces/staging";
    private static final String VERSION = API + "/version";

    private final LocalHttpServer server = LocalHttpServer.http();
    private final HttpClientFactory http = new HttpClientFactory();
    private final CountingAuthenticator auth = new CountingAuthenticator();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final ServerVersions versions = new ServerVersions(clock, Duration.ofMinutes(10));
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private SeldonClient client() {
        return new SeldonClient(new ServerSettings(server.url()), auth, http, versions);
    }

    private void answer(String path, int status, String body) {
        server.on(path, (ex, r) -> LocalHttpServer.json(ex, status, body));
    }

    private void serverVersion(String version) {
        answer(VERSION, 200, "{\"BuildVersion\":\"" + version + "\",\"GitCommit\":\"abc\"}");
    }

    private List<String> requests() {
        return server.requests().stream().map(r -> r.method() + " " + r.path().substring(API.length())
                + (r.rawQuery() == null ? "" : "?" + r.rawQuery())).toList();
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parseOrNull(text.replace('\'', '"'));
    }

    @Test
    void everyKindUsesItsOwnPathsAndExperimentsTheirMainPipeline() throws Exception {
        serverVersion("2.4.0");
        answer(NS + "/pipelines", 200, "{'items':[{'name':'main','labels':{'a':'b'}}]}".replace('\'', '"'));
        answer(NS + "/pipelines/main", 200, "{\"metadata\":{\"name\":\"main\"}}");
        answer(NS + "/pipelines/main/models", 200, "{\"items\":[{\"name\":\"iris\"},{\"name\":\"iris2\"}]}");
        answer(NS + "/models", 200, "{\"metadata\":{\"name\":\"iris\"}}");
        answer(NS + "/models/iris", 200, "{\"metadata\":{\"name\":\"iris\"}}");
        answer(NS + "/pipelines/main/experiment", 200, "{\"metadata\":{\"name\":\"ab\"}}");
        SeldonClient c = client();
        WriteAudit audit = new WriteAudit("Experiment created", "Jenkins job #1");

        assertEquals("main", c.list(ResourceKind.PIPELINE, "staging").path(0).path("name").asText());
        assertEquals("main", c.get(ResourceKind.PIPELINE, "staging", "main").at("/metadata/name").asText());
        assertEquals(2, c.pipelineModels("staging", "main", SkipItems::new).received());
        c.create(ResourceKind.MODEL, "staging", json("{'kind':'Model','metadata':{'name':'iris'},'spec':{}}"), audit);
        c.update(ResourceKind.MODEL, "staging", "iris", json("{'metadata':{'name':'iris'},'spec':{}}"), audit);
        c.create(ResourceKind.EXPERIMENT, "staging",
                json("{'kind':'Experiment','metadata':{'name':'ab'},'spec':{'default':'main'}}"), audit);
        assertEquals("ab", c.get(ResourceKind.EXPERIMENT, "staging", "main").at("/metadata/name").asText());
        c.delete(ResourceKind.EXPERIMENT, "staging", "main", audit);
        c.delete(ResourceKind.MODEL, "staging", "iris", audit);

        String query = "?action=Experiment%20created&message=Jenkins%20job%20%231";
        assertEquals(List.of("GET /version", "GET /namespaces/staging/pipelines",
                "GET /namespaces/staging/pipelines/main", "GET /namespaces/staging/pipelines/main/models",
                "POST /namespaces/staging/models" + query, "PUT /namespaces/staging/models/iris" + query,
                "POST /namespaces/staging/pipelines/main/experiment" + query,
                "GET /namespaces/staging/pipelines/main/experiment",
                "DELETE /namespaces/staging/pipelines/main/experiment",
                "DELETE /namespaces/staging/models/iris" + query), requests());
        assertEquals("Experiment", Json.parseOrNull(server.requests().get(6).body()).path("kind").asText());
    }

    @Test
    void canaryAndShadowRequestsCarryTheWeightAndAuditAndNoBody() throws Exception {
        serverVersion("2.4.0");
        // The API's answer to these is untyped (GenericResponse): whatever it is, the call succeeded.
        answer(NS + "/pipelines/main/experiment/canary", 200, "\"ok\"");
        answer(NS + "/pipelines/main/experiment/shadow", 200, "{}");
        SeldonClient c = client();
        WriteAudit audit = new WriteAudit("Experiment canary started", "Jenkins job #1");

        c.startCanary("staging", "main", 20, audit);
        c.promoteCanary("staging", "main", WriteAudit.NONE);
        c.removeCanary("staging", "main", audit);
        c.startShadow("staging", "main", audit);
        c.promoteShadow("staging", "main", audit);
        c.removeShadow("staging", "main", null);

        String query = "action=Experiment%20canary%20started&message=Jenkins%20job%20%231";
        String canary = "/namespaces/staging/pipelines/main/experiment/canary";
        String shadow = "/namespaces/staging/pipelines/main/experiment/shadow";
        assertEquals(List.of("GET /version", "POST " + canary + "?weight=20&" + query, "PUT " + canary,
                "DELETE " + canary + "?" + query, "POST " + shadow + "?" + query, "PUT " + shadow + "?" + query,
                "DELETE " + shadow), requests());
        assertTrue(server.requests().stream().allMatch(r -> r.body().isEmpty()), "these requests have no body");

        for (int weight : new int[] {-1, 101}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> c.startCanary("staging", "main", weight, audit));
            assertEquals("The canary weight must be between 0 and 100, not " + weight, e.getMessage());
        }
        assertEquals(7, server.requests().size(), "nothing sent for a weight out of range");
        answer(NS + "/pipelines/absent/experiment/canary", 404, "{\"code\":404,\"message\":\"not found\"}");
        NotFoundException e = assertThrows(NotFoundException.class, () -> c.startCanary("staging", "absent", 5, null));
        assertTrue(e.getMessage().contains("Pipeline 'absent' in namespace 'staging' does not exist"), e.getMessage());
    }

    @Test
    void theApiHasNoListOfModelsOrExperiments() {
        for (ResourceKind kind : List.of(ResourceKind.MODEL, ResourceKind.EXPERIMENT)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> client().list(kind, "staging"));
            assertEquals("The Seldon API has no operation to list " + kind.kind() + "s", e.getMessage());
        }
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void errorsNameTheResourceAsTheApiAddressesIt() {
        serverVersion("2.4.0");
        answer(NS + "/pipelines/main/experiment", 404, "{\"code\":404,\"message\":\"no experiment\",\"requestId\":\"r1\"}");
        answer(NS + "/pipelines", 409, "{\"code\":409,\"message\":\"pipelines.mlops.seldon.io \\\"main\\\" already exists\"}");
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> client().get(ResourceKind.EXPERIMENT, "staging", "main"));
        assertTrue(missing.getMessage().contains("The experiment of Pipeline 'main' in namespace 'staging' does not"
                + " exist. Server message: no experiment (request id r1)"), missing.getMessage());
        ConflictException conflict = assertThrows(ConflictException.class, () -> client().create(ResourceKind.PIPELINE,
                "staging", json("{'kind':'Pipeline','metadata':{'name':'main'},'spec':{}}"), WriteAudit.NONE));
        assertTrue(conflict.getMessage().contains("Pipeline 'main' in namespace 'staging' was changed by someone else,"
                + " or already exists."), conflict.getMessage());
    }

    @Test
    void theKubernetesResourcesOfADeploymentAreAnArray() throws Exception {
        answer(NS + "/seldondeployments/iris/resources", 200, "[{\"component\":\"predictor\",\"pods\":{\"items\":[]}}]");
        ArrayNode components = client().deploymentResourcesAsync("staging", "iris").get(30, TimeUnit.SECONDS);
        assertEquals("predictor", components.path(0).path("component").asText());
        answer(NS + "/seldondeployments/other/resources", 200, "{\"component\":\"predictor\"}");
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> client().deploymentResourcesAsync("staging", "other").get(30, TimeUnit.SECONDS));
        assertTrue(e.getCause().getMessage().contains("is not a JSON array"), e.getCause().getMessage());
        assertEquals(0, server.hits(VERSION), "SeldonDeployments need no particular release");
    }

    @Test
    void anOlderServerIsToldPlainlyAndNothingIsSent() {
        serverVersion("1.7.1");
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> client().get(ResourceKind.PIPELINE, "staging", "main"));
        assertEquals("Seldon Core v2 resources (Pipelines, Models, Experiments) need Seldon Enterprise Platform 2.0 or"
                + " newer; the server at " + server.url() + API + " runs 1.7.1. Nothing was sent (GET " + server.url()
                + NS + "/pipelines/main); upgrade the server to use this.", e.getMessage());
        assertEquals("2.0", e.required());
        assertEquals("1.7.1", e.running());
        assertThrows(UnsupportedVersionException.class, () -> client().create(ResourceKind.MODEL, "staging",
                json("{'metadata':{'name':'iris'}}"), WriteAudit.NONE));
        assertThrows(UnsupportedVersionException.class,
                () -> client().checkSupported(Endpoint.READ_EXPERIMENT));
        assertEquals(List.of("GET /version"), requests(), "the version is read once, then remembered");
    }

    @Test
    void theVersionIsRememberedForALimitedTime() throws Exception {
        serverVersion("1.7.1");
        assertThrows(UnsupportedVersionException.class, () -> client().checkSupported(Endpoint.READ_PIPELINE));
        serverVersion("2.0.3");
        clock.advance(Duration.ofMinutes(9));
        assertThrows(UnsupportedVersionException.class, () -> client().checkSupported(Endpoint.READ_PIPELINE));
        clock.advance(Duration.ofMinutes(1));
        client().checkSupported(Endpoint.READ_PIPELINE);
        assertEquals(2, server.hits(VERSION));
        assertEquals(new ServerVersion(2, 0, 3), versions.lookup(new ServerSettings(server.url()).apiUrl()).version());
    }

    @Test
    void anUnknownVersionLetsTheServerDecide() throws Exception {
        answer(NS + "/models/iris", 200, "{\"metadata\":{\"name\":\"iris\"}}");
        answer(VERSION, 404, "{\"code\":404,\"message\":\"not found\"}");
        client().get(ResourceKind.MODEL, "staging", "iris");
        client().get(ResourceKind.MODEL, "staging", "iris");
        assertEquals(1, server.hits(VERSION), "an answer without a version is remembered too");
        assertNull(versions.lookup(new ServerSettings(server.url()).apiUrl()).version());

        clock.advance(Duration.ofHours(1));
        serverVersion("master-5f2c1");
        client().get(ResourceKind.MODEL, "staging", "iris");
        assertEquals(2, server.hits(VERSION));
    }

    @Test
    void cancellingWhileTheVersionIsReadCancelsThatReadAndSendsNothingElse() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server.on(VERSION, (ex, r) -> {
            arrived.countDown();
            awaitRelease();
        });
        CompletableFuture<ObjectNode> f = client().getAsync(ResourceKind.PIPELINE, "staging", "main");
        assertTrue(arrived.await(30, TimeUnit.SECONDS));
        f.cancel(true);
        assertThrows(CancellationException.class, f::join);
        awaitNoRunningCalls();
        assertEquals(List.of("GET /version"), requests());
    }

    @Test
    void getAsyncOfACoreV2KindCompletesAndCancelCancelsTheCall() throws Exception {
        serverVersion("2.4.0");
        answer(NS + "/models/iris", 200, "{\"metadata\":{\"name\":\"iris\"}}");
        assertEquals("iris", client().getAsync(ResourceKind.MODEL, "staging", "iris").get(30, TimeUnit.SECONDS)
                .at("/metadata/name").asText());
        CountDownLatch arrived = new CountDownLatch(1);
        server.on(NS + "/models/slow", (ex, r) -> {
            arrived.countDown();
            awaitRelease();
        });
        CompletableFuture<ObjectNode> f = client().getAsync(ResourceKind.MODEL, "staging", "slow");
        assertTrue(arrived.await(30, TimeUnit.SECONDS));
        f.cancel(true);
        assertThrows(CancellationException.class, f::join);
        awaitNoRunningCalls();
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> client().getAsync(ResourceKind.MODEL, "staging", "..").get(30, TimeUnit.SECONDS));
        assertInstanceOf(IllegalArgumentException.class, refused.getCause());
    }

    @Test
    void versionsParseAndCompare() {
        assertEquals(new ServerVersion(2, 4, 0), ServerVersion.parse("2.4.0"));
        assertEquals(new ServerVersion(2, 1, 0), ServerVersion.parse("v2.1"));
        assertEquals(new ServerVersion(2, 0, 3), ServerVersion.parse(" 2.0.3-rc1 "));
        assertNull(ServerVersion.parse("master-5f2c1"));
        assertNull(ServerVersion.parse("2"));
        assertNull(ServerVersion.parse(null));
        assertTrue(new ServerVersion(2, 0, 0).isAtLeast(ServerVersion.CORE_V2));
        assertTrue(!new ServerVersion(1, 99, 99).isAtLeast(ServerVersion.CORE_V2));
        assertEquals("2.1", new ServerVersion(2, 1, 0).toString());
        assertEquals("1.7.1", new ServerVersion(1, 7, 1).toString());
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitNoRunningCalls() throws InterruptedException {
        okhttp3.Dispatcher d = http.forServer(TlsSettings.verify(), ServerSettings.DEFAULT_CONNECT_TIMEOUT,
                ServerSettings.DEFAULT_READ_TIMEOUT).dispatcher();
        for (int i = 0; i < 300 && d.runningCallsCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, d.runningCallsCount(), "the call was cancelled");
    }
}
