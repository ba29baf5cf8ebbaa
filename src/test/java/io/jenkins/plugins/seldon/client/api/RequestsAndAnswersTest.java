package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.client.error.UnsupportedVersionException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What is refused before anything is sent (arguments out of range, operations the API lacks, a server too old, TLS
 * settings that cannot be used), what is sent at the edges of what is allowed, and what the answers become.
 */
class RequestsAndAnswersTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String NS = API + "/namespaces/staging";
    private static final String IRIS = NS + "/seldondeployments/iris";
    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;

    private final LocalHttpServer server = LocalHttpServer.http();
    private final HttpClientFactory http = TestHttp.factory();
    private final CountingAuthenticator auth = new CountingAuthenticator();
    private final ServerVersions versions = new ServerVersions(MutableClock.startingNow(), Duration.ofMinutes(10));

    @AfterEach
    void stop() {
        server.close();
    }

    private SeldonClient client() {
        return new SeldonClient(new ServerSettings(server.url()), auth, http, versions);
    }

    private void serverVersion(String version) {
        server.on(API + "/version", (ex, r) -> LocalHttpServer.json(ex, 200, "{\"BuildVersion\":\"" + version + "\"}"));
    }

    private void answer(String path, String body) {
        server.on(path, (ex, r) -> LocalHttpServer.json(ex, 200, body));
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parseOrNull(text.replace('\'', '"'));
    }

    private static void refused(String message, Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void aCanaryWeightOf0Or100IsSent() throws Exception {
        serverVersion("2.4.0");
        answer(NS + "/pipelines/main/experiment/canary", "{}");
        client().startCanary("staging", "main", 0, WriteAudit.NONE);
        client().startCanary("staging", "main", 100, WriteAudit.NONE);
        assertEquals(List.of("weight=0", "weight=100"), server.requests().stream()
                .filter(r -> r.path().endsWith("/canary")).map(LocalHttpServer.Recorded::rawQuery).toList());
    }

    @Test
    void anInferenceForAnInvalidModelNameIsNotSent() {
        URI url = URI.create(server.url());
        for (String model : new String[] {null, "", ".", ".."}) {
            refused("Invalid model: '" + model + "'", () -> client().infer(url, model, Map.of(), json("{}"), null));
        }
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void anAsynchronousCallThatCannotBeMadeFailsItsFuture() {
        assertRefused("Invalid name: '..'", client().deploymentResourcesAsync("staging", ".."));
        assertRefused("Invalid jobName: ''", client().batchJobAsync(SD, "staging", "iris", ""));
        assertRefused("The Seldon API has no operation to read batch job Model",
                client().batchJobAsync(ResourceKind.MODEL, "staging", "iris", "job-1"));
        assertTrue(server.requests().isEmpty());
    }

    private static void assertRefused(String message, CompletableFuture<?> future) {
        ExecutionException e = assertThrows(ExecutionException.class, () -> future.get(30, TimeUnit.SECONDS));
        assertEquals(message, assertInstanceOf(IllegalArgumentException.class, e.getCause()).getMessage());
    }

    @Test
    void anOperationTheApiLacksIsNamedWithItsMonitor() {
        refused("The Seldon API has no operation to create batch job Model",
                () -> client().createBatchJob(ResourceKind.MODEL, "staging", "iris", json("{}")));
        refused("The Seldon API has no operation to list monitors Model (drift detector)",
                () -> client().monitors(ResourceKind.MODEL, "staging", "iris", Monitor.DRIFT_DETECTOR));
        refused("The Seldon API has no operation to create monitor Pipeline (metrics server)",
                () -> client().createMonitor(ResourceKind.PIPELINE, "staging", "p", Monitor.METRICS_SERVER, json("{}")));
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void monitorAndLoadTestRequestsReturnTheServersAnswer() throws Exception {
        answer(IRIS + "/loadtestjobs/job-1", "{'code':200,'message':'load test deleted'}".replace('\'', '"'));
        answer(IRIS + "/monitor/drift-detector", "{'name':'drift','config':{}}".replace('\'', '"'));
        answer(IRIS + "/monitor/drift-detector/drift", "{'code':200,'message':'detector deleted'}".replace('\'', '"'));

        assertEquals("load test deleted", client().deleteLoadTest(SD, "staging", "iris", "job-1").path("message")
                .asText());
        assertEquals("drift", client().createMonitor(SD, "staging", "iris", Monitor.DRIFT_DETECTOR,
                json("{'name':'drift','config':{}}")).path("name").asText());
        assertEquals("detector deleted", client().deleteMonitor(SD, "staging", "iris", Monitor.DRIFT_DETECTOR, "drift")
                .path("message").asText());
    }

    @Test
    void modelMetadataThatIsNoObjectIsRefused() {
        answer(API + "/model/metadata", "[]");
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> client().modelMetadata(Map.of()));
        assertEquals("The answer of the Seldon API to GET " + server.url() + API + "/model/metadata is not a JSON"
                + " object.", e.getMessage());
    }

    @Test
    void aListWithoutItemsIsEmptyAndOneWhoseItemsAreNoArrayIsRefused() throws Exception {
        String list = NS + "/seldondeployments";
        answer(list, "{\"kind\":\"SeldonDeploymentList\"}");
        assertTrue(client().list(SD, "staging").isEmpty());
        answer(list, "{\"items\":{\"name\":\"iris\"}}");
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> client().list(SD, "staging"));
        assertEquals("The list from the Seldon API has no items array (GET " + server.url() + list + ").",
                e.getMessage());
    }

    @Test
    void onlyTheItemsOfAStreamedListAreCollected() throws Exception {
        answer(NS + "/seldondeployments", "{\"warnings\":[{\"name\":\"no\"},\"x\"],\"items\":[{\"name\":\"iris\"}],"
                + "\"more\":[[1]]}");
        SeldonClient.Listed<Void> listed = client().list(SD, "staging", SkipItems::new);
        assertEquals(1, listed.received());
    }

    /** An error of the caller's own collector (say, it ran out of memory) is neither wrapped nor retried. */
    @Test
    void anErrorInACollectorReachesTheCallerAsItIs() {
        answer(NS + "/seldondeployments", "{\"items\":[{\"name\":\"iris\"}]}");
        class CollectorError extends Error {
            private static final long serialVersionUID = 1L;
        }
        assertThrows(CollectorError.class, () -> client().list(SD, "staging", () -> new SeldonClient.ItemCollector<>() {
            @Override
            public void add(JsonParser parser) {
                throw new CollectorError();
            }

            @Override
            public List<String> result() {
                return new ArrayList<>();
            }
        }));
        assertEquals(1, server.requests().size());
    }

    @Test
    void caCertificatesThatCannotBeReadFailEveryCallBeforeAnythingIsSent() {
        SeldonClient c = new SeldonClient(new ServerSettings(server.url(), TlsSettings.withExtraCa("not a PEM"), null,
                null), auth, http, versions);
        for (Executable call : List.<Executable>of(() -> c.get(SD, "staging", "iris"),
                () -> c.create(SD, "staging", json("{'metadata':{'name':'iris'}}"), WriteAudit.NONE),
                () -> c.validate("staging", json("{'metadata':{'name':'iris'}}")))) {
            TlsException e = assertThrows(TlsException.class, call);
            assertTrue(e.getMessage().startsWith("Cannot call " + server.url() + API + ": The CA certificates "),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(". Check the CA certificates in the server's TLS settings."),
                    e.getMessage());
        }
        assertTrue(server.requests().isEmpty());
        assertEquals(0, auth.issued());
    }

    @Test
    void aReleaseCheckNamesTheRequestItRefuses() {
        serverVersion("1.7.1");
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> client().checkSupported(Endpoint.READ_EXPERIMENT));
        assertTrue(e.getMessage().endsWith("Nothing was sent (GET /namespaces/{namespace}/pipelines/{name}/experiment);"
                + " upgrade the server to use this."), e.getMessage());
    }

    /** Core v2 came with 2.0: what a Core v2 kind needs beyond it is named by its own request. */
    @Test
    void aCoreV2RequestThatNeedsALaterReleaseNamesItself() {
        serverVersion("2.0.3");
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> client().gitLog(ResourceKind.MODEL, "staging", "iris"));
        assertTrue(e.getMessage().startsWith("GET /namespaces/{namespace}/models/{name}/gitlogs needs Seldon Enterprise"
                + " Platform 2.1 or newer; the server at "), e.getMessage());
    }
}
