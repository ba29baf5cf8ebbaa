package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.ServerVersions;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.UnsupportedVersionException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.Container;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.Pod;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.StatusStep;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.Write;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pipelines, Models and Experiments (Seldon Core v2) through the operations, the real client and the stateful fake
 * API; and what applies of several documents, dry runs and unchanged applies do for every kind.
 */
class CoreV2OperationsTest {

    private static final String MESSAGE = "Jenkins team/release #7";
    private static final ResourceKind PIPELINE = ResourceKind.PIPELINE;
    private static final ResourceKind MODEL = ResourceKind.MODEL;
    private static final ResourceKind EXPERIMENT = ResourceKind.EXPERIMENT;

    private static final String RELEASE = """
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Model
            metadata:
              name: iris
            spec:
              storageUri: gs://models/iris/2
              requirements: [sklearn]
            ---
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Model
            metadata:
              name: iris2
            spec:
              storageUri: gs://models/iris/3
              requirements: [sklearn]
            ---
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Pipeline
            metadata:
              name: main
            spec:
              steps:
              - name: iris
              output:
                steps: [iris]
            ---
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Pipeline
            metadata:
              name: candidate
            spec:
              steps:
              - name: iris2
              output:
                steps: [iris2]
            ---
            apiVersion: mlops.seldon.io/v1alpha1
            kind: Experiment
            metadata:
              name: ab-test
            spec:
              default: main
              resourceType: pipeline
              candidates:
              - {name: main, weight: 90}
              - {name: candidate, weight: 10}
            """;

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private FakeSeldonApi api;
    private SeldonClient client;
    private ResourceOperations operations;

    @BeforeEach
    void start() throws IOException {
        api = FakeSeldonApi.start(issuer.verifier());
        String token = issuer.token("jenkins", "deployers");
        RequestAuthenticator auth = new RequestAuthenticator() {
            @Override
            public AuthHeader authenticate() {
                return AuthHeader.bearer(SecretText.of(token), null);
            }

            @Override
            public void invalidate(AuthHeader rejected) {}

            @Override
            public String describe() {
                return "a test token";
            }
        };
        // Each test its own cache: ports are reused, and some tests make the fake an older release.
        client = new SeldonClient(new ServerSettings(api.apiUrl().toString()), auth, new HttpClientFactory(),
                new ServerVersions(clock, Duration.ofMinutes(10)));
        operations = new ResourceOperations(client, log, clock, MESSAGE);
    }

    @AfterEach
    void stop() {
        api.close();
    }

    private List<ResourceOperations.ApplyResult> apply(String namespace, String yaml, boolean dryRun)
            throws Exception {
        return operations.apply(namespace, Manifests.parseAll(yaml, "release.yaml"), dryRun);
    }

    private List<String> requestLines() {
        return api.requests().stream().map(r -> r.method() + " " + r.rawPath().substring(FakeSeldonApi.BASE_PATH.length())
                + " " + r.status()).toList();
    }

    private static List<String> actions(List<ResourceOperations.ApplyResult> results) {
        return results.stream().map(r -> r.change().describe()).toList();
    }

    // ---- apply --------------------------------------------------------------------------------------------------

