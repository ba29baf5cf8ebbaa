package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.Serializable;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Lists as a Pipeline gets them ({@link ResourceOperations#list}): plain values read straight from the answer of
 * the fake API, reduced while they arrive to the fields, names or labels asked for; and the warning about large lists.
 */
class ListProjectionTest {

    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;
    private static final UnaryOperator<String> STEP = field -> field + ":";

    private final TestTokenIssuer issuer = new TestTokenIssuer(TestTokenIssuer.DEFAULT_ISSUER, MutableClock.startingNow());
    private final RecordingLog log = new RecordingLog();
    private TestServer server;
    private ResourceOperations operations;

    @BeforeEach
    void start() throws Exception {
        server = new TestServer(issuer, new MutableClock(Instant.parse("2026-01-01T10:00:00Z")));
        operations = new ResourceOperations(server.client, log, Clock.systemUTC(), "audit");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void seed(String namespace, String name, Map<String, String> labels) {
        ObjectNode sd = FakeSeldonApi.deployment(name, "gs://models/" + name);
        labels.forEach(((ObjectNode) sd.get("metadata")).putObject("labels")::put);
        server.api.seed(namespace, sd);
    }

    private static ListProjection fields(String... paths) {
        return new ListProjection(Fields.of(List.of(paths)), false, null);
    }

    @Test
    void wholeItemsArePlainSerialisableValuesWithTheSmallestNumberTypes() throws Exception {
        seed("staging", "iris", Map.of("app", "iris"));

        List<Object> items = operations.list(SD, "staging", ListProjection.ALL, STEP);

        Map<?, ?> iris = assertInstanceOf(LinkedHashMap.class, items.get(0));
        assertInstanceOf(ArrayList.class, items);
        Map<?, ?> predictor = (Map<?, ?>) ((List<?>) ((Map<?, ?>) iris.get("spec")).get("predictors")).get(0);
        assertEquals(Integer.valueOf(1), predictor.get("replicas"));
        assertEquals("Available", ((Map<?, ?>) iris.get("status")).get("state"));
        assertAllPlain(items);
        assertEquals(List.of("Found 1 SeldonDeployment in namespace staging"), log.lines);
    }

    @Test
    void fieldsKeepOnlyTheirPathsOfEachItemAlsoThroughLists() throws Exception {
        seed("staging", "iris", Map.of("app", "iris"));
        seed("staging", "wine", Map.of());

        List<Object> items = operations.list(SD, "staging",
                fields("metadata.name", "status.state", "spec.predictors.name", "metadata.absent"), STEP);

        assertEquals(List.of(
                Map.of("metadata", Map.of("name", "iris"), "status", Map.of("state", "Available"),
                        "spec", Map.of("predictors", List.of(Map.of("name", "default")))),
                Map.of("metadata", Map.of("name", "wine"), "status", Map.of("state", "Available"),
                        "spec", Map.of("predictors", List.of(Map.of("name", "default"))))), items);
        assertAllPlain(items);
    }

    @Test
    void namesOnlyGivesStrings() throws Exception {
        seed("staging", "iris", Map.of());
        seed("staging", "wine", Map.of());
        assertEquals(List.of("iris", "wine"),
                operations.list(SD, "staging", new ListProjection(Fields.ALL, true, null), STEP));
    }

    @Test
    void aLabelSelectorKeepsTheMatchingItemsOnlyAndSaysSo() throws Exception {
        seed("staging", "iris", Map.of("app", "iris", "env", "staging"));
        seed("staging", "wine", Map.of("app", "wine", "env", "staging"));
        seed("staging", "test", Map.of("app", "iris", "env", "test"));

        List<Object> names = operations.list(SD, "staging",
                new ListProjection(Fields.ALL, true, LabelSelector.parse("app=iris,env notin (test)")), STEP);

        assertEquals(List.of("iris"), names);
        assertEquals(List.of("Found 3 SeldonDeployments in namespace staging; 1 selected by app=iris,env notin (test)"),
                log.lines);
        // The labels the selector read are not kept unless asked for.
        assertEquals(List.of(Map.of("metadata", Map.of("name", "wine"))), operations.list(SD, "staging",
                new ListProjection(Fields.of(List.of("metadata.name")), false, LabelSelector.parse("app=wine")),
                STEP));
    }

    @Test
    void flatCoreV2ItemsAreProjectedInTheShapeOfKubernetesResources() throws Exception {
        ObjectNode main = FakeSeldonApi.pipeline("main", "iris");
        ((ObjectNode) main.get("metadata")).putObject("labels").put("team", "a");
        server.api.seed("staging", main);
        server.api.seed("staging", FakeSeldonApi.pipeline("other", "wine"));
        server.api.seed("staging", FakeSeldonApi.model("iris", "gs://models/iris"));

        List<Object> items = operations.list(ResourceKind.PIPELINE, "staging",
                new ListProjection(Fields.of(List.of("metadata.name", "metadata.labels")), false,
                        LabelSelector.parse("team")), STEP);

        assertEquals(List.of(Map.of("metadata", Map.of("name", "main", "labels", Map.of("team", "a")))), items);
        List<Object> models = operations.pipelineModels("staging", "main",
                new ListProjection(Fields.ALL, true, null), STEP);
        assertEquals(List.of("iris"), models);
    }

    @Test
    void aLargeListKeptWholeIsWarnedAboutNamingTheProjectionOptions() throws Exception {
        for (int i = 0; i <= ResourceOperations.LARGE_LIST_ITEMS; i++) {
            seed("big", "sd-" + i, Map.of());
        }

        List<Object> all = operations.list(SD, "big", ListProjection.ALL, STEP);

        assertEquals(ResourceOperations.LARGE_LIST_ITEMS + 1, all.size());
        String warning = log.lines.get(1);
        assertTrue(warning.startsWith("WARN The list of SeldonDeployments in namespace big is large: 1001 items, "),
                warning);
        assertTrue(warning.contains("Keep only what is needed with fields:, namesOnly:, labelSelector:"), warning);

        log.lines.clear();
        assertEquals(ResourceOperations.LARGE_LIST_ITEMS + 1,
                operations.list(SD, "big", fields("metadata.name"), STEP).size());
        assertEquals(List.of("Found 1001 SeldonDeployments in namespace big"), log.lines);

        log.lines.clear();
        seed("small", "iris", Map.of());
        operations.list(SD, "small", ListProjection.ALL, field -> field.equals("fields") ? "Fields to keep" : null);
        assertEquals(1, log.lines.size());
    }

    @Test
    void aListOfExactlyTheLimitIsNotWarnedAbout() throws Exception {
        for (int i = 0; i < ResourceOperations.LARGE_LIST_ITEMS; i++) {
            seed("big", "sd-" + i, Map.of());
        }
        assertEquals(ResourceOperations.LARGE_LIST_ITEMS, operations.list(SD, "big", ListProjection.ALL, STEP).size());
        assertEquals(List.of("Found 1000 SeldonDeployments in namespace big"), log.lines);
    }

    @Test
    void aFewLargeItemsAreWarnedAboutByTheirSizeAlsoAsTheModelsOfAPipeline() throws Exception {
        // Three items of about 1.5 MiB each: over the limit in bytes, far below it in items.
        String large = "x".repeat(3 << 19);
        for (String name : List.of("a", "b", "c")) {
            ObjectNode sd = FakeSeldonApi.deployment(name, "gs://models/" + name);
            ((ObjectNode) sd.get("metadata")).putObject("annotations").put("notes", large);
            server.api.seed("big", sd);
            ObjectNode model = FakeSeldonApi.model(name, "gs://models/" + name);
            ((ObjectNode) model.get("metadata")).putObject("annotations").put("notes", large);
            server.api.seed("big", model);
        }
        server.api.seed("big", FakeSeldonApi.pipeline("main", "a", "b", "c"));

        operations.list(SD, "big", ListProjection.ALL, STEP);
        operations.pipelineModels("big", "main", ListProjection.ALL, STEP);

        assertEquals(4, log.lines.size(), log.lines.toString());
        assertTrue(log.lines.get(1).startsWith("WARN The list of SeldonDeployments in namespace big is large: 3 items,"
                + " 4.5 MiB. "), log.lines.get(1));
        assertTrue(log.lines.get(3).startsWith("WARN The list of Models of pipeline big/main is large: 3 items,"
                + " 4.5 MiB. "), log.lines.get(3));
    }

    @Test
    void theWarningUsesTheWordsOfTheScreen() throws Exception {
        for (int i = 0; i <= ResourceOperations.LARGE_LIST_ITEMS; i++) {
            seed("big", "sd-" + i, Map.of());
        }
        operations.list(SD, "big", new ListProjection(Fields.ALL, false, LabelSelector.parse("!absent")),
                field -> field.equals("fields") ? "Fields to keep" : null);
        assertTrue(log.lines.get(1).contains("Keep only what is needed with Fields to keep ("), log.lines.get(1));
    }

    /** Only the types CPS serialises and Pipeline scripts may use. */
    private static void assertAllPlain(Object value) {
        if (value instanceof Map<?, ?> map) {
            assertInstanceOf(LinkedHashMap.class, map);
            map.forEach((k, v) -> {
                assertInstanceOf(String.class, k);
                assertAllPlain(v);
            });
        } else if (value instanceof List<?> list) {
            assertInstanceOf(ArrayList.class, list);
            list.forEach(ListProjectionTest::assertAllPlain);
        } else if (value != null) {
            assertTrue(value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Double || value instanceof Boolean, value.getClass().getName());
            assertInstanceOf(Serializable.class, value);
        }
    }
}
