package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** Promotion from a staging server to a production server: two stateful fakes, each with its own client. */
class EnvironmentPromotionTest {

    private static final String MESSAGE = "Jenkins team/promote #3";

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer staging;
    private TestServer production;
    private EnvironmentPromotion promotion;

    @BeforeEach
    void start() throws IOException {
        staging = new TestServer(issuer, clock);
        production = new TestServer(issuer, clock);
        promotion = new EnvironmentPromotion(staging.client, "staging", production.client, "production", log, clock,
                MESSAGE);
    }

    @AfterEach
    void stop() {
        staging.close();
        production.close();
    }

    /** A pipeline as a staging server holds it: with status, server-owned metadata and tools' annotations. */
    private ObjectNode seedStagingPipeline() {
        ObjectNode pipeline = FakeSeldonApi.pipeline("iris", "model-a");
        ObjectNode metadata = (ObjectNode) pipeline.get("metadata");
        metadata.putObject("labels").put("team", "ml");
        metadata.putObject("annotations").put("owner", "ml-platform")
                .put(EnvironmentPromotion.LAST_APPLIED, "{\"metadata\":{\"namespace\":\"models\"}}")
                .put("argocd.argoproj.io/tracking-id", "staging-apps:mlops.seldon.io/Pipeline:models/iris");
        metadata.putArray("finalizers").add("pipeline.finalizers.mlops.seldon.io");
        metadata.putArray("ownerReferences").addObject().put("kind", "Application").put("uid", "abc");
        metadata.putArray("managedFields").addObject().put("manager", "seldon-deploy");
        return staging.api.seed("models", pipeline);
    }

    private static EnvironmentPromotion.Request request(ResourceKind kind, String name, String targetNamespace,
            String targetName) {
        return new EnvironmentPromotion.Request(kind, "models", name, targetNamespace, targetName, Map.of());
    }

    @Test
    void aPromotedPipelineLeavesBehindWhatTheSourceServerOwnsAndNamesItsSource() throws Exception {
        ObjectNode source = seedStagingPipeline();
        String version = source.at("/metadata/resourceVersion").asText();

        EnvironmentPromotion.Result result = promotion.promote(request(ResourceKind.PIPELINE, "iris", "prod", null),
                false);

        String from = "Pipeline models/iris (resourceVersion " + version + ") on staging";
        assertEquals("Created Pipeline prod/iris (promoted from " + from + ")", result.change().describe());
        assertEquals(LastWrite.Kind.CREATED, result.write().kind());
        FakeSeldonApi.Write write = production.api.writes().get(0);
        assertEquals("Pipeline created", write.action());
        assertEquals("Promoted from " + from + ". " + MESSAGE, write.message());
        JsonNode sent = write.body();
        assertEquals(source.get("spec"), sent.get("spec"));
        assertEquals("prod", sent.at("/metadata/namespace").asText());
        assertEquals("ml", sent.at("/metadata/labels/team").asText());
        assertEquals("ml-platform", sent.at("/metadata/annotations/owner").asText());
        assertEquals(1, sent.at("/metadata/annotations").size(), "only the resource's own annotations: " + sent);
        for (String field : List.of("/status", "/metadata/uid", "/metadata/resourceVersion", "/metadata/generation",
                "/metadata/creationTimestamp", "/metadata/managedFields", "/metadata/finalizers",
                "/metadata/ownerReferences")) {
            assertTrue(sent.at(field).isMissingNode(), field + " must not be sent: " + sent);
        }
        assertTrue(staging.api.writes().isEmpty(), "the source is only read");
        assertEquals("Promoting " + from + " to Pipeline prod/iris on production", log.lines.get(0));
    }

    @Test
    void promotingAgainSendsNothingAndAChangedSourceUpdatesTheTargetShowingTheDifference() throws Exception {
        seedStagingPipeline();
        production.api.gitOpsNamespace("prod", 0);
        promotion.promote(request(ResourceKind.PIPELINE, "iris", "prod", null), false);
        production.api.clearRecords();
        log.lines.clear();

        EnvironmentPromotion.Result again = promotion.promote(request(ResourceKind.PIPELINE, "iris", "prod", null),
                false);
        assertEquals(Change.Action.UNCHANGED, again.change().action());
        assertNull(again.write());
        assertTrue(production.api.commits().isEmpty(), "no empty GitOps commit");

        ObjectNode changed = staging.api.stored(FakeSeldonApi.PIPELINE, "models", "iris");
        ((ObjectNode) changed.at("/spec/steps/0")).put("name", "model-b");
        staging.api.seed("models", changed);
        log.lines.clear();

        EnvironmentPromotion.Result updated = promotion.promote(request(ResourceKind.PIPELINE, "iris", "prod", null),
                false);

        assertEquals(Change.Action.UPDATED, updated.change().action());
        assertEquals(List.of("spec.steps[0].name: \"model-a\" -> \"model-b\""), updated.change().diff());
        assertTrue(log.lines.contains("  spec.steps[0].name: \"model-a\" -> \"model-b\""), log.lines.toString());
        assertEquals(1, production.api.commits().size());
        assertTrue(production.api.commits().get(0).message().startsWith("Promoted from Pipeline models/iris"));
    }

