package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.StatusStep;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The phases of a gated canary, as the block step calls them, for Pipelines and SeldonDeployments: promotion when the
 * gate passes; roll-back when it fails, the build is aborted, or the controller restarts mid-gate (the state persisted
 * by Java serialisation and resumed by fresh objects).
 */
class GatedRolloutTest {

    private static final String MESSAGE = "Jenkins team/release #9";
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final String CANDIDATE = """
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Model
            metadata:
              name: model-b
            spec:
              storageUri: gs://models/iris/2
              requirements: [sklearn]
            ---
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Pipeline
            metadata:
              name: iris-v2
              labels:
                seldon.io/pipeline: iris
                seldon.io/experiment: canary
            spec:
              steps:
              - name: model-b
              output:
                steps: [model-b]
            """;
    private static final String DEPLOYMENT_CANDIDATE = """
            apiVersion: machinelearning.seldon.io/v1
            kind: SeldonDeployment
            metadata:
              name: iris
            spec:
              predictors:
              - name: default
                replicas: 1
                graph:
                  name: classifier
                  implementation: SKLEARN_SERVER
                  modelUri: gs://models/iris/2
            """;

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private FakeSeldonApi api;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        api = server.api;
        api.seed("staging", FakeSeldonApi.pipeline("iris", "model-a"));
        api.seed("staging", FakeSeldonApi.deployment("iris", "gs://models/iris/1"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A rollout whose waits poll through {@code client} and sleep by moving the test's clock. */
    private GatedRollout rollout(SeldonClient client) {
        return new GatedRollout(client, log, clock, MESSAGE, new ResourceWait(client::get,
                (readiness, verdict) -> ResourceWait.failure(client, readiness, verdict), log, clock, clock::advance));
    }

    private static List<Manifests.Document> documents(String yaml) throws Exception {
        return Manifests.parseAll(yaml, "candidate.yaml");
    }

    private RolloutState readyPipelineCanary(GatedRollout rollout) throws Exception {
        List<Manifests.Document> docs = documents(CANDIDATE);
        RolloutState planned = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", null, 20, docs);
        RolloutState started = rollout.start(planned, docs).state();
        return rollout.awaitReady(started, TIMEOUT, POLL).state();
    }

    private static JsonNode json(String text) throws IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
    }

    private static List<String> described(List<Change> changes) {
        return changes.stream().map(Change::describe).toList();
    }

    private List<String> predictors() {
        List<String> out = new ArrayList<>();
        for (JsonNode p : api.stored("staging", "iris").at("/spec/predictors")) {
            out.add(p.path("name").asText() + " " + p.path("traffic").asText("-"));
        }
        return out;
    }

    // ---- Pipelines ---------------------------------------------------------------------------------------------

    @Test
    void aPipelineCanaryThatPassesItsGateIsPromoted() throws Exception {
        GatedRollout rollout = rollout(server.client);
        List<Manifests.Document> docs = documents(CANDIDATE);

        RolloutState planned = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", null, 20, docs);
        assertEquals("canary iris-v2 of Pipeline staging/iris at 20% (PLANNED)", planned.toString());
        assertTrue(api.requests().isEmpty(), "planning sends nothing");

        GatedRollout.Result started = rollout.start(planned, docs);
        assertEquals(List.of("Created Model staging/model-b", "Created Pipeline staging/iris-v2",
                "Experiment staging/iris-canary (of Pipeline iris): canary started (iris 80%, iris-v2 20%)"),
                described(started.changes()));
        assertEquals("canary iris-v2 started: iris 80%, iris-v2 20%", started.summary());
        RolloutState state = started.state();
        assertEquals(RolloutState.Phase.STARTED, state.phase());
        List<RolloutState.Wait> waits = state.waits();
        assertEquals(List.of("Pipeline staging/iris-v2", "the experiment of Pipeline staging/iris"),
                waits.stream().map(w -> w.readiness().subject()).toList());
        assertEquals(List.of(LastWrite.Kind.CREATED, LastWrite.Kind.CREATED),
                waits.stream().map(w -> w.lastWrite().kind()).toList());

        GatedRollout.Result ready = rollout.awaitReady(state, TIMEOUT, POLL);
        assertEquals(RolloutState.Phase.READY, ready.state().phase());
        assertTrue(log.lines.contains("Pipeline staging/iris-v2 is Ready"), log.lines.toString());
        assertTrue(log.lines.contains("The experiment of Pipeline staging/iris is Ready"), log.lines.toString());

        GatedRollout.Result promoted = rollout.promote(ready.state());

        assertEquals(RolloutState.Phase.PROMOTED, promoted.state().phase());
        assertEquals("canary iris-v2 promoted; iris serves 100% with its spec", promoted.summary());
        assertEquals(List.of(Change.Action.CANARY_PROMOTED), promoted.changes().stream().map(Change::action).toList());
        assertEquals(FakeSeldonApi.pipeline("x", "model-b").get("spec"), api.stored(FakeSeldonApi.PIPELINE, "staging",
                "iris").get("spec"));
        assertNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "iris"));
        assertEquals(List.of("POST Model model-b Model created", "POST Pipeline iris-v2 Pipeline created",
                "POST Experiment iris Experiment canary started", "PUT Experiment iris Experiment canary promoted"),
                server.writeLines());
        assertTrue(api.writes().stream().allMatch(w -> MESSAGE.equals(w.message())));
    }

    @Test
    void theGateGetsTheCandidatesNamesAndHowToReachItDirectly() throws Exception {
        RolloutState ready = readyPipelineCanary(rollout(server.client));

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SELDON_KIND", "Pipeline");
        expected.put("SELDON_NAMESPACE", "staging");
        expected.put("SELDON_MAIN", "iris");
        expected.put("SELDON_CANDIDATE", "iris-v2");
        expected.put("SELDON_CANARY_WEIGHT", "20");
        assertEquals(expected, GatedRollout.gateEnvironment(ready, null));
        expected.put("SELDON_CANDIDATE_URL", "https://seldon.example.com/v2/models/iris-v2/infer");
        expected.put("SELDON_CANDIDATE_MODEL_HEADER", "Seldon-Model: iris-v2.pipeline");
        expected.put("SELDON_HOST_HEADER", "Host: staging.inference.seldon");
        Map<String, String> env = GatedRollout.gateEnvironment(ready, URI.create("https://seldon.example.com/"));
        assertEquals(expected, env);
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(env.keySet()));
    }

    @Test
    void aFailedGateRemovesTheCanaryAndTheMainPipelineServesAgain() throws Exception {
        GatedRollout rollout = rollout(server.client);
        RolloutState ready = readyPipelineCanary(rollout);
        JsonNode mainBefore = api.stored(FakeSeldonApi.PIPELINE, "staging", "iris").get("spec");
        log.lines.clear();

        GatedRollout.Result rolledBack = rollout.rollBack(ready, "the gate failed: script returned exit code 1");

        assertEquals("canary iris-v2 removed; iris serves 100%; Pipeline iris-v2 is left in place",
                rolledBack.summary());
        assertEquals(RolloutState.Phase.ROLLED_BACK, rolledBack.state().phase());
        assertEquals(List.of(Change.Action.CANARY_REMOVED), rolledBack.changes().stream().map(Change::action).toList());
        assertNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "iris"));
        assertEquals(mainBefore, api.stored(FakeSeldonApi.PIPELINE, "staging", "iris").get("spec"));
        assertEquals("WARN Rolling back the canary iris-v2 of Pipeline staging/iris: the gate failed: script returned"
                + " exit code 1", log.lines.get(0));
        assertEquals("WARN Roll-back: canary iris-v2 removed; iris serves 100%; Pipeline iris-v2 is left in place",
                log.lines.get(log.lines.size() - 1));
    }

    @Test
    void aRestartMidGateResumesFromThePersistedStateAndRollsBack() throws Exception {
        RolloutState ready = readyPipelineCanary(rollout(server.client));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ready);
        }

        // The controller restarts: everything but the persisted state is new.
        RolloutState restored;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (RolloutState) in.readObject();
        }
        assertEquals(ready.toString(), restored.toString());
        assertEquals(ready.waits().get(1).lastWrite(), restored.waits().get(1).lastWrite());

        GatedRollout.Result rolledBack = rollout(server.newClient()).rollBack(restored,
                "Jenkins restarted while the gate ran");

        assertEquals("canary iris-v2 removed; iris serves 100%; Pipeline iris-v2 is left in place",
                rolledBack.summary());
        assertNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "iris"));
    }

    @Test
    void anAbortBeforeTheCanaryShowsRemovesNothingAndSaysWhy() throws Exception {
        GatedRollout rollout = rollout(server.client);
        List<Manifests.Document> docs = documents(CANDIDATE);
        RolloutState planned = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", null, 20, docs);

        GatedRollout.Result nothing = rollout.rollBack(planned, "the build was aborted");
        assertEquals("no canary iris-v2 of iris was running, so nothing was removed; iris 100%", nothing.summary());
        assertEquals(RolloutState.Phase.ROLLED_BACK, nothing.state().phase());

        // In a GitOps namespace a canary started moments ago is not visible until the sync: say so.
        api.seed("staging", FakeSeldonApi.candidatePipeline("iris-v2", "iris", "canary", "model-b"));
        api.gitOpsNamespace("staging", 5);
        RolloutState existing = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", "iris-v2", 20, List.of());
        RolloutState started = rollout.start(existing, List.of()).state();
        assertEquals("no canary iris-v2 of iris was running, so nothing was removed; iris 100% (in a GitOps namespace"
                + " a canary started moments ago shows only after the sync: check then)",
                rollout.rollBack(started, "the build was aborted").summary());
        assertEquals(List.of("POST Experiment iris Experiment canary started"), server.writeLines(),
                "nothing but the start was sent");
    }

    @Test
    void aRollBackThatFailsSaysTheCanaryStillRunsAndCanBeRetried() throws Exception {
        GatedRollout rollout = rollout(server.client);
        RolloutState ready = readyPipelineCanary(rollout);
        api.failNextRequest(500, "etcd unavailable");

        GatedRollout.Result failed = rollout.rollBack(ready, "the gate failed");

        assertTrue(failed.summary().startsWith("could not remove the canary iris-v2: Seldon API call GET "),
                failed.summary());
        assertTrue(failed.summary().contains("etcd unavailable"), failed.summary());
        assertTrue(failed.summary().endsWith("; it still gets 20% of the traffic of iris"), failed.summary());
        assertEquals(RolloutState.Phase.READY, failed.state().phase(), "not rolled back: a retry may");
        assertNotNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "iris"));

        assertEquals(RolloutState.Phase.ROLLED_BACK, rollout.rollBack(failed.state(), "retry").state().phase());
        assertNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "iris"));
    }

    @Test
    void aCandidateThatFailsStopsTheWaitAndIsThenRolledBack() throws Exception {
        GatedRollout rollout = rollout(server.client);
        api.scriptNextWrite(FakeSeldonApi.PIPELINE, "staging", "iris-v2", StatusStep.failed("model-b failed to load"));
        List<Manifests.Document> docs = documents(CANDIDATE);
        RolloutState started = rollout.start(GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", "iris-v2",
                20, docs), docs).state();

        NotReadyException e = assertThrows(NotReadyException.class, () -> rollout.awaitReady(started, TIMEOUT, POLL));

        assertTrue(e.getMessage().startsWith("Pipeline staging/iris-v2 failed: "), e.getMessage());
        assertEquals("canary iris-v2 removed; iris serves 100%; Pipeline iris-v2 is left in place",
                rollout.rollBack(started, e.getMessage()).summary());
    }

    @Test
    void aFailedPromotionSaysTheCanaryStillRuns() throws Exception {
        GatedRollout rollout = rollout(server.client);
        RolloutState ready = readyPipelineCanary(rollout);
        api.failNextRequest(424, "git push failed");

        ServerErrorException e = assertThrows(ServerErrorException.class, () -> rollout.promote(ready));

        assertTrue(e.getMessage().contains("git push failed"), e.getMessage());
        assertEquals("WARN Could not promote the canary iris-v2: " + e.getMessage() + "; it still gets 20% of the"
                + " traffic of iris", log.lines.get(log.lines.size() - 1));
        assertNotNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "iris"));
    }

    @Test
    void planningChecksWhatItCanWithoutAServer() throws Exception {
        List<Manifests.Document> docs = documents(CANDIDATE);
        assertEquals("A gated rollout is for a Pipeline or a SeldonDeployment, not a Model",
                assertThrows(InvalidInputException.class, () -> GatedRollout.plan(ResourceKind.MODEL, "staging",
                        "iris", null, 20, docs)).getMessage());
        assertThrows(InvalidInputException.class,
                () -> GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", null, 150, docs));
        assertEquals("candidate.yaml (document 2, line 9): Pipeline iris-v2 cannot be the canary of other: the label"
                + " seldon.io/pipeline is 'iris'; it needs seldon.io/pipeline: other. The API finds the canary of a"
                + " pipeline by these labels.", assertThrows(InvalidInputException.class,
                        () -> GatedRollout.plan(ResourceKind.PIPELINE, "staging", "other", null, 20, docs))
                        .getMessage());
        List<Manifests.Document> withExperiment = documents(CANDIDATE + "---\n" + """
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Experiment
                metadata: {name: ab}
                spec: {default: iris, resourceType: pipeline, candidates: [{name: iris, weight: 100}]}
                """);
        assertEquals("candidate.yaml (document 3, line 22): a canary's manifest holds only the candidate's Models and"
                + " Pipeline; remove the Experiment ab", assertThrows(InvalidInputException.class, () -> GatedRollout.plan(
                        ResourceKind.PIPELINE, "staging", "iris", null, 20, withExperiment)).getMessage());
        assertEquals("Name the candidate pipeline, or give its manifest", assertThrows(InvalidInputException.class,
                () -> GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", null, 20, List.of())).getMessage());
        assertEquals("iris-v3", GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", "iris-v3", 20, List.of())
                .candidate(), "an existing candidate needs no manifest");
        assertEquals("The candidate of SeldonDeployment staging/iris is a predictor: give one SeldonDeployment"
                + " manifest, whose first predictor is the candidate, or the predictor itself (2 documents given)",
                assertThrows(
                        InvalidInputException.class, () -> GatedRollout.plan(ResourceKind.SELDON_DEPLOYMENT,
                                "staging", "iris", null, 20, docs)).getMessage());
        assertTrue(api.requests().isEmpty());
    }

    // ---- SeldonDeployments -------------------------------------------------------------------------------------

    @Test
    void aDeploymentCanaryThatPassesItsGateIsPromoted() throws Exception {
        GatedRollout rollout = rollout(server.client);
        List<Manifests.Document> docs = documents(DEPLOYMENT_CANDIDATE);
        RolloutState planned = GatedRollout.plan(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", "iris-v2", 25,
                docs);

        GatedRollout.Result started = rollout.start(planned, docs);
        assertEquals(List.of("default 75", "iris-v2 25"), predictors());
        assertEquals("default", started.state().main());
        assertEquals(List.of(LastWrite.Kind.UPDATED), started.state().waits().stream()
                .map(w -> w.lastWrite().kind()).toList());

        RolloutState ready = rollout.awaitReady(started.state(), TIMEOUT, POLL).state();
        assertEquals("http://iris-iris-v2.staging:8000/api/v1.0/predictions", ready.candidateUrl());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("SELDON_KIND", "SeldonDeployment");
        expected.put("SELDON_NAMESPACE", "staging");
        expected.put("SELDON_DEPLOYMENT", "iris");
        expected.put("SELDON_MAIN", "default");
        expected.put("SELDON_CANDIDATE", "iris-v2");
        expected.put("SELDON_CANARY_WEIGHT", "25");
        expected.put("SELDON_CANDIDATE_URL", "http://iris-iris-v2.staging:8000/api/v1.0/predictions");
        assertEquals(expected, GatedRollout.gateEnvironment(ready, URI.create("https://seldon.example.com")),
                "Seldon Core v1's ingress follows the split: the candidate is reached at its Service");

        GatedRollout.Result promoted = rollout.promote(ready);

        assertEquals(List.of("iris-v2 100"), predictors());
        assertEquals("canary iris-v2 promoted; predictor iris-v2 of SeldonDeployment iris serves 100%",
                promoted.summary());
        assertEquals(List.of("PUT SeldonDeployment iris Deployment canary started",
                "PUT SeldonDeployment iris Deployment canary promoted"), server.writeLines());
    }

    @Test
    void aDeploymentCanaryIsRolledBackToTheMainPredictor() throws Exception {
        GatedRollout rollout = rollout(server.client);
        // A pipeline named like the candidate predictor is another thing: the summary does not mention it.
        api.seed("staging", FakeSeldonApi.pipeline("iris-v2", "model-b"));
        List<Manifests.Document> docs = documents(DEPLOYMENT_CANDIDATE);
        RolloutState started = rollout.start(GatedRollout.plan(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris",
                "iris-v2", 25, docs), docs).state();

        GatedRollout.Result rolledBack = rollout.rollBack(started, "the build was aborted");

        assertEquals("canary iris-v2 removed; default serves 100%", rolledBack.summary());
        assertEquals(List.of("default 100"), predictors());
        assertEquals("no canary iris-v2 of iris was running, so nothing was removed; default 100%",
                rollout.rollBack(rolledBack.state(), "again").summary());
    }

    @Test
    void aDeploymentCandidateNamedLikeTheMainPredictorIsRefusedAtTheStart() throws Exception {
        GatedRollout rollout = rollout(server.client);
        List<Manifests.Document> docs = documents(DEPLOYMENT_CANDIDATE);
        RolloutState planned = GatedRollout.plan(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", null, 25, docs);
        assertEquals("default", planned.candidate());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> rollout.start(planned, docs));

        assertEquals("The canary predictor is named default, like the main predictor of SeldonDeployment"
                + " staging/iris; give the canary another name", e.getMessage());
        assertTrue(api.writes().isEmpty());
    }

    // ---- Phases and what each knows ----------------------------------------------------------------------------

    @Test
    void eachPhaseRefusesAStateOfAnotherPhase() throws Exception {
        GatedRollout rollout = rollout(server.client);
        api.seed("staging", FakeSeldonApi.candidatePipeline("iris-v2", "iris", "canary", "model-b"));
        RolloutState planned = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", "iris-v2", 20, List.of());

        assertThrows(IllegalStateException.class, () -> rollout.awaitReady(planned, TIMEOUT, POLL));
        assertThrows(IllegalStateException.class, () -> rollout.promote(planned));
        RolloutState started = rollout.start(planned, List.of()).state();
        assertEquals("Starting the canary iris-v2 of Pipeline staging/iris at 20%", log.lines.get(0));
        assertEquals("The rollout is STARTED, not PLANNED: " + started, assertThrows(IllegalStateException.class,
                () -> rollout.start(started, List.of())).getMessage());
        assertThrows(IllegalStateException.class, () -> rollout.promote(started));
        assertEquals(List.of("POST Experiment iris Experiment canary started"), server.writeLines());
    }

    @Test
    void beforeTheStartTheGateEnvironmentHasOnlyWhatIsKnown() throws Exception {
        RolloutState pipeline = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", "iris-v2", 20, List.of());
        assertEquals("iris", pipeline.main(), "a pipeline's main version is the main pipeline itself");
        assertEquals("iris", GatedRollout.gateEnvironment(pipeline, null).get("SELDON_MAIN"));

        RolloutState deployment = GatedRollout.plan(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", "iris-v2", 20,
                documents(DEPLOYMENT_CANDIDATE));
        assertNull(deployment.main(), "a deployment's main predictor is known once started");
        assertEquals(List.of("SELDON_KIND", "SELDON_NAMESPACE", "SELDON_DEPLOYMENT", "SELDON_CANDIDATE",
                "SELDON_CANARY_WEIGHT"), List.copyOf(GatedRollout.gateEnvironment(deployment, null).keySet()));
    }

    @Test
    void onlyADeploymentsCandidateGetsAServiceUrlAndOnlyFromWhatWasRead() throws Exception {
        JsonNode deployment = json("""
                {"spec": {"predictors": [{"name": "iris-v2", "graph": {"name": "classifier"}}]},
                 "status": {"serviceStatus": [{"svcName": "iris-iris-v2", "httpEndpoint": "iris-iris-v2.staging:8000"}]}}
                """);
        RolloutState pipeline = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", "iris-v2", 20, List.of())
                .started("iris", null, null);
        assertNull(GatedRollout.ready(pipeline, deployment).candidateUrl());
        RolloutState started = GatedRollout.plan(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", "iris-v2", 20,
                documents(DEPLOYMENT_CANDIDATE)).started("default", null, null);
        assertNull(GatedRollout.ready(started, null).candidateUrl());
        assertEquals("http://iris-iris-v2.staging:8000/api/v1.0/predictions",
                GatedRollout.ready(started, deployment).candidateUrl());
    }

    @Test
    void theCandidatesServiceUrlFollowsItsServiceAndTheDeploymentsProtocol() throws Exception {
        String statuses = """
                [{"svcName": "iris-default", "httpEndpoint": "iris-default.staging:8000"},
                 {"svcName": "iris-v2", "httpEndpoint": "wrong.staging:8000"},
                 {"svcName": "iris-iris-v2"},
                 {"svcName": "iris-iris-v2", "httpEndpoint": "iris-iris-v2.staging:9000"},
                 {"svcName": "iris-iris-v2", "httpEndpoint": 42}]
                """;
        String predictors = """
                [{"name": "default", "graph": {"name": "main-model"}},
                 {"name": "iris-v2", "graph": {"name": "classifier"}}]
                """;
        Map<String, String> urls = new LinkedHashMap<>();
        for (String protocol : List.of("seldon", "v2", "kfserving", "tensorflow")) {
            JsonNode d = json("{\"spec\": {\"protocol\": \"" + protocol + "\", \"predictors\": " + predictors
                    + "}, \"status\": {\"serviceStatus\": " + statuses + "}}");
            urls.put(protocol, GatedRollout.predictorUrl(d, "iris", "iris-v2", "staging"));
        }
        assertEquals(Map.of("seldon", "http://iris-iris-v2.staging:9000/api/v1.0/predictions",
                "v2", "http://iris-iris-v2.staging:9000/v2/models/classifier/infer",
                "kfserving", "http://iris-iris-v2.staging:9000/v2/models/classifier/infer",
                "tensorflow", "http://iris-iris-v2.staging:9000/v1/models/classifier:predict"), urls);

        JsonNode noGraphName = json("{\"spec\": {\"protocol\": \"v2\", \"predictors\": [{\"name\": \"iris-v2\","
                + " \"graph\": {}}]}, \"status\": {\"serviceStatus\": " + statuses + "}}");
        assertNull(GatedRollout.predictorUrl(noGraphName, "iris", "iris-v2", "staging"), "no model to name");
        ((com.fasterxml.jackson.databind.node.ObjectNode) noGraphName.get("spec")).put("protocol", "tensorflow");
        assertNull(GatedRollout.predictorUrl(noGraphName, "iris", "iris-v2", "staging"), "no model to name");
        JsonNode unlisted = json("{\"spec\": {\"predictors\": " + predictors + "}, \"status\": {\"serviceStatus\":"
                + " [{\"svcName\": \"iris-default\", \"httpEndpoint\": \"iris-default.staging:8000\"}]}}");
        assertNull(GatedRollout.predictorUrl(unlisted, "iris", "iris-v2", "staging"), "not listed yet");
    }

    @Test
    void aRollBackLeavesAloneWhatIsNotItsCanary() throws Exception {
        GatedRollout rollout = rollout(server.client);
        RolloutState gone = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "gone", "iris-v2", 20, List.of());
        GatedRollout.Result absent = rollout.rollBack(gone, "the build was aborted");
        assertEquals("Pipeline staging/gone does not exist, so there is no canary to remove", absent.summary());
        assertEquals(RolloutState.Phase.ROLLED_BACK, absent.state().phase());

        api.seed("staging", FakeSeldonApi.experiment("iris-canary", "iris", "iris-v3", 10));
        RolloutState ours = GatedRollout.plan(ResourceKind.PIPELINE, "staging", "iris", "iris-v2", 20, List.of());
        assertEquals("the canary of iris is iris-v3, not iris-v2, so it was left alone; iris 90%, iris-v3 10%",
                rollout.rollBack(ours, "the build was aborted").summary());
        assertNotNull(api.stored(FakeSeldonApi.EXPERIMENT, "staging", "iris"));
        assertTrue(api.writes().isEmpty());
    }

    @Test
    void anInterruptedRollBackSaysTheCanaryMayStillRunAndKeepsTheInterrupt() throws Exception {
        GatedRollout rollout = rollout(server.client);
        RolloutState ready = readyPipelineCanary(rollout);

        Thread.currentThread().interrupt();
        GatedRollout.Result interrupted = rollout.rollBack(ready, "the build was aborted");

        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        assertEquals("the roll-back was interrupted: the canary iris-v2 may still get 20% of the traffic of iris;"
                + " remove it by hand", interrupted.summary());
        assertEquals(RolloutState.Phase.READY, interrupted.state().phase());
    }
}
