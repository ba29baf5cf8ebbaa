package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Registering model metadata is idempotent; a different record fails with the difference unless updating. */
class ModelMetadataTest {

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private FakeSeldonApi api;
    private ModelMetadata metadata;

    @BeforeEach
    void start() throws IOException {
        server = new TestServer(issuer, clock);
        api = server.api;
        metadata = new ModelMetadata(server.client, log);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ObjectNode record(String version) {
        ObjectNode r = Json.object().put("URI", "gs://models/iris").put("name", "iris").put("version", version)
                .put("artifactType", "SKLEARN").put("taskType", "classification").put("project", "default");
        r.putObject("tags").put("owner", "ml-team");
        r.putObject("metrics").put("accuracy", 0.97);
        return r;
    }

    private List<String> writes() {
        return api.writes().stream().map(w -> w.method() + " " + w.kind() + " " + w.name()).toList();
    }

    @Test
    void registeringTheSameRecordAgainChangesNothing() throws Exception {
        ModelMetadata.Registration first = metadata.register(record("v1"), false);
        ModelMetadata.Registration again = metadata.register(record("v1"), false);

        assertEquals(ModelMetadata.Action.CREATED, first.action());
        assertEquals(ModelMetadata.Action.UNCHANGED, again.action());
        assertEquals(List.of("POST ModelMetadata gs://models/iris"), writes());
        assertEquals(1, api.modelMetadata().size());
        assertEquals(List.of("Registered Model metadata of gs://models/iris in project default",
                "Model metadata of gs://models/iris in project default is already registered as given; nothing sent"),
                log.lines);
        assertEquals(Map.of("action", "unchanged", "uri", "gs://models/iris", "project", "default",
                "differences", List.of(), "record", again.toMap().get("record")), again.toMap());
    }

    @Test
    void aDifferentRecordForTheSameUriAndProjectFailsWithTheDifference() throws Exception {
        metadata.register(record("v1"), false);
        ObjectNode changed = record("v2");
        ((ObjectNode) changed.get("tags")).put("owner", "other").put("stage", "prod");
        ((ObjectNode) changed.get("metrics")).put("accuracy", 0.98);

        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> metadata.register(changed, false));

        assertEquals("Model metadata of gs://models/iris in project default is already registered with other values:"
                + " version: \"v1\" -> \"v2\"; tags.owner: \"ml-team\" -> \"other\"; tags.stage: nothing -> \"prod\";"
                + " metrics.accuracy: 0.97 -> 0.98. Register it with update: true to replace them, or give another"
                + " version or project", e.getMessage());
        assertEquals(1, api.writes().size(), "nothing sent");
    }

    @Test
    void anUpdateReplacesTheGivenFieldsAndKeepsTheOthers() throws Exception {
        ObjectNode stored = record("v1");
        stored.putObject("predictionSchema").putArray("requests").addObject().put("name", "x").put("type", "REAL");
        api.seedModelMetadata(stored);
        ObjectNode given = Json.object().put("URI", "gs://models/iris").put("project", "default")
                .put("version", "v2");

        ModelMetadata.Registration updated = metadata.register(given, true);

        assertEquals(ModelMetadata.Action.UPDATED, updated.action());
        assertEquals(List.of("version: \"v1\" -> \"v2\""), updated.differences());
        ObjectNode now = api.modelMetadata().get(0);
        assertEquals("v2", now.path("version").asText());
        assertEquals("x", now.at("/predictionSchema/requests/0/name").asText(), "fields not given are kept");
        assertEquals("ml-team", now.at("/tags/owner").asText());
        assertEquals(List.of("PUT ModelMetadata gs://models/iris"), writes());
        assertEquals(List.of("Updated Model metadata of gs://models/iris in project default: version: \"v1\" ->"
                + " \"v2\""), log.lines);
    }

    @Test
    void aTagOnlyTheStoredRecordHasIsADifferenceAndAnUpdateReplacesTheTagsWhole() throws Exception {
        ObjectNode stored = record("v1");
        ((ObjectNode) stored.get("tags")).put("stage", "prod");
        api.seedModelMetadata(stored);

        ModelMetadata.Registration updated = metadata.register(record("v1"), true);

        assertEquals(List.of("tags.stage: \"prod\" -> nothing"), updated.differences());
        assertEquals(Json.object().put("owner", "ml-team"), api.modelMetadata().get(0).get("tags"));
    }

    @Test
    void recordsOfOtherProjectsAreOtherRecords() throws Exception {
        metadata.register(record("v1"), false);
        ObjectNode otherProject = record("v9").put("project", "research");

        assertEquals(ModelMetadata.Action.CREATED, metadata.register(otherProject, false).action());
        assertEquals(2, api.modelMetadata().size());
    }

    @Test
    void aRecordWithoutProjectIsLookedUpWithoutOneAndOtherProjectsRecordsAreNotIt() throws Exception {
        api.seedModelMetadata(Json.object().put("URI", "gs://models/iris").put("name", "iris").put("project",
                "research"));

        ModelMetadata.Registration noProject = metadata.register(Json.object().put("URI", "gs://models/iris")
                .put("name", "iris"), false);
        metadata.register(record("v1"), false);

        assertEquals(ModelMetadata.Action.CREATED, noProject.action());
        assertEquals("", noProject.toMap().get("project"));
        assertEquals("Registered Model metadata of gs://models/iris", log.lines.get(0));
        List<java.util.Set<String>> queries = api.requests().stream()
                .filter(r -> r.method().equals("GET") && r.rawPath().endsWith("/model/metadata"))
                .map(FakeSeldonApi.RecordedRequest::queryParameterNames).toList();
        assertEquals(List.of(java.util.Set.of("URI", "pageSize"), java.util.Set.of("URI", "project", "pageSize")),
                queries, "no project filter for a record without project, so that only ours is found");
        assertEquals(3, api.modelMetadata().size());
    }

