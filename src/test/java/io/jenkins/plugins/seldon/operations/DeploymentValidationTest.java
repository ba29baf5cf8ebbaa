package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** The server's validation of SeldonDeployment manifests, before they are applied. */
class DeploymentValidationTest {

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private DeploymentValidation validation;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        validation = new DeploymentValidation(server.client, log);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aValidManifestIsConfirmedAndNothingIsApplied() throws Exception {
        List<Map<String, Object>> results = validation.validate("models", Manifests.parseAll("""
                apiVersion: machinelearning.seldon.io/v1
                kind: SeldonDeployment
                metadata: {name: iris}
                spec:
                  predictors:
                  - name: default
                    graph: {name: classifier, implementation: SKLEARN_SERVER, modelUri: gs://m/iris}
                """, "iris.yaml"));

        assertEquals(List.of(Map.of("namespace", "models", "name", "iris", "valid", true,
                "message", "Seldon Deployment iris is valid")), results);
        assertNull(server.api.stored("models", "iris"));
        assertEquals(List.of("SeldonDeployment models/iris is valid: Seldon Deployment iris is valid"), log.lines);
    }

    @Test
    void aRefusedManifestFailsWithTheServersReasonAndTheDocument() throws Exception {
        ObjectNode twoMains = FakeSeldonApi.deployment("iris", "gs://m/1");
        ((com.fasterxml.jackson.databind.node.ArrayNode) twoMains.at("/spec/predictors"))
                .add(twoMains.at("/spec/predictors/0").deepCopy());

        OperationFailedException e = assertThrows(OperationFailedException.class, () -> validation.validate("models",
                List.of(new Manifests.Document(twoMains, "release.yaml (document 2)"))));

        assertTrue(e.getMessage().startsWith("release.yaml (document 2): the server found SeldonDeployment models/iris"
                + " invalid: admission webhook \"v1.vseldondeployment.kb.io\" denied the request: admission webhook"
                + " rejected the SeldonDeployment: duplicate predictor name default (request id fake-"),
                e.getMessage());
    }

    @Test
    void anAnswerWithoutAMessageOrARefusalWithoutABodyIsReportedWithoutEmptyParts() throws Exception {
        try (CannedApi canned = new CannedApi()) {
            DeploymentValidation onCanned = new DeploymentValidation(canned.client, log);
            List<Manifests.Document> iris = List.of(new Manifests.Document(FakeSeldonApi.deployment("iris", "gs://m/1"),
                    "iris.yaml"));
            canned.answer("GET", "/namespaces/models/seldondeployments/validate", 200, "{}");

            assertEquals("", onCanned.validate("models", iris).get(0).get("message"));
            assertEquals(List.of("SeldonDeployment models/iris is valid"), log.lines);

            canned.answer("GET", "/namespaces/models/seldondeployments/validate", 400, "");
            OperationFailedException e = assertThrows(OperationFailedException.class,
                    () -> onCanned.validate("models", iris));
            assertTrue(e.getMessage().startsWith("iris.yaml: the server found SeldonDeployment models/iris invalid:"
                    + " Seldon API call GET "), e.getMessage());
            assertFalse(e.getMessage().contains("null") || e.getMessage().contains("request id"), e.getMessage());
        }
    }

    @Test
    void onlySeldonDeploymentsAreValidatedByTheServer() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> validation.validate("models",
                List.of(new Manifests.Document(FakeSeldonApi.pipeline("p", "m"), "p.yaml"))));
        assertEquals("p.yaml: the API validates SeldonDeployments only, not Pipelines; a dry run of seldonApply"
                + " compares them with the server instead", e.getMessage());
        assertThrows(InvalidInputException.class, () -> validation.validate("models", List.of()));
        assertTrue(server.api.requests().isEmpty());
    }
}