    @Test
    void aMultiDocumentReleaseIsAppliedInOrderWithTheAuditTrail() throws Exception {
        List<ResourceOperations.ApplyResult> results = apply("staging", RELEASE, false);

        assertEquals(List.of("Created Model staging/iris", "Created Model staging/iris2", "Created Pipeline staging/main",
                "Created Pipeline staging/candidate", "Created Experiment staging/ab-test (of Pipeline main)"),
                actions(results));
        assertEquals(List.of("POST Model iris", "POST Model iris2", "POST Pipeline main", "POST Pipeline candidate",
                "POST Experiment main"), api.writes().stream().map(w -> w.method() + " " + w.kind() + " " + w.name())
                .toList());
        assertEquals(List.of("Model created", "Model created", "Pipeline created", "Pipeline created",
                "Experiment created"), api.writes().stream().map(Write::action).toList());
        assertTrue(api.writes().stream().allMatch(w -> MESSAGE.equals(w.message())));
        // Kubernetes manifests, whatever the spec's request schemas say.
        for (Write w : api.writes()) {
            assertEquals("staging", w.body().at("/metadata/namespace").asText(), w.toString());
            assertTrue(w.body().path("name").isMissingNode(), w.toString());
        }
        ResourceOperations.ApplyResult experiment = results.get(4);
        assertEquals(Map.of("action", "created", "dryRun", false, "kind", "Experiment", "namespace", "staging", "name",
                "ab-test", "pipeline", "main", "resourceVersion", experiment.change().resourceVersion(),
                "auditAction", "Experiment created", "auditMessage", MESSAGE, "diff", List.of()),
                experiment.change().toMap());
        assertEquals(LastWrite.Kind.CREATED, experiment.write().kind());
        assertEquals("ab-test", experiment.resource().at("/metadata/name").asText());
        assertEquals(List.of("GET /version 200"), requestLines().subList(0, 1), "one version check, first");
        assertEquals(1, api.requests().stream().filter(r -> r.rawPath().endsWith("/version")).count());
    }

    @Test
    void applyingTheSameReleaseAgainSendsNoWriteAndMakesNoEmptyCommit() throws Exception {
        api.gitOpsNamespace("production", 0);
        apply("production", RELEASE, false);
        assertEquals(5, api.commits().size());
        api.clearRecords();
        log.lines.clear();

        List<ResourceOperations.ApplyResult> again = apply("production", RELEASE, false);

        assertTrue(again.stream().allMatch(r -> r.change().action() == Change.Action.UNCHANGED), actions(again)
                .toString());
        assertTrue(again.stream().allMatch(r -> r.write() == null));
        assertTrue(api.writes().isEmpty());
        assertTrue(api.commits().isEmpty(), "no empty GitOps commit");
        assertEquals("Model production/iris is unchanged; nothing sent", log.lines.get(0));
        assertEquals(again.get(0).change().resourceVersion(), api.stored(FakeSeldonApi.MODEL, "production", "iris")
                .at("/metadata/resourceVersion").asText());
    }

    @Test
    void anUpdateReplacesTheSpecKeepsServerLabelsAndLogsAShortDiff() throws Exception {
        ObjectNode seeded = FakeSeldonApi.model("iris", "gs://models/iris/1");
        seeded.with("metadata").putObject("labels").put("seldon.io/owner", "ui");
        ((ObjectNode) seeded.get("spec")).put("memory", "1Gi");
        String before = api.seed("staging", seeded).at("/metadata/resourceVersion").asText();

        ResourceOperations.ApplyResult result = apply("staging", RELEASE.substring(0, RELEASE.indexOf("---")),
                false).get(0);

        assertEquals(Change.Action.UPDATED, result.change().action());
        assertEquals(List.of("spec.storageUri: \"gs://models/iris/1\" -> \"gs://models/iris/2\"", "spec.memory: removed"),
                result.change().diff());
        assertEquals(List.of("Updated Model staging/iris (spec replaced):",
                "  spec.storageUri: \"gs://models/iris/1\" -> \"gs://models/iris/2\"", "  spec.memory: removed"),
                log.lines);
        Write write = api.writes().get(0);
        assertEquals("PUT", write.method());
        assertEquals("Model updated", write.action());
        assertEquals(before, write.body().at("/metadata/resourceVersion").asText());
        assertEquals("ui", write.body().at("/metadata/labels/seldon.io~1owner").asText());
        assertTrue(write.body().path("status").isMissingNode());
        assertEquals(LastWrite.Kind.UPDATED, result.write().kind());
        assertEquals(result.change().resourceVersion(), result.resource().at("/metadata/resourceVersion").asText());
    }