    @Test
    void everyLimitOfARecordIsCheckedAndTheLimitsThemselvesAreAllowed() throws Exception {
        ObjectNode largest = Json.object().put("URI", "gs://m").put("version", "v".repeat(50))
                .put("taskType", "t".repeat(50));
        largest.putObject("tags").put("k".repeat(100), "v".repeat(500));
        largest.putObject("metrics").put("m".repeat(100), 1);
        ModelMetadata.check(largest);

        Map<String, ObjectNode> bad = new java.util.LinkedHashMap<>();
        bad.put("The model's taskType must not exceed 50 characters; it has 51",
                Json.object().put("URI", "gs://m").put("taskType", "t".repeat(51)));
        for (String key : List.of("", "k".repeat(101))) {
            ObjectNode tag = Json.object().put("URI", "gs://m");
            tag.putObject("tags").put(key, "v");
            bad.put("The tag '" + key + "' must have a key of 1 to 100 characters and a text value of at most 500", tag);
            ObjectNode metric = Json.object().put("URI", "gs://m");
            metric.putObject("metrics").put(key, 1);
            bad.put("The metric '" + key + "' must have a key of 1 to 100 characters and a number as its value",
                    metric);
        }
        ObjectNode longValue = Json.object().put("URI", "gs://m");
        longValue.putObject("tags").put("a", "v".repeat(501));
        ObjectNode numberValue = Json.object().put("URI", "gs://m");
        numberValue.putObject("tags").put("b", 1);
        bad.put("The tag 'a' must have a key of 1 to 100 characters and a text value of at most 500", longValue);
        bad.put("The tag 'b' must have a key of 1 to 100 characters and a text value of at most 500", numberValue);
        for (Map.Entry<String, ObjectNode> e : bad.entrySet()) {
            assertEquals(e.getKey(), assertThrows(InvalidInputException.class,
                    () -> ModelMetadata.check(e.getValue())).getMessage());
        }
    }

    @Test
    void listingStopsAtTheLimitWithAWarning() throws Exception {
        for (int i = 0; i <= ModelMetadata.MAX_RECORDS; i++) {
            api.seedModelMetadata(Json.object().put("URI", "gs://m/" + i).put("name", "many"));
        }

        ArrayNode found = metadata.list(Map.of("name", "many"));

        assertEquals(ModelMetadata.MAX_RECORDS, found.size());
        assertEquals(List.of("WARN More than 1000 model metadata records match; narrow the query to see the rest"),
                log.lines);
    }

    @Test
    void aPageWithoutRecordsEndsTheListingWhateverTokenItGives() throws Exception {
        try (LocalHttpServer server = LocalHttpServer.http()) {
            server.on(FakeSeldonApi.BASE_PATH + "/model/metadata", (ex, r) -> LocalHttpServer.json(ex, 200,
                    r.rawQuery().contains("pageToken") ? "{\"models\": [{\"URI\": \"gs://m\"}]}"
                            : "{\"models\": [], \"nextPageToken\": \"1\"}"));
            ModelMetadata onServer = new ModelMetadata(this.server.clientOf(server.url()), log);

            assertEquals(0, onServer.list(Map.of()).size());
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void invalidRecordsAreRefusedBeforeAnyRequest() {
        for (ObjectNode bad : List.of(Json.object().put("name", "no uri"),
                Json.object().put("URI", "gs://" + "x".repeat(200)),
                Json.object().put("URI", "gs://m").put("version", "v".repeat(51)),
                Json.object().put("URI", "gs://m").put("artifactType", "sklearn"),
                (ObjectNode) Json.object().put("URI", "gs://m").set("metrics", Json.object().put("auc", "high")))) {
            assertThrows(InvalidInputException.class, () -> metadata.register(bad, false), bad.toString());
        }
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void aModelsNameIsFreeTextOfAtMost200Characters() throws Exception {
        ModelMetadata.checkName("Iris classifier (scikit-learn, v2)");
        ModelMetadata.checkName("n".repeat(200));
        assertEquals("The model's name must not exceed 200 characters; it has 201",
                assertThrows(InvalidInputException.class, () -> ModelMetadata.checkName("n".repeat(201))).getMessage());
        assertThrows(InvalidInputException.class, () -> metadata.register(Json.object().put("URI", "gs://m")
                .put("name", "n".repeat(201)), false));
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void listingFollowsEveryPageAndAnEmptyAnswerIsNoRecord() throws Exception {
        assertEquals(0, metadata.list(Map.of("name", "iris")).size(), "HTTP 204: none");
        for (int i = 0; i < 250; i++) {
            api.seedModelMetadata(Json.object().put("URI", "gs://m/" + i).put("name", "iris").put("version", "v" + i));
        }
        api.seedModelMetadata(Json.object().put("URI", "gs://other").put("name", "other"));

        Map<String, String> filters = new HashMap<>();
        filters.put("name", "iris");
        filters.put("project", null);
        ArrayNode found = metadata.list(filters);

        assertEquals(250, found.size());
        assertEquals("gs://m/249", found.get(249).path("URI").asText());
        assertEquals(4, api.requests().stream().filter(r -> r.rawPath().endsWith("/model/metadata")).count(),
                "an empty answer, then three pages of 100");
    }
}
