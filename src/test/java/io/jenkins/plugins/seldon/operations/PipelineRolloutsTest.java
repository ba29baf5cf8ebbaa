package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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

/** Canaries and shadows of Pipelines (Seldon Core v2) through the experiment API of the stateful fake. */
class PipelineRolloutsTest {

    private static final String MESSAGE = "Jenkins team/release #7";
    private static final String PIPELINE = FakeSeldonApi.PIPELINE;
    private static final String EXPERIMENT = FakeSeldonApi.EXPERIMENT;

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
        rollouts = Rollouts.of(ResourceKind.PIPELINE, server.client, log, MESSAGE);
        api.seed("staging", FakeSeldonApi.pipeline("iris", "model-a"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void seedCandidate(String name, String type) {
        api.seed("staging", FakeSeldonApi.candidatePipeline(name, "iris", type, "model-b"));
    }

    private ObjectNode experimentSpec() {
        return (ObjectNode) api.stored(EXPERIMENT, "staging", "iris").get("spec");
    }

    @Test
    void aCanaryStartsOnceTheCandidateCarriesTheLabelsTheApiFindsItBy() throws Exception {
        seedCandidate("iris-v2", "canary");
        api.gitOpsNamespace("staging", 0);

        Change change = rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20);

        assertEquals(new Change(Change.Action.CANARY_STARTED, false, ResourceKind.EXPERIMENT, "staging", "iris-canary",
                "iris", api.stored(EXPERIMENT, "staging", "iris").at("/metadata/resourceVersion").asText(),
                "Experiment canary started", MESSAGE, List.of(), "iris 80%, iris-v2 20%"), change);
        assertEquals(FakeSeldonApi.experiment("x", "iris", "iris-v2", 20).get("spec"), experimentSpec());
        assertEquals(List.of("GET /namespaces/staging/pipelines/iris 200",
                "GET /namespaces/staging/pipelines/iris-v2 200", "GET /namespaces/staging/pipelines 200",
                "GET /namespaces/staging/pipelines/iris/experiment 404",
                "POST /namespaces/staging/pipelines/iris/experiment/canary 200",
                "GET /namespaces/staging/pipelines/iris/experiment 200"), server.requestLines());
        assertEquals(List.of(new FakeSeldonApi.Commit("Experiment canary", "staging", "iris", "created",
                "Experiment canary started", MESSAGE)), api.commits());
        assertEquals(List.of("Experiment staging/iris-canary (of Pipeline iris): canary started (iris 80%, iris-v2"
                + " 20%)"), log.lines);
    }

    @Test
    void aCandidateWithoutTheLabelsIsRefusedNamingEachLabelAndTheValueItNeeds() throws Exception {
        api.seed("staging", FakeSeldonApi.pipeline("bare", "model-b"));
        seedCandidate("for-shadow", "shadow");
        ObjectNode other = FakeSeldonApi.candidatePipeline("for-other", "other", "canary", "model-b");
        api.seed("staging", other);

        InvalidInputException bare = assertThrows(InvalidInputException.class,
                () -> rollouts.startCanary("staging", "iris", Candidate.pipeline("bare"), 20));
        assertEquals("Pipeline staging/bare cannot be the canary of Pipeline iris: the label seldon.io/pipeline is"
                + " missing; it needs seldon.io/pipeline: iris; the label seldon.io/experiment is missing; it needs"
                + " seldon.io/experiment: canary. The API finds the canary of a pipeline by these labels; add them to"
                + " the candidate's manifest and apply it.", bare.getMessage());
        InvalidInputException shadow = assertThrows(InvalidInputException.class,
                () -> rollouts.startCanary("staging", "iris", Candidate.pipeline("for-shadow"), 20));
        assertTrue(shadow.getMessage().contains(": the label seldon.io/experiment is 'shadow'; it needs"
                + " seldon.io/experiment: canary."), shadow.getMessage());
        InvalidInputException forOther = assertThrows(InvalidInputException.class,
                () -> rollouts.startShadow("staging", "iris", Candidate.pipeline("for-other")));
        assertTrue(forOther.getMessage().startsWith("Pipeline staging/for-other cannot be the shadow of Pipeline iris:"
                + " the label seldon.io/pipeline is 'other'; it needs seldon.io/pipeline: iris; the label"
                + " seldon.io/experiment is 'canary'; it needs seldon.io/experiment: shadow."), forOther.getMessage());
        assertTrue(api.writes().isEmpty());
    }

    @Test
    void onlyOnePipelineMayCarryTheLabelsOfACanary() throws Exception {
        seedCandidate("iris-v2", "canary");
        seedCandidate("iris-v3", "canary");
        seedCandidate("iris-v4", "canary");

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v3"), 20));

        assertEquals("Pipelines iris-v2, iris-v4 in namespace staging are labelled as the canary of iris too"
                + " (seldon.io/pipeline: iris, seldon.io/experiment: canary). The API takes the canary from these"
                + " labels, so only iris-v3 may carry them; remove them from iris-v2, iris-v4 first.", e.getMessage());
        assertTrue(api.writes().isEmpty());
    }

    @Test
    void inputsAreCheckedBeforeAnyRequest() {
        assertEquals("The canary weight is a percentage of the traffic from 0 to 100, not 101",
                assertThrows(InvalidInputException.class, () -> rollouts.startCanary("staging", "iris",
                        Candidate.pipeline("iris-v2"), 101)).getMessage());
        assertThrows(InvalidInputException.class, () -> rollouts.setCanaryWeight("staging", "iris", -1));
        assertThrows(InvalidInputException.class, () -> Candidate.pipeline("Iris.v2"));
        assertThrows(InvalidInputException.class, () -> rollouts.promoteCanary("Staging", "iris"));
        assertEquals("The canary of Pipeline staging/iris must be another pipeline, not iris itself",
                assertThrows(InvalidInputException.class, () -> rollouts.startCanary("staging", "iris",
                        Candidate.pipeline("iris"), 10)).getMessage());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void aMissingMainOrCandidatePipelineIsNotFound() {
        assertThrows(NotFoundException.class,
                () -> rollouts.startCanary("staging", "absent", Candidate.pipeline("iris-v2"), 10));
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 10));
        assertTrue(e.getMessage().contains("Pipeline 'iris-v2' in namespace 'staging' does not exist"), e.getMessage());
        assertThrows(NotFoundException.class, () -> rollouts.current("staging", "absent"));
        assertTrue(api.writes().isEmpty());
    }

