package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Canaries and shadows of SeldonDeployments (Seldon Core v1): predictors rewritten through the stateful fake, which
 * checks the traffic as Seldon's webhook does.
 */
class DeploymentRolloutsTest {

    private static final String MESSAGE = "Jenkins team/release #8";

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private FakeSeldonApi api;
    private Rollouts rollouts;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        api = server.api;
        rollouts = Rollouts.of(ResourceKind.SELDON_DEPLOYMENT, server.client, log, MESSAGE);
        api.seed("staging", FakeSeldonApi.deployment("iris", "gs://models/iris/1"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** The candidate as a release would give it: a whole SeldonDeployment manifest, its predictor named default. */
    private static Candidate candidate(String name, String modelUri) throws InvalidInputException {
        return Candidate.predictor(FakeSeldonApi.deployment("iris", modelUri), name, "iris-v2.yaml");
    }

    /** Each predictor as {@code name traffic [shadow]}. */
    private List<String> predictors() {
        List<String> out = new ArrayList<>();
        for (JsonNode p : api.stored("staging", "iris").at("/spec/predictors")) {
            out.add(p.path("name").asText() + " " + (p.has("traffic") ? p.path("traffic").asText() : "-")
                    + (p.path("shadow").asBoolean() ? " shadow" : ""));
        }
        return out;
    }

    @Test
    void aCanaryIsAnExtraPredictorWithItsWeightAndTheMainGetsTheRest() throws Exception {
        Change change = rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 20);

        assertEquals(List.of("default 80", "iris-v2 20"), predictors());
        assertEquals("gs://models/iris/2", api.stored("staging", "iris").at("/spec/predictors/1/graph/modelUri")
                .asText());
        assertEquals(new Change(Change.Action.CANARY_STARTED, false, ResourceKind.SELDON_DEPLOYMENT, "staging", "iris",
                null, api.stored("staging", "iris").at("/metadata/resourceVersion").asText(),
                "Deployment canary started", MESSAGE, change.diff(), "default 80%, iris-v2 20%"), change);
        String added = "spec.predictors[1]: added {\"name\":\"iris-v2\",\"replicas\":1,\"graph\":{\"name\":"
                + "\"classifier\",...";
        assertEquals(List.of("spec.predictors[0].traffic: added 80", added), change.diff());
        assertEquals(List.of("SeldonDeployment staging/iris: canary started (default 80%, iris-v2 20%)",
                "  spec.predictors[0].traffic: added 80", "  " + added,
                "Traffic split: the canary iris-v2 gets 20%, the main predictor default the other 80% (the traffic of"
                        + " the predictors that are not shadows must sum to 100)"), log.lines);
        assertEquals(List.of("GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 200"), server.requestLines());

        // Again, with the same candidate: nothing to send.
        assertEquals(Change.Action.UNCHANGED, rollouts.startCanary("staging", "iris",
                candidate("iris-v2", "gs://models/iris/2"), 20).action());
        assertEquals(1, api.writes().size());
    }

    @Test
    void theWeightChangesAndPromotionKeepsTheCandidatesName() throws Exception {
        rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 20);
        log.lines.clear();

        Change weight = rollouts.setCanaryWeight("staging", "iris", 60);
        assertEquals(List.of("default 40", "iris-v2 60"), predictors());
        assertEquals(List.of("spec.predictors[0].traffic: 80 -> 40", "spec.predictors[1].traffic: 20 -> 60"),
                weight.diff());
        assertEquals("Deployment canary weight changed", weight.auditAction());
        assertEquals(Change.Action.UNCHANGED, rollouts.setCanaryWeight("staging", "iris", 60).action());
        assertTrue(log.lines.contains("Traffic split: the canary iris-v2 gets 60%, the main predictor default the"
                + " other 40% (the traffic of the predictors that are not shadows must sum to 100)"), log.lines
                .toString());

        Change promoted = rollouts.promoteCanary("staging", "iris");

        assertEquals(List.of("iris-v2 100"), predictors());
        assertEquals("iris-v2 100%", promoted.detail());
        assertEquals(Change.Action.CANARY_PROMOTED, promoted.action());
        assertTrue(log.lines.contains("Predictor iris-v2 keeps its name and serves 100%; the main predictor default was"
                + " removed"), log.lines.toString());
        assertEquals("SeldonDeployment staging/iris has no canary to promote (iris-v2 100%)",
                assertThrows(InvalidInputException.class, () -> rollouts.promoteCanary("staging", "iris"))
                        .getMessage());
    }