    @Test
    void aDryRunReadsAndComparesOnly() throws Exception {
        seedStagingPipeline();

        EnvironmentPromotion.Result dry = promotion.promote(request(ResourceKind.PIPELINE, "iris", "prod", null), true);

        assertTrue(dry.change().dryRun());
        assertTrue(dry.change().describe().startsWith("Dry run: would create Pipeline prod/iris (promoted from"),
                dry.change().describe());
        assertEquals("prod", dry.resource().at("/metadata/namespace").asText());
        assertTrue(production.api.writes().isEmpty());
        assertTrue(log.lines.get(0).startsWith("Dry run: promoting Pipeline models/iris"), log.lines.get(0));
    }

    @Test
    void theNameAndNamespaceCanBeRetargeted() throws Exception {
        staging.api.seed("models", FakeSeldonApi.deployment("iris", "gs://models/iris/7"));

        EnvironmentPromotion.Result result = promotion.promote(request(ResourceKind.SELDON_DEPLOYMENT, "iris",
                "serving", "iris-prod"), false);

        assertEquals("Created SeldonDeployment serving/iris-prod", result.change().describe().split(" \\(")[0]);
        ObjectNode stored = production.api.stored("serving", "iris-prod");
        assertEquals("gs://models/iris/7", stored.at("/spec/predictors/0/graph/modelUri").asText());
    }

    @Test
    void anExperimentsPipelinesAreRenamedOnlyWhenAsked() throws Exception {
        staging.api.seed("models", FakeSeldonApi.pipeline("iris", "model-a"));
        staging.api.seed("models", FakeSeldonApi.experiment("ab", "iris", "iris-v2", 10));
        production.api.seed("prod", FakeSeldonApi.pipeline("iris", "model-a"));
        production.api.seed("prod", FakeSeldonApi.pipeline("iris-live", "model-a"));

        EnvironmentPromotion.Result same = promotion.promote(request(ResourceKind.EXPERIMENT, "iris", "prod", null),
                false);
        assertEquals("Created Experiment prod/ab (of Pipeline iris)",
                same.change().describe().split(" \\(promoted")[0]);
        assertEquals(FakeSeldonApi.experiment("x", "iris", "iris-v2", 10).get("spec"),
                production.api.stored(FakeSeldonApi.EXPERIMENT, "prod", "iris").get("spec"));

        EnvironmentPromotion.Result renamed = promotion.promote(new EnvironmentPromotion.Request(
                ResourceKind.EXPERIMENT, "models", "iris", "prod", "ab-live",
                Map.of("iris", "iris-live", "iris-v2", "iris-v2-live")), false);

        assertEquals("iris-live", renamed.change().pipeline());
        assertEquals("ab-live", renamed.change().name());
        assertEquals(FakeSeldonApi.experiment("x", "iris-live", "iris-v2-live", 10).get("spec"),
                production.api.stored(FakeSeldonApi.EXPERIMENT, "prod", "iris-live").get("spec"));
    }

    @Test
    void onOneServerAnotherNamespaceOrNameIsAnotherResource() throws Exception {
        seedStagingPipeline();
        EnvironmentPromotion onItself = new EnvironmentPromotion(staging.client, "staging", staging.client, "staging",
                log, clock, MESSAGE);

        assertEquals(Change.Action.CREATED, onItself.promote(request(ResourceKind.PIPELINE, "iris", "models",
                "iris-copy"), false).change().action());
        assertEquals(Change.Action.CREATED, onItself.promote(request(ResourceKind.PIPELINE, "iris", "prod", null),
                false).change().action());
        assertEquals(Change.Action.CREATED, promotion.promote(request(ResourceKind.PIPELINE, "iris", "models", null),
                false).change().action());
    }