    @Test
    void theWeightChangesInTheExperimentAndAnUnchangedWeightSendsNothing() throws Exception {
        seedCandidate("iris-v2", "canary");
        rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20);
        String before = api.stored(EXPERIMENT, "staging", "iris").at("/metadata/resourceVersion").asText();
        log.lines.clear();
        api.clearRecords();

        Change changed = rollouts.setCanaryWeight("staging", "iris", 50);

        assertEquals(Change.Action.CANARY_WEIGHT_CHANGED, changed.action());
        assertEquals("iris 50%, iris-v2 50%", changed.detail());
        assertEquals(List.of("spec.candidates[0].weight: 80 -> 50", "spec.candidates[1].weight: 20 -> 50"),
                changed.diff());
        assertEquals(FakeSeldonApi.experiment("x", "iris", "iris-v2", 50).get("spec"), experimentSpec());
        FakeSeldonApi.Write put = api.writes().get(0);
        assertEquals(List.of("PUT", "Experiment canary weight changed"), List.of(put.method(), put.action()));
        assertEquals(before, put.body().at("/metadata/resourceVersion").asText(), "sent with its resourceVersion");
        assertEquals(List.of("Experiment staging/iris-canary (of Pipeline iris): canary weight changed (iris 50%,"
                + " iris-v2 50%)", "  spec.candidates[0].weight: 80 -> 50", "  spec.candidates[1].weight: 20 -> 50"),
                log.lines);