    @Test
    void removingTheCanaryGivesTheMainPredictorAllTraffic() throws Exception {
        rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 20);

        Change removed = rollouts.removeCanary("staging", "iris", false);

        assertEquals(List.of("default 100"), predictors());
        assertEquals("default 100%", removed.detail());
        assertEquals("Deployment canary removed", removed.auditAction());
        Change nothing = rollouts.removeCanary("staging", "iris", true);
        assertEquals(Change.Action.UNCHANGED, nothing.action());
        assertTrue(log.lines.contains("SeldonDeployment staging/iris has no canary; nothing to remove"));
        assertThrows(InvalidInputException.class, () -> rollouts.removeCanary("staging", "iris", false));
        assertEquals(2, api.writes().size());
    }

    @Test
    void aShadowGetsNoTrafficOfItsOwnAndStaysThroughACanary() throws Exception {
        Change shadow = rollouts.startShadow("staging", "iris", candidate("iris-copy", "gs://models/iris/3"));

        assertEquals(List.of("default -", "iris-copy - shadow"), predictors());
        assertEquals("default 100%; shadow iris-copy gets a copy", shadow.detail());
        assertEquals("Deployment shadow started", shadow.auditAction());

        rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 10);
        assertEquals(List.of("default 90", "iris-copy - shadow", "iris-v2 10"), predictors());
        assertEquals("default 90%, iris-v2 10%; shadow iris-copy gets a copy",
                rollouts.current("staging", "iris").describe());
        assertEquals("SeldonDeployment staging/iris has a canary besides the shadow (default 90%, iris-v2 10%; shadow"
                + " iris-copy gets a copy); promote or remove the canary first", assertThrows(
                        InvalidInputException.class, () -> rollouts.promoteShadow("staging", "iris")).getMessage());
        rollouts.promoteCanary("staging", "iris");
        assertEquals(List.of("iris-copy - shadow", "iris-v2 100"), predictors());

        Change promoted = rollouts.promoteShadow("staging", "iris");
        assertEquals(List.of("iris-copy 100"), predictors());
        assertEquals(Change.Action.SHADOW_PROMOTED, promoted.action());
        rollouts.startShadow("staging", "iris", candidate("iris-copy2", "gs://models/iris/4"));
        assertEquals(Change.Action.SHADOW_REMOVED, rollouts.removeShadow("staging", "iris", false).action());
        assertEquals(List.of("iris-copy 100"), predictors());
        assertEquals(Change.Action.UNCHANGED, rollouts.removeShadow("staging", "iris", true).action());
    }

    @Test
    void whatWouldBreakTheRolesOfThePredictorsIsRefusedBeforeAnyWrite() throws Exception {
        assertEquals("The canary predictor is named default, like the main predictor of SeldonDeployment"
                + " staging/iris; give the canary another name", assertThrows(InvalidInputException.class,
                        () -> rollouts.startCanary("staging", "iris", candidate(null, "gs://m/2"), 10)).getMessage());
        rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 20);
        assertEquals("SeldonDeployment staging/iris already has the canary iris-v2 (default 80%, iris-v2 20%); promote"
                + " or remove it first", assertThrows(InvalidInputException.class, () -> rollouts.startCanary(
                        "staging", "iris", candidate("iris-v3", "gs://models/iris/3"), 20)).getMessage());
        assertEquals("SeldonDeployment staging/iris: the predictor iris-v2 serves traffic (default 80%, iris-v2 20%);"
                + " remove it first, or give the shadow another name", assertThrows(InvalidInputException.class,
                        () -> rollouts.startShadow("staging", "iris", candidate("iris-v2", "gs://m/2"))).getMessage());
        rollouts.startShadow("staging", "iris", candidate("iris-copy", "gs://models/iris/3"));
        assertTrue(assertThrows(InvalidInputException.class, () -> rollouts.startShadow("staging", "iris",
                candidate("iris-copy2", "gs://m/4"))).getMessage().contains("already has the shadow iris-copy"));
        assertTrue(assertThrows(InvalidInputException.class, () -> rollouts.startCanary("staging", "iris",
                candidate("iris-copy", "gs://m/4"), 5)).getMessage().contains("the predictor iris-copy is its shadow"));
        assertEquals(2, api.writes().size());

        // A split between three predictors, written by hand, is not a canary.
        ObjectNode ab = api.stored("staging", "iris");
        ArrayNode predictors = (ArrayNode) ab.at("/spec/predictors");
        ((ObjectNode) predictors.get(0)).put("traffic", 50);
        ((ObjectNode) predictors.get(1)).put("traffic", 30);
        predictors.add(((ObjectNode) predictors.get(0)).deepCopy().put("name", "c").put("traffic", 20));
        api.seed("staging", ab);
        assertEquals("SeldonDeployment staging/iris splits its traffic between 3 predictors, not a main one and a"
                + " canary; edit its manifest instead (default 50%, iris-v2 30%, c 20%; shadow iris-copy gets a copy)",
                assertThrows(InvalidInputException.class, () -> rollouts.setCanaryWeight("staging", "iris", 10))
                        .getMessage());
    }

    @Test
    void theCandidateComesFromAPredictorOrADeploymentManifest() throws Exception {
        ObjectNode predictor = (ObjectNode) FakeSeldonApi.deployment("x", "gs://m/2").at("/spec/predictors/0");
        assertEquals("default", Candidate.predictor(predictor, null, "p.yaml").name());
        assertEquals("v2", Candidate.predictor(predictor, "v2", "p.yaml").predictor().path("name").asText());
        assertEquals("p.yaml: a predictor needs a graph (the model it serves)", assertThrows(
                InvalidInputException.class, () -> Candidate.predictor(predictor.deepCopy().without("graph"), null,
                        "p.yaml")).getMessage());
        ObjectNode empty = FakeSeldonApi.deployment("x", "gs://m/2");
        ((ArrayNode) empty.at("/spec/predictors")).removeAll();
        assertEquals("d.yaml: the SeldonDeployment has no predictor to take as the candidate (spec.predictors is"
                + " empty or missing)", assertThrows(InvalidInputException.class,
                        () -> Candidate.predictor(empty, null, "d.yaml")).getMessage());
        assertEquals("d.yaml: spec.predictors[0]: The predictor name 'V2' is not a valid name: use lower-case letters,"
                + " digits and '-', starting and ending with a letter or digit", assertThrows(
                        InvalidInputException.class, () -> Candidate.predictor(FakeSeldonApi.deployment("x", "gs://m"),
                                "V2", "d.yaml")).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> rollouts.startCanary("staging", "iris",
                Candidate.pipeline("iris-v2"), 10)).getMessage().startsWith("A canary of a SeldonDeployment is a"
                        + " predictor"));
    }

    @Test
    void aConcurrentChangeIsReadAgainAndKept() throws Exception {
        server.beforeRequest = n -> {
            if (n == 2) { // between our read and our update, someone scales the main predictor
                ObjectNode scaled = api.stored("staging", "iris");
                ((ObjectNode) scaled.at("/spec/predictors/0")).put("replicas", 3);
                api.seed("staging", scaled);
            }
        };

        rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 20);

        assertEquals(List.of("GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 409",
                "GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 200"), server.requestLines());
        assertEquals(List.of("default 80", "iris-v2 20"), predictors());
        assertEquals(3, api.stored("staging", "iris").at("/spec/predictors/0/replicas").asInt());
    }

    @Test
    void invalidAddressesAndWeightsAreRefusedBeforeAnyRequest() throws Exception {
        assertEquals(ResourceKind.SELDON_DEPLOYMENT, rollouts.kind());
        Candidate v2 = candidate("iris-v2", "gs://models/iris/2");
        List<Executable> calls = List.of(
                () -> rollouts.startCanary("Staging", "iris", v2, 10),
                () -> rollouts.setCanaryWeight("staging", "Iris", 10),
                () -> rollouts.promoteCanary("Staging", "iris"),
                () -> rollouts.removeCanary("Staging", "iris", true),
                () -> rollouts.startShadow("Staging", "iris", v2),
                () -> rollouts.promoteShadow("Staging", "iris"),
                () -> rollouts.removeShadow("Staging", "iris", true),
                () -> rollouts.current("Staging", "iris"),
                () -> rollouts.startCanary("staging", "iris", v2, 101),
                () -> rollouts.setCanaryWeight("staging", "iris", -1));
        for (Executable call : calls) {
            assertThrows(InvalidInputException.class, call);
        }
        assertEquals(List.of(), server.requestLines());
    }

    @Test
    void aCandidateWithoutAGraphIsRefused() {
        Candidate noGraph = new Candidate("iris-v2", FakeSeldonApi.deployment("x", "gs://m/2").objectNode()
                .put("name", "iris-v2"));
        assertEquals("The canary predictor iris-v2 has no graph (the model it serves)", assertThrows(
                InvalidInputException.class, () -> rollouts.startCanary("staging", "iris", noGraph, 10)).getMessage());
        assertEquals(List.of(), server.requestLines());
    }

    @Test
    void aShadowIsRewrittenInPlaceAndTheSameShadowAgainSendsNothing() throws Exception {
        assertEquals("The shadow predictor is named default, like the main predictor of SeldonDeployment staging/iris;"
                + " give the shadow another name", assertThrows(InvalidInputException.class,
                        () -> rollouts.startShadow("staging", "iris", candidate(null, "gs://m/2"))).getMessage());
        rollouts.startShadow("staging", "iris", candidate("iris-copy", "gs://models/iris/3"));
        Change rewritten = rollouts.startShadow("staging", "iris", candidate("iris-copy", "gs://models/iris/4"));

        assertEquals(Change.Action.SHADOW_STARTED, rewritten.action());
        assertEquals(List.of("default -", "iris-copy - shadow"), predictors());
        assertEquals("gs://models/iris/4", api.stored("staging", "iris").at("/spec/predictors/1/graph/modelUri")
                .asText());
        log.lines.clear();
        Change again = rollouts.startShadow("staging", "iris", candidate("iris-copy", "gs://models/iris/4"));
        assertEquals(Change.Action.UNCHANGED, again.action());
        assertEquals(null, again.auditAction());
        assertEquals(null, again.auditMessage());
        assertEquals(1, log.lines.size(), log.lines.toString());
        assertEquals(2, api.writes().size());
    }

    @Test
    void nothingSentMeansNoTrafficNoteAndNoAudit() throws Exception {
        rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 20);
        log.lines.clear();

        Change again = rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 20);

        assertEquals(Change.Action.UNCHANGED, again.action());
        assertEquals(null, again.auditAction());
        assertEquals(null, again.auditMessage());
        assertEquals(List.of(again.describe()), log.lines);
    }

    @Test
    void aChangeWithoutANoteLogsOnlyTheChange() throws Exception {
        rollouts.startCanary("staging", "iris", candidate("iris-v2", "gs://models/iris/2"), 20);
        log.lines.clear();

        Change removed = rollouts.removeCanary("staging", "iris", false);

        List<String> expected = new ArrayList<>(List.of(removed.describe()));
        removed.diff().forEach(line -> expected.add("  " + line));
        assertEquals(expected, log.lines);
    }

    @Test
    void withoutAShadowPromotingOrRemovingItIsRefusedUnlessAllowed() throws Exception {
        assertEquals("SeldonDeployment staging/iris has no shadow to promote (default 100%)", assertThrows(
                InvalidInputException.class, () -> rollouts.promoteShadow("staging", "iris")).getMessage());
        assertEquals("SeldonDeployment staging/iris has no shadow to remove (default 100%)", assertThrows(
                InvalidInputException.class, () -> rollouts.removeShadow("staging", "iris", false)).getMessage());
        assertEquals(Change.Action.UNCHANGED, rollouts.removeShadow("staging", "iris", true).action());
        assertTrue(log.lines.contains("SeldonDeployment staging/iris has no shadow; nothing to remove"),
                log.lines.toString());
        assertEquals(0, api.writes().size());
    }

    @Test
    void theFirstShadowIsTheOneReported() throws Exception {
        ObjectNode deployment = FakeSeldonApi.deployment("iris", "gs://models/iris/1");
        ArrayNode predictors = (ArrayNode) deployment.at("/spec/predictors");
        ObjectNode main = (ObjectNode) predictors.get(0);
        predictors.add(main.deepCopy().put("name", "a").put("shadow", true));
        predictors.add(main.deepCopy().put("name", "b").put("shadow", true));
        assertEquals("default 100%; shadow a gets a copy",
                DeploymentRollouts.split("staging", "iris", deployment).describe());
    }

    @Test
    void aSecondConflictFailsAfterOneRetry() throws Exception {
        server.beforeRequest = n -> {
            if (n % 2 == 0 && n <= 6) { // someone else writes between each of our reads and updates, three times
                api.seed("staging", api.stored("staging", "iris"));
            }
        };

        Candidate v2 = candidate("iris-v2", "gs://models/iris/2");
        assertThrows(ConflictException.class, () -> rollouts.startCanary("staging", "iris", v2, 10));

        assertEquals(List.of("GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 409",
                "GET /namespaces/staging/seldondeployments/iris 200",
                "PUT /namespaces/staging/seldondeployments/iris 409"), server.requestLines());
    }
}