    @Test
    void aDryRunComparesWithTheServerAndChangesNothing() throws Exception {
        api.seed("staging", FakeSeldonApi.model("iris", "gs://models/iris/1"));
        api.seed("staging", FakeSeldonApi.model("iris2", "gs://models/iris/3"));

        List<ResourceOperations.ApplyResult> results = apply("staging", RELEASE, true);

        assertTrue(results.stream().allMatch(r -> r.change().dryRun() && r.write() == null));
        assertEquals(List.of(Change.Action.UPDATED, Change.Action.UNCHANGED, Change.Action.CREATED,
                Change.Action.CREATED, Change.Action.CREATED), results.stream().map(r -> r.change().action()).toList());
        assertTrue(api.requests().stream().allMatch(r -> r.method().equals("GET")), requestLines().toString());
        assertTrue(api.writes().isEmpty());
        assertEquals("Dry run: would update Model staging/iris:", log.lines.get(0));
        assertEquals("  spec.storageUri: \"gs://models/iris/1\" -> \"gs://models/iris/2\"", log.lines.get(1));
        assertEquals("Dry run: would create Pipeline staging/main", log.lines.get(log.lines.size() - 3));
        assertEquals("Model updated", results.get(0).change().auditAction(), "what would be sent");
        assertEquals("gs://models/iris/2", results.get(0).resource().at("/spec/storageUri").asText());
        assertEquals("gs://models/iris/1", api.stored(FakeSeldonApi.MODEL, "staging", "iris").at("/spec/storageUri")
                .asText());
    }

    @Test
    void nothingIsSentWhenAnyDocumentIsInvalid() {
        String release = RELEASE + """
                ---
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata:
                  name: Iris_3
                spec: {}
                ---
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Pipeline
                metadata:
                  name: main
                spec: {}
                """;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> apply("staging", release, false));
        assertEquals("Nothing was applied: 2 documents of 7 cannot be used:\n"
                + "  release.yaml (document 6, line 48): metadata.name: The Model name 'Iris_3' is not a valid name: use"
                + " lower-case letters, digits and '-', starting and ending with a letter or digit\n"
                + "  release.yaml (document 7, line 54): Pipeline staging/main is also in release.yaml (document 3,"
                + " line 17); apply each resource once", e.getMessage());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void aFailureAfterEarlierDocumentsSaysWhatWasApplied() throws Exception {
        api.seed("staging", FakeSeldonApi.model("iris", "gs://models/iris/2"));
        List<Manifests.Document> release = Manifests.parseAll(RELEASE, "release.yaml");
        // The experiment's main pipeline is not in this apply and does not exist: the server refuses it.
        List<Manifests.Document> documents = List.of(release.get(0), release.get(1), release.get(4));

        PartialApplyException e = assertThrows(PartialApplyException.class,
                () -> operations.apply("staging", documents, false));

        assertTrue(e.getMessage().startsWith("release.yaml (document 5, line 37): Seldon API call POST "),
                e.getMessage());
        assertTrue(e.getMessage().contains(" failed: HTTP 404. Pipeline 'main' in namespace 'staging' does not exist."),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(applied before it: Model staging/iris is unchanged; nothing sent; Created"
                + " Model staging/iris2)"), e.getMessage());
        assertEquals(List.of(Change.Action.UNCHANGED, Change.Action.CREATED),
                e.applied().stream().map(r -> r.change().action()).toList());
        assertTrue(e.getCause() instanceof NotFoundException, String.valueOf(e.getCause()));
        assertEquals(List.of("POST Model iris2"), api.writes().stream().map(w -> w.method() + " " + w.kind() + " "
                + w.name()).toList());
    }