        api.clearRecords();
        assertEquals(Change.Action.UNCHANGED, rollouts.setCanaryWeight("staging", "iris", 50).action());
        // Starting the same canary again sets its weight: a retried build converges.
        Change again = rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 5);
        assertEquals(Change.Action.CANARY_WEIGHT_CHANGED, again.action());
        assertEquals(List.of("PUT Experiment iris Experiment canary weight changed"), server.writeLines());
        assertEquals(95, experimentSpec().at("/candidates/0/weight").asInt());
    }

    @Test
    void aConcurrentChangeOfTheExperimentIsReadAgainAndKept() throws Exception {
        seedCandidate("iris-v2", "canary");
        rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20);
        int base = api.requests().size();
        server.beforeRequest = n -> {
            if (n == base + 2) { // between our read and our update, someone adds a label
                ObjectNode changed = api.stored(EXPERIMENT, "staging", "iris");
                ((ObjectNode) changed.get("metadata")).putObject("labels").put("team", "ml");
                api.seed("staging", changed);
            }
        };

        rollouts.setCanaryWeight("staging", "iris", 30);

        assertEquals(List.of("GET /namespaces/staging/pipelines/iris/experiment 200",
                "PUT /namespaces/staging/pipelines/iris/experiment 409",
                "GET /namespaces/staging/pipelines/iris/experiment 200",
                "PUT /namespaces/staging/pipelines/iris/experiment 200"),
                server.requestLines().subList(server.requestLines().size() - 4, server.requestLines().size()));
        ObjectNode stored = api.stored(EXPERIMENT, "staging", "iris");
        assertEquals("ml", stored.at("/metadata/labels/team").asText(), "the other change is kept");
        assertEquals(30, stored.at("/spec/candidates/1/weight").asInt());
        assertTrue(log.lines.contains("WARN The experiment of Pipeline staging/iris changed while it was being updated"
                + " (409 Conflict); reading it again and retrying once"), log.lines.toString());
    }

    @Test
    void promotionReplacesTheMainPipelineAsSeldonDoes() throws Exception {
        seedCandidate("iris-v2", "canary");
        rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20);

        Change promoted = rollouts.promoteCanary("staging", "iris");

        ObjectNode main = api.stored(PIPELINE, "staging", "iris");
        assertEquals(new Change(Change.Action.CANARY_PROMOTED, false, ResourceKind.PIPELINE, "staging", "iris", null,
                main.at("/metadata/resourceVersion").asText(), "Experiment canary promoted", MESSAGE, List.of(),
                "iris-v2 promoted; iris serves 100% with its spec"), promoted);
        assertEquals(FakeSeldonApi.pipeline("x", "model-b").get("spec"), main.get("spec"));
        assertNull(api.stored(EXPERIMENT, "staging", "iris"));
        assertEquals("iris 100%", rollouts.current("staging", "iris").describe());
        assertEquals("Pipeline staging/iris has no canary to promote (it has no experiment)",
                assertThrows(InvalidInputException.class, () -> rollouts.promoteCanary("staging", "iris"))
                        .getMessage());
    }

    @Test
    void removalLeavesTheMainPipelineServingAndTheCandidateInPlace() throws Exception {
        seedCandidate("iris-v2", "canary");
        rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20);
        ObjectNode mainBefore = api.stored(PIPELINE, "staging", "iris");

        Change removed = rollouts.removeCanary("staging", "iris", false);

        assertEquals(Change.Action.CANARY_REMOVED, removed.action());
        assertEquals("iris-canary", removed.name());
        assertEquals("iris-v2 removed; iris serves 100%", removed.detail());
        assertEquals("Experiment canary removed", removed.auditAction());
        assertNull(api.stored(EXPERIMENT, "staging", "iris"));
        assertNotNull(api.stored(PIPELINE, "staging", "iris-v2"));
        assertEquals(mainBefore, api.stored(PIPELINE, "staging", "iris"));

        assertEquals("Pipeline staging/iris has no canary to remove (it has no experiment)",
                assertThrows(InvalidInputException.class, () -> rollouts.removeCanary("staging", "iris", false))
                        .getMessage());
        Change nothing = rollouts.removeCanary("staging", "iris", true);
        assertEquals(Change.Action.UNCHANGED, nothing.action());
        assertEquals("Pipeline staging/iris is unchanged; nothing sent (no canary to remove; iris 100%)",
                nothing.describe());
    }

    @Test
    void aShadowGetsACopyOfTheTrafficAndIsPromotedOrRemoved() throws Exception {
        seedCandidate("iris-copy", "shadow");

        Change started = rollouts.startShadow("staging", "iris", Candidate.pipeline("iris-copy"));

        assertEquals(Change.Action.SHADOW_STARTED, started.action());
        assertEquals("iris 100%; shadow iris-copy gets a copy", started.detail());
        assertEquals(FakeSeldonApi.shadowExperiment("x", "iris", "iris-copy").get("spec"), experimentSpec());
        TrafficSplit split = rollouts.current("staging", "iris");
        assertEquals("iris-copy", split.shadow());
        assertNull(split.canary());
        assertEquals(Change.Action.UNCHANGED, rollouts.startShadow("staging", "iris", Candidate.pipeline("iris-copy"))
                .action(), "the same shadow again sends nothing");
        seedCandidate("iris-v2", "canary");
        InvalidInputException busy = assertThrows(InvalidInputException.class,
                () -> rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 10));
        assertEquals("Pipeline staging/iris already has the experiment 'iris-shadow' (iris 100%; shadow iris-copy gets"
                + " a copy), and a pipeline has one experiment. Remove its canary or shadow, or delete the Experiment,"
                + " first.", busy.getMessage());
        assertThrows(InvalidInputException.class, () -> rollouts.removeCanary("staging", "iris", false));

        Change promoted = rollouts.promoteShadow("staging", "iris");
        assertEquals(Change.Action.SHADOW_PROMOTED, promoted.action());
        assertEquals(FakeSeldonApi.pipeline("x", "model-b").get("spec"), api.stored(PIPELINE, "staging", "iris")
                .get("spec"));

        seedCandidate("iris-copy2", "shadow");
        rollouts.startShadow("staging", "iris", Candidate.pipeline("iris-copy2"));
        assertEquals(Change.Action.SHADOW_REMOVED, rollouts.removeShadow("staging", "iris", false).action());
        assertNull(api.stored(EXPERIMENT, "staging", "iris"));
        assertEquals(List.of("Experiment shadow started", "Experiment shadow promoted", "Experiment shadow started",
                "Experiment shadow removed"), api.writes().stream().map(FakeSeldonApi.Write::action).toList());
    }

    @Test
    void theCurrentSplitAsPlainValues() throws Exception {
        seedCandidate("iris-v2", "canary");
        assertEquals(Map.of("kind", "Pipeline", "namespace", "staging", "target", "iris", "main", "iris", "weights",
                Map.of("iris", 100), "description", "iris 100%"), rollouts.current("staging", "iris").toMap());
        rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 25);
        Map<String, Object> split = rollouts.current("staging", "iris").toMap();
        assertEquals("iris-canary", split.get("experiment"));
        assertEquals("iris-v2", split.get("canary"));
        assertEquals(25, split.get("canaryPercent"));
        assertEquals(List.of("iris", "iris-v2"), List.copyOf(((Map<?, ?>) split.get("weights")).keySet()));
    }

    @Test
    void everyOperationChecksTheNamespaceAndMainPipelineBeforeAnyRequest() throws Exception {
        assertEquals(ResourceKind.PIPELINE, rollouts.kind());
        Candidate candidate = Candidate.pipeline("iris-v2");
        for (String[] address : new String[][] {{"Staging", "iris"}, {"staging", "Iris"}}) {
            String ns = address[0];
            String main = address[1];
            List<org.junit.jupiter.api.function.Executable> calls = List.of(
                    () -> rollouts.startCanary(ns, main, candidate, 10), () -> rollouts.setCanaryWeight(ns, main, 10),
                    () -> rollouts.promoteCanary(ns, main), () -> rollouts.removeCanary(ns, main, true),
                    () -> rollouts.startShadow(ns, main, candidate), () -> rollouts.promoteShadow(ns, main),
                    () -> rollouts.removeShadow(ns, main, true), () -> rollouts.current(ns, main));
            for (org.junit.jupiter.api.function.Executable call : calls) {
                assertThrows(InvalidInputException.class, call, ns + "/" + main);
            }
        }
        PipelineRollouts.checkWeight(0);
        PipelineRollouts.checkWeight(100);
        assertThrows(InvalidInputException.class, () -> PipelineRollouts.checkWeight(-1));
        assertTrue(api.requests().isEmpty(), api.requests().toString());
    }

    @Test
    void aCanaryNotVisibleYetInAGitOpsNamespaceIsReportedAsAskedFor() throws Exception {
        seedCandidate("iris-v2", "canary");
        api.gitOpsNamespace("staging", 5);

        Change change = rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 30);

        assertEquals(new Change(Change.Action.CANARY_STARTED, false, ResourceKind.EXPERIMENT, "staging", "iris",
                "iris", null, "Experiment canary started", MESSAGE, List.of(), "iris 70%, iris-v2 30%"), change);
    }

    @Test
    void aStartedCanaryReportsTheSplitTheServerShowsNotTheOneAskedFor() throws Exception {
        seedCandidate("iris-v2", "canary");
        boolean[] changed = {false};
        server.beforeRequest = n -> {
            ObjectNode created = api.stored(EXPERIMENT, "staging", "iris");
            if (!changed[0] && created != null) { // someone changes the weights before we read the experiment back
                changed[0] = true;
                ((ObjectNode) created.at("/spec/candidates/0")).put("weight", 60);
                ((ObjectNode) created.at("/spec/candidates/1")).put("weight", 40);
                api.seed("staging", created);
            }
        };

        assertEquals("iris 60%, iris-v2 40%",
                rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20).detail());
    }

    @Test
    void aWeightChangeIsAuditedAndReachesBothEndsOfTheRange() throws Exception {
        seedCandidate("iris-v2", "canary");
        rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20);
        log.lines.clear();

        Change again = rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 100);

        assertEquals(new Change(Change.Action.CANARY_WEIGHT_CHANGED, false, ResourceKind.EXPERIMENT, "staging",
                "iris-canary", "iris", api.stored(EXPERIMENT, "staging", "iris").at("/metadata/resourceVersion")
                        .asText(), "Experiment canary weight changed", MESSAGE,
                List.of("spec.candidates[0].weight: 80 -> 0", "spec.candidates[1].weight: 20 -> 100"),
                "iris 0%, iris-v2 100%"), again);
        assertEquals("Pipeline staging/iris already has the canary iris-v2 (iris 80%, iris-v2 20%); setting its"
                + " weight to 100%", log.lines.get(0));
        String version = api.stored(EXPERIMENT, "staging", "iris").at("/metadata/resourceVersion").asText();
        assertEquals(new Change(Change.Action.UNCHANGED, false, ResourceKind.EXPERIMENT, "staging", "iris-canary",
                "iris", version, null, null, List.of(), "iris 0%, iris-v2 100%"),
                rollouts.setCanaryWeight("staging", "iris", 100));
        assertEquals("iris 100%, iris-v2 0%", rollouts.setCanaryWeight("staging", "iris", 0).detail());
        assertEquals(List.of(100, 0), List.of(experimentSpec().at("/candidates/0/weight").asInt(),
                experimentSpec().at("/candidates/1/weight").asInt()));
    }

    @Test
    void aWeightChangeLeavesAlonePartsOfTheExperimentItDoesNotKnow() throws Exception {
        ObjectNode experiment = FakeSeldonApi.experiment("iris-canary", "iris", "iris-v2", 20);
        ((com.fasterxml.jackson.databind.node.ArrayNode) experiment.at("/spec/candidates")).addObject()
                .put("weight", 0);
        api.seed("staging", experiment);

        assertEquals("iris 80%, iris-v2 20%", rollouts.current("staging", "iris").describe(),
                "a candidate without a name is not a version");
        rollouts.setCanaryWeight("staging", "iris", 30);

        assertEquals(List.of(70, 30, 0), List.of(experimentSpec().at("/candidates/0/weight").asInt(),
                experimentSpec().at("/candidates/1/weight").asInt(), experimentSpec().at("/candidates/2/weight")
                        .asInt()));
    }

    @Test
    void aShadowIsNoCanaryToChangePromoteOrRemove() throws Exception {
        seedCandidate("iris-copy", "shadow");
        rollouts.startShadow("staging", "iris", Candidate.pipeline("iris-copy"));
        String running = " (its experiment iris-shadow: iris 100%; shadow iris-copy gets a copy)";

        assertEquals("Pipeline staging/iris has no canary to change the weight of" + running,
                assertThrows(InvalidInputException.class, () -> rollouts.setCanaryWeight("staging", "iris", 10))
                        .getMessage());
        assertEquals("Pipeline staging/iris has no canary to promote" + running,
                assertThrows(InvalidInputException.class, () -> rollouts.promoteCanary("staging", "iris"))
                        .getMessage());
        assertEquals("Pipeline staging/iris has no canary to remove" + running,
                assertThrows(InvalidInputException.class, () -> rollouts.removeCanary("staging", "iris", false))
                        .getMessage());
        assertEquals(new Change(Change.Action.UNCHANGED, false, ResourceKind.EXPERIMENT, "staging", "iris-shadow",
                "iris", null, null, null, List.of(), "no canary to remove; iris 100%; shadow iris-copy gets a copy"),
                rollouts.removeCanary("staging", "iris", true));
        api.seed("staging", FakeSeldonApi.pipeline("iris-copy", "model-b")); // the next shadow alone has the labels
        seedCandidate("iris-copy2", "shadow");
        assertTrue(assertThrows(InvalidInputException.class, () -> rollouts.startShadow("staging", "iris",
                Candidate.pipeline("iris-copy2"))).getMessage().startsWith("Pipeline staging/iris already has the"
                        + " experiment 'iris-shadow'"));
        assertEquals(List.of("Experiment shadow started"),
                api.writes().stream().map(FakeSeldonApi.Write::action).toList());
    }

    @Test
    void aCanaryIsNoShadowToPromoteOrRemove() throws Exception {
        assertEquals("Pipeline staging/iris has no shadow to promote (it has no experiment)",
                assertThrows(InvalidInputException.class, () -> rollouts.promoteShadow("staging", "iris"))
                        .getMessage());
        assertEquals("Pipeline staging/iris has no shadow to remove (it has no experiment)",
                assertThrows(InvalidInputException.class, () -> rollouts.removeShadow("staging", "iris", false))
                        .getMessage());
        assertEquals(new Change(Change.Action.UNCHANGED, false, ResourceKind.PIPELINE, "staging", "iris", null, null,
                null, null, List.of(), "no shadow to remove; iris 100%"), rollouts.removeShadow("staging", "iris", true));

        seedCandidate("iris-v2", "canary");
        rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20);
        String running = " (its experiment iris-canary: iris 80%, iris-v2 20%)";
        assertEquals("Pipeline staging/iris has no shadow to promote" + running,
                assertThrows(InvalidInputException.class, () -> rollouts.promoteShadow("staging", "iris"))
                        .getMessage());
        assertEquals("Pipeline staging/iris has no shadow to remove" + running,
                assertThrows(InvalidInputException.class, () -> rollouts.removeShadow("staging", "iris", false))
                        .getMessage());
        assertEquals("no shadow to remove; iris 80%, iris-v2 20%",
                rollouts.removeShadow("staging", "iris", true).detail());
        seedCandidate("iris-copy", "shadow");
        assertThrows(InvalidInputException.class,
                () -> rollouts.startShadow("staging", "iris", Candidate.pipeline("iris-copy")));
        assertEquals(List.of("Experiment canary started"),
                api.writes().stream().map(FakeSeldonApi.Write::action).toList());
    }

    @Test
    void theSameShadowBesideACanaryIsStillASecondExperiment() throws Exception {
        seedCandidate("iris-copy", "shadow");
        ObjectNode both = FakeSeldonApi.experiment("iris-ab", "iris", "iris-v2", 20);
        ((ObjectNode) both.get("spec")).putObject("mirror").put("name", "iris-copy").put("percent", 100);
        api.seed("staging", both);

        assertTrue(assertThrows(InvalidInputException.class, () -> rollouts.startShadow("staging", "iris",
                Candidate.pipeline("iris-copy"))).getMessage().startsWith("Pipeline staging/iris already has the"
                        + " experiment 'iris-ab' (iris 80%, iris-v2 20%; shadow iris-copy gets a copy)"));
        assertTrue(api.writes().isEmpty());
    }

    @Test
    void oneOtherPipelineWithTheLabelsIsNamedInTheSingular() throws Exception {
        seedCandidate("iris-v2", "canary");
        seedCandidate("iris-v3", "canary");

        assertEquals("Pipeline iris-v2 in namespace staging is labelled as the canary of iris too"
                + " (seldon.io/pipeline: iris, seldon.io/experiment: canary). The API takes the canary from these"
                + " labels, so only iris-v3 may carry them; remove them from iris-v2 first.",
                assertThrows(InvalidInputException.class, () -> rollouts.startCanary("staging", "iris",
                        Candidate.pipeline("iris-v3"), 20)).getMessage());
    }

    @Test
    void aPromotionSaysWhenTheCandidatePipelineIsStillThere() throws Exception {
        seedCandidate("iris-v2", "canary");
        rollouts.startCanary("staging", "iris", Candidate.pipeline("iris-v2"), 20);
        boolean[] back = {false};
        server.beforeRequest = n -> {
            if (!back[0] && api.stored(EXPERIMENT, "staging", "iris") == null) { // e.g. not synced yet
                back[0] = true;
                seedCandidate("iris-v2", "canary");
            }
        };

        assertEquals("iris-v2 promoted; iris serves 100% with its spec; Pipeline iris-v2 still exists",
                rollouts.promoteCanary("staging", "iris").detail());
    }

    @Test
    void labelProblemsNameAMissingOrNullLabelAndAValueOfAnotherType() throws Exception {
        ObjectNode labels = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        labels.putNull(PipelineRollouts.PIPELINE_LABEL).put(PipelineRollouts.EXPERIMENT_LABEL, 5);
        assertEquals(List.of("the label seldon.io/pipeline is missing; it needs seldon.io/pipeline: iris",
                "the label seldon.io/experiment is 5; it needs seldon.io/experiment: canary"),
                PipelineRollouts.labelProblems(labels, "iris", "canary"));
        labels.put(PipelineRollouts.PIPELINE_LABEL, "iris").put(PipelineRollouts.EXPERIMENT_LABEL, "canary");
        assertEquals(List.of(), PipelineRollouts.labelProblems(labels, "iris", "canary"));
    }

    @Test
    void theSplitPutsTheDefaultPipelineFirstWhereverTheExperimentListsIt() throws Exception {
        ObjectNode experiment = FakeSeldonApi.experiment("ab", "iris", "iris-v2", 20);
        com.fasterxml.jackson.databind.node.ArrayNode candidates =
                (com.fasterxml.jackson.databind.node.ArrayNode) experiment.at("/spec/candidates");
        candidates.insert(0, candidates.remove(1));
        assertEquals("iris-v2", candidates.get(0).path("name").asText());

        TrafficSplit split = PipelineRollouts.split("staging", "iris", experiment);
        assertEquals(List.of("iris", "iris-v2"), List.copyOf(split.weights().keySet()));
        assertEquals("iris", split.main());
        assertEquals("iris-v2", split.canary());

        ((ObjectNode) experiment.get("spec")).remove("default");
        assertEquals("iris", PipelineRollouts.split("staging", "iris", experiment).main(),
                "without a default, the main pipeline");
        ((ObjectNode) experiment.get("spec")).put("default", "iris-v2");
        assertEquals(List.of("iris-v2", "iris"),
                List.copyOf(PipelineRollouts.split("staging", "iris", experiment).weights().keySet()));
    }
}
