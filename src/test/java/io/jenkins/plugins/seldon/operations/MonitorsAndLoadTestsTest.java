package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.Monitor;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
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

    @Test
    void aMonitorConfigurationIsAnObjectOfBasicAndDeploymentObjects() throws Exception {
        ObjectNode config = config("s3://a");
        assertSame(config, Monitors.configuration(config, "config"));
        assertEquals("monitor.json: a monitor's configuration is a JSON object with basic and deployment, e.g."
                + " {\"basic\": {\"storage_uri\": \"s3://bucket/detector\"}}", assertThrows(InvalidInputException.class,
                () -> Monitors.configuration(Json.object().arrayNode(), "monitor.json")).getMessage());
        assertEquals("config: basic must be an object", assertThrows(InvalidInputException.class,
                () -> Monitors.configuration(Json.object().put("basic", "s3://a"), "config")).getMessage());
    }

    @Test
    void monitorsOfOtherNamesAreOtherMonitorsAndFieldsTheServerAddsDoNotCount() throws Exception {
        monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.DRIFT_DETECTOR, "a",
                config("s3://a"));
        Monitors.Result other = monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris",
                Monitor.DRIFT_DETECTOR, "b", config("s3://b"));
        ObjectNode part = Json.object();
        part.putObject("basic").put("storage_uri", "s3://a");
        Monitors.Result same = monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris",
                Monitor.DRIFT_DETECTOR, "a", part);

        assertTrue(other.created());
        assertFalse(same.created(), "the stored one has more fields than given, the given ones equal");
        assertEquals(config("s3://a"), same.monitor().get("config"));
    }

    @Test
    void listingAndDeletingMonitorsAreLoggedAndChecked() throws Exception {
        monitors.list(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.OUTLIER_DETECTOR);
        monitors.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.OUTLIER_DETECTOR, "od",
                config("s3://a"));
        monitors.list(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.OUTLIER_DETECTOR);
        monitors.delete(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.OUTLIER_DETECTOR, "od", false);
        monitors.delete(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.OUTLIER_DETECTOR, "od", true);

        assertEquals(List.of("SeldonDeployment models/iris has 0 outlier detectors",
                "Created the outlier detector od of SeldonDeployment models/iris",
                "SeldonDeployment models/iris has 1 outlier detector",
                "Deleted the outlier detector od of SeldonDeployment models/iris",
                "The outlier detector od of SeldonDeployment models/iris does not exist; nothing to delete"), log.lines);
        api.clearRecords();

        assertEquals("'' is not a valid monitor name: lower case letters, digits and '-', at most 63, starting and"
                + " ending with a letter or digit", assertThrows(InvalidInputException.class, () -> monitors.delete(
                ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Monitor.DRIFT_DETECTOR, null, true)).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> monitors.delete(ResourceKind.SELDON_DEPLOYMENT,
                "models", "iris", Monitor.DRIFT_DETECTOR, "Bad_Name", true)).getMessage()
                .startsWith("'Bad_Name' is not a valid monitor name"));
        assertEquals("A Pipeline has no metrics server; the API has one for SeldonDeployments only",
                assertThrows(InvalidInputException.class, () -> monitors.delete(ResourceKind.PIPELINE, "models",
                        "iris-pipeline", Monitor.METRICS_SERVER, "metrics", true)).getMessage());
        assertThrows(InvalidInputException.class, () -> monitors.create(ResourceKind.PIPELINE, "models",
                "iris-pipeline", Monitor.METRICS_SERVER, "metrics", Json.object()));
        assertEquals("Monitors watch a SeldonDeployment or a Pipeline, not a Model",
                assertThrows(InvalidInputException.class, () -> monitors.list(ResourceKind.MODEL, "models",
                        "classifier", Monitor.DRIFT_DETECTOR)).getMessage());
        assertThrows(InvalidInputException.class, () -> monitors.list(ResourceKind.SELDON_DEPLOYMENT, "Models",
                "iris", Monitor.DRIFT_DETECTOR));
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void loadTestsAreLoggedWithTheServersMessageAndTheirLimitsChecked() throws Exception {
        ObjectNode answer = loadTests.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Json.object(), 1,
                null, null);
        String job = api.loadTests().get(0).job();
        loadTests.create(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", Json.object(), null, null, null);
        List<FakeSeldonApi.LoadTest> started = api.loadTests();
        loadTests.list(ResourceKind.SELDON_DEPLOYMENT, "models", "iris");
        loadTests.delete(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", job, false);
        loadTests.delete(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", job, true);

        assertEquals("load test " + job + " created", answer.path("message").asText());
        assertEquals(Map.of("connectionsNumber", "1"), started.get(0).fields());
        assertEquals(Map.of(), started.get(1).fields());
        assertEquals(List.of("Started a load test of SeldonDeployment models/iris: load test " + job + " created;"
                        + " its results are in the platform's UI",
                "Started a load test of SeldonDeployment models/iris: load test " + started.get(1).job()
                        + " created; its results are in the platform's UI",
                "Load tests of SeldonDeployment models/iris: " + job + "," + started.get(1).job(),
                "Deleted load test " + job + " of SeldonDeployment models/iris",
                "Load test " + job + " of SeldonDeployment models/iris does not exist; nothing to delete"), log.lines);
        assertThrows(NotFoundException.class, () -> loadTests.delete(ResourceKind.SELDON_DEPLOYMENT, "models",
                "iris", job, false));
        api.clearRecords();

        for (String noJob : new String[] {null, " "}) {
            assertEquals("Name the load test job to delete, as the list of load tests gives it",
                    assertThrows(InvalidInputException.class, () -> loadTests.delete(ResourceKind.SELDON_DEPLOYMENT,
                            "models", "iris", noJob, true)).getMessage());
        }
        assertEquals("Load tests run against a SeldonDeployment or a Pipeline, not a Model",
                assertThrows(InvalidInputException.class, () -> loadTests.list(ResourceKind.MODEL, "models",
                        "classifier")).getMessage());
        assertThrows(InvalidInputException.class, () -> loadTests.create(ResourceKind.SELDON_DEPLOYMENT, "Models",
                "iris", Json.object(), null, null, null));
        assertThrows(InvalidInputException.class, () -> loadTests.delete(ResourceKind.SELDON_DEPLOYMENT, "Models",
                "iris", job, true));
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void aLoadTestAnswerWithoutMessageAddsNothingToTheLog() throws Exception {
        try (LocalHttpServer other = LocalHttpServer.http()) {
            other.on(FakeSeldonApi.BASE_PATH + "/namespaces/models/seldondeployments/iris/loadtestjobs",
                    (ex, r) -> LocalHttpServer.json(ex, 200, "{\"code\": 200, \"message\": \" \"}"));

            new LoadTests(server.clientOf(other.url()), log).list(ResourceKind.SELDON_DEPLOYMENT, "models", "iris");
        }

        assertEquals(List.of("Load tests of SeldonDeployment models/iris"), log.lines);
    }
}