    @Test
    void theNamespaceMayComeFromEachManifest() throws Exception {
        String yaml = """
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata: {name: iris, namespace: staging}
                spec: {storageUri: gs://m}
                ---
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Model
                metadata: {name: iris, namespace: production}
                spec: {storageUri: gs://m}
                """;
        assertEquals(List.of("Created Model staging/iris", "Created Model production/iris"),
                actions(apply(null, yaml, false)));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> apply(null, "apiVersion: mlops.seldon.io/v1alpha1\nkind: Model\nmetadata: {name: x}\nspec: {}\n",
                        false));
        assertEquals("release.yaml: metadata.namespace is missing and no namespace was given; give one of them",
                e.getMessage());
    }

    @Test
    void flatAnswersAreReadAndKubernetesManifestsAreSentBack() throws Exception {
        api.flattenCoreV2Answers(true);
        String model = RELEASE.substring(0, RELEASE.indexOf("---"));
        ResourceOperations.ApplyResult created = apply("staging", model, false).get(0);
        assertEquals("iris", created.resource().at("/metadata/name").asText());
        assertTrue(created.resource().path("name").isMissingNode());
        assertEquals(Change.Action.UNCHANGED, apply("staging", model, false).get(0).change().action());
        ResourceOperations.ApplyResult updated = apply("staging", model.replace("iris/2", "iris/9"), false).get(0);
        assertEquals(Change.Action.UPDATED, updated.change().action());
        JsonNode sent = api.writes().get(1).body();
        assertEquals("iris", sent.at("/metadata/name").asText());
        assertTrue(sent.path("name").isMissingNode() && sent.path("resourceVersion").isMissingNode(), sent.toString());
        assertEquals(created.change().resourceVersion(), sent.at("/metadata/resourceVersion").asText());
    }

    // ---- experiments ---------------------------------------------------------------------------------------------

    @Test
    void experimentsOnModelsAreRefusedBeforeAnyRequest() {
        String onModels = """
                apiVersion: mlops.seldon.io/v1alpha1
                kind: Experiment
                metadata: {name: ab-test}
                spec:
                  default: iris
                  candidates: [{name: iris, weight: 50}, {name: iris2, weight: 50}]
                """;
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> apply("staging", onModels, false));
        assertEquals("release.yaml: spec.resourceType is missing, which makes this an experiment on Models (Seldon's"
                + " default); for an experiment on Pipelines set spec.resourceType: pipeline. The Seldon API manages an"
                + " experiment only through its main pipeline (spec.default), so only experiments on Pipelines; manage"
                + " experiments on Models with kubectl or the Seldon CLI.", missing.getMessage());
        InvalidInputException model = assertThrows(InvalidInputException.class,
                () -> apply("staging", onModels.replace("default: iris", "default: iris\n  resourceType: model"), false));
        assertTrue(model.getMessage().startsWith("release.yaml: spec.resourceType is 'model'; expected pipeline."),
                model.getMessage());
        InvalidInputException noDefault = assertThrows(InvalidInputException.class, () -> apply("staging",
                onModels.replace("default: iris", "resourceType: pipeline"), false));
        assertEquals("release.yaml: spec.default is missing", noDefault.getMessage());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void anExperimentIsReadAndDeletedByItsMainPipelineWithoutAuditParameters() throws Exception {
        apply("staging", RELEASE, false);
        api.clearRecords();
        log.lines.clear();

        ObjectNode experiment = operations.get(EXPERIMENT, "staging", "main", false);
        assertEquals("ab-test", experiment.at("/metadata/name").asText());
        assertNull(operations.get(EXPERIMENT, "staging", "candidate", true));
        Change deleted = operations.delete(EXPERIMENT, "staging", "main", false);

        assertEquals(Change.Action.DELETED, deleted.action());
        assertEquals("ab-test", deleted.name());
        assertEquals("main", deleted.pipeline());
        assertNull(deleted.auditAction());
        Write write = api.writes().get(0);
        assertEquals(List.of("DELETE", "Experiment", "main"), List.of(write.method(), write.kind(), write.name()));
        assertNull(write.action());
        assertNull(write.message());
        assertEquals(List.of("Read the experiment of Pipeline staging/main (not Ready)",
                "The experiment of Pipeline staging/candidate does not exist",
                "Deleted Experiment staging/ab-test (of Pipeline main)"), log.lines);
        assertEquals(Change.Action.NOT_FOUND, operations.delete(EXPERIMENT, "staging", "main", true).action());
        assertThrows(NotFoundException.class, () -> operations.delete(EXPERIMENT, "staging", "main", false));
    }

    @Test
    void aPipelineHasOneExperimentAndAnotherIsNotAnUpdate() throws Exception {
        apply("staging", RELEASE, false);
        String other = RELEASE.substring(RELEASE.lastIndexOf("---") + 4).replace("name: ab-test", "name: other-test");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> apply("staging", other, false));
        assertEquals("release.yaml: Pipeline staging/main already has the experiment 'ab-test', and a pipeline has one"
                + " experiment. Delete 'ab-test' first, or apply this manifest under that name.", e.getMessage());
        ResourceOperations.ApplyResult update = apply("staging", RELEASE.substring(RELEASE.lastIndexOf("---") + 4)
                .replace("weight: 10", "weight: 20").replace("weight: 90", "weight: 80"), false).get(0);
        assertEquals(Change.Action.UPDATED, update.change().action());
        assertEquals(List.of("spec.candidates[0].weight: 90 -> 80", "spec.candidates[1].weight: 10 -> 20"),
                update.change().diff());
        assertEquals("Experiment updated", api.writes().get(api.writes().size() - 1).action());
    }

    // ---- list, get, delete ---------------------------------------------------------------------------------------

    @Test
    void pipelinesAreListedModelsOnlyThroughTheirPipeline() throws Exception {
        apply("staging", RELEASE, false);
        api.clearRecords();
        log.lines.clear();

        List<Object> pipelines = operations.list(PIPELINE, "staging", ListProjection.ALL, f -> f);
        assertEquals(List.of("candidate", "main"), names(pipelines));
        List<Object> models = operations.pipelineModels("staging", "main", ListProjection.ALL, f -> f);
        assertEquals(List.of("iris"), names(models), "in the Kubernetes shape, though the API sends them flat");
        InvalidInputException noList = assertThrows(InvalidInputException.class,
                () -> operations.list(MODEL, "staging", ListProjection.ALL, f -> f));
        assertEquals("The Seldon API cannot list all Models of a namespace; list the Models of a pipeline instead",
                noList.getMessage());
        assertThrows(InvalidInputException.class,
                () -> operations.list(EXPERIMENT, "staging", ListProjection.ALL, f -> f));
        assertThrows(NotFoundException.class,
                () -> operations.pipelineModels("staging", "absent", ListProjection.ALL, f -> f));
        assertEquals(List.of("Found 2 Pipelines in namespace staging", "Pipeline staging/main uses 1 Model"), log.lines);
        assertFalse(ResourceOperations.supports(MODEL, io.jenkins.plugins.seldon.client.api.Endpoint.Verb.LIST));
    }

    @Test
    void deleteSendsTheAuditTrailPerKind() throws Exception {
        apply("staging", RELEASE, false);
        api.clearRecords();
        Change pipeline = operations.delete(PIPELINE, "staging", "candidate", false);
        Change model = operations.delete(MODEL, "staging", "iris2", false);
        assertEquals(List.of("Pipeline deleted", "Model deleted"), api.writes().stream().map(Write::action).toList());
        assertEquals("Pipeline deleted", pipeline.auditAction());
        assertEquals(MESSAGE, model.auditMessage());
        assertEquals(Map.of("action", "not found", "dryRun", false, "kind", "Model", "namespace", "staging", "name",
                "iris2", "diff", List.of()), operations.delete(MODEL, "staging", "iris2", true).toMap());
        assertThrows(InvalidInputException.class, () -> operations.delete(MODEL, "staging", "iris.v2", true));
    }

    private static List<String> names(List<Object> items) {
        return items.stream().map(i -> (String) ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) i).get("metadata"))
                .get("name")).toList();
    }

    // ---- versions ------------------------------------------------------------------------------------------------

    @Test
    void anOlderServerGetsNothingFromARelease() {
        api.serverVersion("1.7.1");
        String release = FakeSeldonApi.deployment("iris", "gs://m").toString();
        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> operations.apply("staging", List.of(new Manifests.Document((ObjectNode) Json.parseOrNull(release),
                        "sd.json"),
                        Manifests.parseAll(RELEASE, "release.yaml").get(2)), false));
        assertTrue(e.getMessage().startsWith("Seldon Core v2 resources (Pipelines, Models, Experiments) need Seldon"
                + " Enterprise Platform 2.0 or newer; the server at "), e.getMessage());
        assertEquals(List.of("GET /version 200"), requestLines(), "not even the SeldonDeployment was sent");
    }

    // ---- waits ---------------------------------------------------------------------------------------------------

    private ResourceWait waitWithClient() {
        return new ResourceWait(client::get, (readiness, verdict) -> ResourceWait.failure(client, readiness, verdict),
                log, clock, clock::advance);
    }

    @Test
    void waitsUntilEachKindIsReady() throws Exception {
        List<ResourceOperations.ApplyResult> results = apply("staging", RELEASE, false);
        log.lines.clear();
        for (ResourceOperations.ApplyResult r : results) {
            Change c = r.change();
            String name = c.kind() == EXPERIMENT ? c.pipeline() : c.name();
            ObjectNode ready = waitWithClient().run(c.kind(), "staging", name, Duration.ofMinutes(5),
                    Duration.ofSeconds(5), r.write());
            assertEquals(c.name(), ready.at("/metadata/name").asText());
        }
        assertTrue(log.lines.contains("Waiting up to 5m for Pipeline staging/main to become Ready"), log.lines.toString());
        assertTrue(log.lines.contains("Pipeline staging/main: ModelsReady False: Some models are not available;"
                + " PipelineGwReady False: PipelineCreating: Empty reason | Empty reason; PipelineReady False:"
                + " PipelineCreating: Empty reason | Empty reason; Ready False"), log.lines.toString());
        assertTrue(log.lines.contains("The experiment of Pipeline staging/main is Ready"), log.lines.toString());
    }

    @Test
    void aFailedPipelineEndsTheWaitWithItsConditions() throws Exception {
        api.scriptNextWrite(FakeSeldonApi.PIPELINE, "staging", "main", StatusStep.creating(),
                StatusStep.failed("failed to create Kafka topic"));
        ResourceOperations.ApplyResult main = apply("staging", RELEASE, false).get(2);

        NotReadyException e = assertThrows(NotReadyException.class, () -> waitWithClient().run(PIPELINE, "staging",
                "main", Duration.ofMinutes(5), Duration.ofSeconds(5), main.write()));
        assertEquals(Readiness.Verdict.Status.FAILED, e.status());
        assertEquals("Pipeline staging/main failed: ModelsReady False: Some models are not available; PipelineGwReady"
                + " False: PipelineFailed: failed to create Kafka topic | failed to create Kafka topic; PipelineReady"
                + " False: PipelineFailed: failed to create Kafka topic | failed to create Kafka topic; Ready False",
                e.getMessage());
    }

    @Test
    void aModelThatCannotBeScheduledFailsAndATimeoutListsTheConditions() throws Exception {
        api.scriptNextWrite(FakeSeldonApi.MODEL, "staging", "iris", StatusStep.scheduleFailed(
                "failed to schedule model iris: no server with requirements [sklearn]"));
        api.scriptNextWrite(FakeSeldonApi.MODEL, "staging", "iris2", StatusStep.creating());
        List<ResourceOperations.ApplyResult> results = apply("staging", RELEASE, false);

        NotReadyException failed = assertThrows(NotReadyException.class, () -> waitWithClient().run(MODEL, "staging",
                "iris", Duration.ofMinutes(5), Duration.ofSeconds(5), results.get(0).write()));
        assertEquals("Model staging/iris failed: ModelReady False: failed to schedule model iris: no server with"
                + " requirements [sklearn]: ScheduleFailed; Ready False", failed.getMessage());

        NotReadyException late = assertThrows(NotReadyException.class, () -> waitWithClient().run(MODEL, "staging",
                "iris2", Duration.ofSeconds(20), Duration.ofSeconds(5), results.get(1).write()));
        assertEquals(Readiness.Verdict.Status.TIMED_OUT, late.status());
        assertEquals("Timed out after 20s waiting for Model staging/iris2 to become Ready; last seen: ModelReady False:"
                + " ModelProgressing; Ready False", late.getMessage());
    }

    @Test
    void aReadyStatusFromBeforeOurUpdateDoesNotEndTheWait() throws Exception {
        apply("staging", RELEASE, false);
        for (int i = 0; i < 3; i++) {
            operations.get(MODEL, "staging", "iris", false); // creating, then available
        }
        api.staleReadsAfterUpdate(2);
        api.scriptNextWrite(FakeSeldonApi.MODEL, "staging", "iris", StatusStep.creating(), StatusStep.available());
        clock.advance(Duration.ofMinutes(1));
        ResourceOperations.ApplyResult update = apply("staging", RELEASE.substring(0, RELEASE.indexOf("---"))
                .replace("iris/2", "iris/4"), false).get(0);
        api.clearRecords();
        log.lines.clear();

        waitWithClient().run(MODEL, "staging", "iris", Duration.ofMinutes(5), Duration.ofSeconds(2), update.write());

        // Two stale Ready reads, then the operator's Creating, then Ready again.
        assertEquals(4, api.requests().size());
        assertEquals("Model staging/iris: the status still shows Ready from before the update; waiting for the operator"
                + " to pick up the change", log.lines.get(1));
        assertEquals("Model staging/iris is Ready", log.lines.get(log.lines.size() - 1));
    }

    @Test
    void aFailedDeploymentShowsWhatItsPodsSay() throws Exception {
        api.scriptNextWrite("staging", "iris", StatusStep.failed("Deployment is no longer progressing and not available."));
        api.podsFor("staging", "iris",
                Pod.of("iris-default-0-classifier-5d8f", "Running", Container.running("classifier"),
                        Container.running("seldon-container-engine")),
                Pod.of("iris-default-0-classifier-7c2a", "Pending", Container.waiting("classifier",
                        "ImagePullBackOff", "Back-off pulling image \"seldonio/sklearnserver:9.9\"", 0),
                        Container.running("seldon-container-engine")),
                Pod.of("iris-default-0-classifier-9b1e", "Running", Container.waiting("classifier",
                        "CrashLoopBackOff", "back-off 5m0s restarting failed container", 7)));
        ResourceOperations.ApplyResult created = operations.apply("staging", List.of(new Manifests.Document(
                FakeSeldonApi.deployment("iris", "gs://m"), "iris.yaml")), false).get(0);

        NotReadyException e = assertThrows(NotReadyException.class, () -> waitWithClient().run(
                ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", Duration.ofMinutes(5), Duration.ofSeconds(5),
                created.write()));

        assertEquals("SeldonDeployment staging/iris failed: Deployment is no longer progressing and not available.;"
                + " Ready False: Failed: Deployment is no longer progressing and not available.\n"
                + "Kubernetes resources of SeldonDeployment staging/iris: 1 of 3 pods ready;"
                + " pod iris-default-0-classifier-7c2a (predictor) Pending, container classifier waiting:"
                + " ImagePullBackOff: Back-off pulling image \"seldonio/sklearnserver:9.9\";"
                + " pod iris-default-0-classifier-9b1e (predictor) Running, container classifier waiting:"
                + " CrashLoopBackOff: back-off 5m0s restarting failed container (7 restarts)", e.getMessage());
    }

    @Test
    void whenTheResourcesCannotBeReadTheFailureSaysSo() throws Exception {
        api.scriptNextWrite("staging", "iris", StatusStep.failed("boom"));
        ResourceOperations.ApplyResult created = operations.apply("staging", List.of(new Manifests.Document(
                FakeSeldonApi.deployment("iris", "gs://m"), "iris.yaml")), false).get(0);
        Readiness once = new Readiness(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris", 1, Duration.ZERO,
                Duration.ZERO);
        Readiness.Verdict verdict = once.evaluate(client.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"),
                once.start(clock.instant(), Duration.ofMinutes(1), created.write()), clock.instant());
        api.failNextRequest(403, "no access to pods");

        NotReadyException e = ResourceWait.failure(client, once, verdict).get();

        assertTrue(e.getMessage().startsWith("SeldonDeployment staging/iris failed: boom"), e.getMessage());
        assertTrue(e.getMessage().contains("\nKubernetes resources of SeldonDeployment staging/iris: they could not be"
                + " read (Seldon API call GET "), e.getMessage());
        // A Core v2 failure needs no second read.
        Readiness model = new Readiness(MODEL, "staging", "iris");
        Readiness.Verdict gone = model.evaluate(null, model.start(clock.instant(), Duration.ZERO, null),
                clock.instant());
        assertSame(Readiness.Verdict.Status.FAILED, ResourceWait.failure(client, model, gone).get().status());
    }
}
