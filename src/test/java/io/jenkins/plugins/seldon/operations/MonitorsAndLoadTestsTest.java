package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.Monitor;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Monitors that ship with a model, and load tests, of SeldonDeployments and Pipelines. */
class MonitorsAndLoadTestsTest {

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private FakeSeldonApi api;
    private Monitors monitors;
    private LoadTests loadTests;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        api = server.api;
        api.seed("models", FakeSeldonApi.deployment("iris", "gs://m/iris"));
        api.seed("models", FakeSeldonApi.model("classifier", "gs://m/c"));
        api.seed("models", FakeSeldonApi.pipeline("iris-pipeline", "classifier"));
        monitors = new Monitors(server.client, log);
        loadTests = new LoadTests(server.client, log);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ObjectNode config(String storage) {
        ObjectNode config = Json.object();
        config.putObject("basic").put("storage_uri", storage).put("drift_batch_size", "100");
        config.putObject("deployment").put("protocol", "kfserving.http").put("prom_scraping", true);
        return config;
    }

    @Test
    void aMonitorIsCreatedOnceAndTheSameAgainChangesNothing() throws Exception {
        Monitors.Result created = monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris",
                Monitor.DRIFT_DETECTOR, "iris-drift", config("s3://detectors/drift"));
        Monitors.Result again = monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris",
                Monitor.DRIFT_DETECTOR, "iris-drift", config("s3://detectors/drift"));

        assertTrue(created.created());
        assertFalse(again.created());
        assertEquals(config("s3://detectors/drift"), api.monitors(FakeSeldonApi.KIND, "models", "iris",
                "drift-detector").get("iris-drift").get("config"));
        assertEquals(List.of("Created the drift detector iris-drift of SeldonDeployment models/iris",
                "The drift detector iris-drift of SeldonDeployment models/iris already exists as configured; nothing"
                        + " sent"), log.lines);
        assertEquals(1, monitors.list(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.DRIFT_DETECTOR)
                .size());
    }

    @Test
    void aMonitorOfTheSameNameWithAnotherConfigurationFails() throws Exception {
        monitors.create(ResourceKind.PIPELINE, "models", "iris-pipeline", Monitor.OUTLIER_DETECTOR, "od",
                config("s3://a"));

        OperationFailedException e = assertThrows(OperationFailedException.class, () -> monitors.create(
                ResourceKind.PIPELINE, "models", "iris-pipeline", Monitor.OUTLIER_DETECTOR, "od", config("s3://b")));

        assertTrue(e.getMessage().startsWith("The outlier detector od of Pipeline models/iris-pipeline already exists"
                + " with another configuration"), e.getMessage());
        assertTrue(e.getMessage().endsWith("delete it first, or give another name"), e.getMessage());
    }

    @Test
    void aMonitorIsDeletedAndAMissingOneIsAFailureUnlessAllowed() throws Exception {
        monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.METRICS_SERVER, "metrics",
                Json.object());

        assertTrue(monitors.delete(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.METRICS_SERVER,
                "metrics", false));
        assertThrows(NotFoundException.class, () -> monitors.delete(ResourceKind.SELDON_DEPLOYMENT, "models", "iris",
                Monitor.METRICS_SERVER, "metrics", false));
        assertFalse(monitors.delete(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.METRICS_SERVER,
                "metrics", true));
    }

    @Test
    void configurationsNamesAndKindsAreCheckedBeforeAnythingIsSent() {
        ObjectNode typo = config("s3://a");
        ((ObjectNode) typo.get("basic")).put("storage_url", "s3://a");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> monitors.create(
                ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.DRIFT_DETECTOR, "d", typo));
        assertTrue(e.getMessage().startsWith("config: 'storage_url' is not a field of basic"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models",
                "iris", Monitor.DRIFT_DETECTOR, "d", (ObjectNode) Json.object().set("advanced", Json.object())));
        assertThrows(InvalidInputException.class, () -> monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models",
                "iris", Monitor.DRIFT_DETECTOR, "Bad_Name", config("s3://a")));
        InvalidInputException metrics = assertThrows(InvalidInputException.class, () -> monitors.list(
                ResourceKind.PIPELINE, "models", "iris-pipeline", Monitor.METRICS_SERVER));
        assertEquals("A Pipeline has no metrics server; the API has one for SeldonDeployments only",
                metrics.getMessage());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void aLoadTestIsStartedListedAndDeletedAndItsResultsAreInTheUi() throws Exception {
        ObjectNode payload = Json.object();
        payload.putObject("data").putArray("ndarray").addArray().add(1).add(2);

        loadTests.create(ResourceKind.PIPELINE, "models", "iris-pipeline", payload, 4, 1000, 60);

        FakeSeldonApi.LoadTest started = api.loadTests().get(0);
        assertEquals(payload, started.payload());
        assertEquals(Map.of("connectionsNumber", "4", "requestsNumber", "1000", "duration", "60"), started.fields());
        assertTrue(log.lines.get(0).endsWith("; its results are in the platform's UI"), log.lines.get(0));
        assertEquals(started.job(), loadTests.list(ResourceKind.PIPELINE, "models", "iris-pipeline")
                .path("message").asText());
        assertTrue(loadTests.delete(ResourceKind.PIPELINE, "models", "iris-pipeline", started.job(), false));
        assertFalse(loadTests.delete(ResourceKind.PIPELINE, "models", "iris-pipeline", started.job(), true));
        assertTrue(api.loadTests().isEmpty());
        assertThrows(InvalidInputException.class, () -> loadTests.create(ResourceKind.SELDON_DEPLOYMENT, "models",
                "iris", payload, 0, null, null));
    }
}