    @Test
    void whatTheSourceServerOwnsIsLeftBehindAndOnlyPipelineReferencesAreRenamed() throws Exception {
        ObjectNode bare = (ObjectNode) new ObjectMapper().readTree("{\"kind\": \"Experiment\", \"spec\": {}}");
        assertEquals(new ObjectMapper().readTree("{\"kind\": \"Experiment\", \"spec\": {}, \"metadata\":"
                + " {\"name\": \"ab\"}}"), EnvironmentPromotion.promotable(bare, "ab", Map.of()));
        ObjectNode noSpec = (ObjectNode) new ObjectMapper().readTree("{\"kind\": \"Experiment\", \"spec\": \"x\"}");
        assertEquals("x", EnvironmentPromotion.promotable(noSpec, null, Map.of("a", "b")).get("spec").asText());

        ObjectNode experiment = FakeSeldonApi.experiment("ab", "iris", "iris-v2", 10);
        ObjectNode metadata = (ObjectNode) experiment.get("metadata");
        metadata.putObject("annotations").put(EnvironmentPromotion.LAST_APPLIED, "{}");
        ObjectNode spec = (ObjectNode) experiment.get("spec");
        spec.putObject("mirror").put("name", "iris-v2").put("percent", 5);
        ((com.fasterxml.jackson.databind.node.ArrayNode) spec.get("candidates")).add("iris").addObject()
                .put("weight", 0);
        spec.put("default", 7);
        ObjectNode promotable = EnvironmentPromotion.promotable(experiment, null,
                Map.of("iris", "iris-live", "iris-v2", "iris-v2-live", "7", "seven"));

        assertTrue(promotable.at("/metadata/annotations").isMissingNode(), "no annotations left: " + promotable);
        assertEquals("iris-v2-live", promotable.at("/spec/mirror/name").asText());
        assertEquals("iris-live", promotable.at("/spec/candidates/0/name").asText());
        assertEquals("iris", promotable.at("/spec/candidates/2").asText(), "not a candidate: left as it is");
        assertTrue(promotable.at("/spec/candidates/3/name").isMissingNode());
        assertEquals(7, promotable.at("/spec/default").asInt(), "not a name: left as it is");
        assertTrue(promotable.at("/spec/default").isNumber());
        ObjectNode other = FakeSeldonApi.experiment("ab", "other", "iris", 10);
        assertEquals("other", EnvironmentPromotion.promotable(other, null, Map.of("iris", "iris-live"))
                .at("/spec/default").asText());
        assertEquals(other, EnvironmentPromotion.promotable(other, null, Map.of()));
    }

    @Test
    void whatCannotBePromotedIsRefused() throws Exception {
        seedStagingPipeline();
        assertEquals("Pipeline renames apply to the references of an Experiment, not to a Pipeline; to rename the"
                + " Pipeline itself, give its target name", assertThrows(InvalidInputException.class,
                        () -> promotion.promote(new EnvironmentPromotion.Request(ResourceKind.PIPELINE, "models",
                                "iris", null, null, Map.of("iris", "x")), false)).getMessage());
        assertThrows(NotFoundException.class,
                () -> promotion.promote(request(ResourceKind.PIPELINE, "absent", null, null), false));
        EnvironmentPromotion onItself = new EnvironmentPromotion(staging.client, "staging", staging.client, "staging",
                log, clock, MESSAGE);
        assertTrue(assertThrows(InvalidInputException.class, () -> onItself.promote(request(ResourceKind.PIPELINE,
                "iris", null, null), false)).getMessage().endsWith("is the resource itself; give another server,"
                        + " namespace or name"));
        assertThrows(InvalidInputException.class,
                () -> promotion.promote(request(ResourceKind.PIPELINE, "iris", "Prod", null), false));
        String longName = "a".repeat(64);
        assertEquals("The SeldonDeployment name '" + longName + "' is longer than 63 characters (64)",
                assertThrows(InvalidInputException.class, () -> promotion.promote(request(
                        ResourceKind.SELDON_DEPLOYMENT, longName, null, null), false)).getMessage());
        assertTrue(assertThrows(InvalidInputException.class, () -> promotion.promote(request(ResourceKind.EXPERIMENT,
                "Main", null, null), false)).getMessage().startsWith("The Pipeline name 'Main' is not a valid name"),
                "an experiment is named by its pipeline");
        assertTrue(production.api.requests().stream().noneMatch(r -> !r.method().equals("GET")));
    }
}
