package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
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

/** Predictions of every kind the platform can answer, and expectations that turn them into gates. */
class PredictionsTest {

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private FakeSeldonApi api;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        api = server.api;
        api.seed("models", FakeSeldonApi.deployment("iris", "gs://m/iris"));
        api.seed("models", FakeSeldonApi.model("classifier", "gs://m/c"));
        api.seed("models", FakeSeldonApi.pipeline("iris-pipeline", "classifier"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Predictions viaApi() {
        return new Predictions(server.client, log, null);
    }

    private Predictions viaInferenceUrl() {
        return new Predictions(server.client, log, api.baseUrl());
    }

    private static JsonNode json(String text) {
        return Json.parseOrNull(text.replace('\'', '"'));
    }

    @Test
    void aSeldonDeploymentIsAskedThroughTheApiWithThePayloadAsItIs() throws Exception {
        JsonNode payload = json("{'data':{'ndarray':[[5.1,3.5,1.4,0.2]]}}");

        Predictions.Result result = viaApi().predict(ResourceKind.SELDON_DEPLOYMENT, "models", "iris", payload,
                Expectation.of("/data/ndarray/0/2", "0.7"));

        assertEquals("predict", result.route());
        assertEquals(0.7, result.answer().at("/data/ndarray/0/2").asDouble());
        assertEquals(List.of(new FakeSeldonApi.Prediction("predict", FakeSeldonApi.KIND, "models", "iris", payload,
                null, null)), api.predictions());
        assertEquals(List.of("Prediction of SeldonDeployment models/iris answered (through the API's predict endpoint)",
                "The prediction of SeldonDeployment models/iris meets its expectation: value at /data/ndarray/0/2"
                        + " equals 0.7"), log.lines);
    }

    @Test
    void aPipelineIsAskedThroughThePredictFileEndpointWithoutAnInferenceUrl() throws Exception {
        JsonNode payload = json("{'inputs':[{'name':'predict','shape':[1,4],'datatype':'FP32','data':[1,2,3,4]}]}");

        Predictions.Result result = viaApi().predict(ResourceKind.PIPELINE, "models", "iris-pipeline", payload, null);

        assertEquals("predictfile", result.route());
        assertEquals(List.of(2), List.of(result.answer().at("/outputs/0/data/0").asInt()));
        assertEquals("predictfile", api.predictions().get(0).route());
        assertEquals(payload, api.predictions().get(0).payload());
    }

    @Test
    void aPipelineIsAskedAtTheInferenceUrlWithTheHeadersSeldonRoutesBy() throws Exception {
        JsonNode payload = json("{'inputs':[]}");

        Predictions.Result result = viaInferenceUrl().predict(ResourceKind.PIPELINE, "models", "iris-pipeline",
                payload, Expectation.of("/outputs/0/data/0", "2"));

        assertEquals("inference", result.route());
        assertEquals(new FakeSeldonApi.Prediction("infer", FakeSeldonApi.PIPELINE, "models", "iris-pipeline",
                payload, "iris-pipeline.pipeline", "models.inference.seldon"), api.predictions().get(0));
        assertTrue(log.lines.get(0).endsWith("(through the inference URL " + api.baseUrl() + ")"), log.lines.get(0));
    }

    @Test
    void aModelIsReachedOnlyAtTheInferenceUrl() throws Exception {
        JsonNode payload = json("{'inputs':[]}");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> viaApi().predict(ResourceKind.MODEL, "models", "classifier", payload, null));
        assertTrue(e.getMessage().contains("configure the server's inference URL"), e.getMessage());
        assertTrue(api.predictions().isEmpty());

        viaInferenceUrl().predict(ResourceKind.MODEL, "models", "classifier", payload, null);
        assertEquals("classifier", api.predictions().get(0).seldonModelHeader());
        InvalidInputException experiment = assertThrows(InvalidInputException.class,
                () -> viaInferenceUrl().predict(ResourceKind.EXPERIMENT, "models", "iris-pipeline", payload, null));
        assertTrue(experiment.getMessage().contains("through its main pipeline"), experiment.getMessage());
    }

    @Test
    void anAnswerThatMissesItsExpectationFailsWithWhatItHolds() throws Exception {
        api.predictionReply(FakeSeldonApi.KIND, "models", "iris", json("{'data':{'ndarray':[[0.9,0.05,0.05]]}}"));
        JsonNode payload = json("{'data':{'ndarray':[[1,2,3,4]]}}");

        OperationFailedException wrong = assertThrows(OperationFailedException.class, () -> viaApi().predict(
                ResourceKind.SELDON_DEPLOYMENT, "models", "iris", payload, Expectation.of("/data/ndarray/0/0", "0.1")));
        assertEquals("The prediction of SeldonDeployment models/iris does not meet its expectation: value at"
                + " /data/ndarray/0/0 is 0.9, expected 0.1", wrong.getMessage());

        OperationFailedException missing = assertThrows(OperationFailedException.class, () -> viaApi().predict(
                ResourceKind.SELDON_DEPLOYMENT, "models", "iris", payload, Expectation.of("/outputs", null)));
        assertEquals("The prediction of SeldonDeployment models/iris does not meet its expectation: it has no value at"
                + " /outputs. It answered: {\"data\":{\"ndarray\":[[0.9,0.05,0.05]]}}", missing.getMessage());
    }

    @Test
    void expectedValuesAreJsonWhenTheyReadAsJsonAndNumbersEqualByValue() throws Exception {
        JsonNode answer = json("{'label':'setosa','score':2,'flags':[true,null],'one':1.0}");
        Expectation.of("/score", "2.0").check(answer, "x");
        Expectation.of("/one", "1").check(answer, "x");
        Expectation.of("/label", "setosa").check(answer, "x");
        Expectation.of("/label", "\"setosa\"").check(answer, "x");
        Expectation.of("/flags", "[true, null]").check(answer, "x");
        Expectation.of("", null).check(answer, "x");
        assertThrows(OperationFailedException.class, () -> Expectation.of("/score", "\"2\"").check(answer, "x"));
        assertThrows(OperationFailedException.class, () -> Expectation.of("/flags/2", null).check(answer, "x"));
        assertThrows(InvalidInputException.class, () -> Expectation.of("score", null));
    }

    @Test
    void aLongAnswerIsShownCutInTheFailure() throws Exception {
        StringBuilder big = new StringBuilder("{\"v\":\"");
        big.append("x".repeat(5000)).append("\"}");
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> Expectation.of("/w", null).check(Json.parseOrNull(big.toString()), "x"));
        assertTrue(e.getMessage().length() < 500, e.getMessage());
        assertTrue(e.getMessage().endsWith("..."));
    }

    @Test
    void payloadsAreCheckedAsJsonWithWhereTheMistakeIs() throws Exception {
        assertEquals(json("{'a':[1]}"), Payloads.parse("{\"a\": [1]}", "payload.json"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Payloads.parse("{\n  \"a\": [1,\n}", "payload.json"));
        assertTrue(e.getMessage().startsWith("payload.json (line 3, column 1): not JSON"), e.getMessage());
        assertEquals(3, e.line());
        assertThrows(InvalidInputException.class, () -> Payloads.parse("{} {}", "json"));
        assertThrows(InvalidInputException.class, () -> Payloads.parse(" ", "json"));
        assertEquals(json("{'a':{'b':[1,'x']}}"), Payloads.fromMap(Map.of("a", Map.of("b", List.of(1, "x"))),
                "payload"));
        assertFalse(log.lines.contains("payload"), "payloads are never logged");
    }
}
