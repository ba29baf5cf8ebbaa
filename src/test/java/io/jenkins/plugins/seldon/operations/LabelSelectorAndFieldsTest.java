package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.jenkins.plugins.seldon.client.Json;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of a list projection: label selectors as kubectl reads them, field paths, plain values from a parser. */
class LabelSelectorAndFieldsTest {

    private static boolean selects(String selector, Map<String, String> labels) {
        return LabelSelector.parse(selector).matches(labels);
    }

    @Test
    void selectorsMeanWhatKubectlMeans() {
        Map<String, String> iris = Map.of("app", "iris", "app.kubernetes.io/part-of", "ml", "env", "prod");
        assertTrue(selects("app=iris", iris));
        assertTrue(selects("app == iris", iris));
        assertFalse(selects("app=wine", iris));
        assertTrue(selects("app!=wine", iris));
        assertTrue(selects("missing!=x", iris));
        assertTrue(selects("env in (staging, prod)", iris));
        assertFalse(selects("env notin (staging,prod)", iris));
        assertTrue(selects("missing notin (a)", iris));
        assertFalse(selects("missing in (a)", iris));
        assertTrue(selects("app.kubernetes.io/part-of", iris));
        assertTrue(selects("!canary", iris));
        assertFalse(selects("!app", iris));
        assertTrue(selects("app=iris, env in (prod,staging), !canary", iris));
        assertFalse(selects("app=iris,env=staging", iris));
        assertFalse(selects("app", null));
        assertTrue(selects("!app", null));
        assertEquals("app=iris, !canary", LabelSelector.parse(" app=iris, !canary ").toString());
    }

    @Test
    void invalidSelectorsSayWhichPart() {
        for (String bad : List.of("app=iris,", "app=(x)", "env in staging", "=iris", "app=iris=wine", "a b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("is not a label selector requirement"), e.getMessage());
        }
    }

    @Test
    void fieldsMergeAndApplyThroughLists() {
        Fields f = Fields.of(List.of("metadata.name", "spec.predictors.name", "metadata", "status.state"));
        Map<String, Object> item = Map.of("metadata", Map.of("name", "iris", "uid", "u"), "kind", "SeldonDeployment",
                "spec", Map.of("predictors", List.of(Map.of("name", "a", "replicas", 1), Map.of("replicas", 2))),
                "status", "odd");
        assertEquals(Map.of("metadata", Map.of("name", "iris", "uid", "u"),
                "spec", Map.of("predictors", List.of(Map.of("name", "a"), Map.of())), "status", "odd"), f.apply(item));
        assertTrue(Fields.ALL.apply(item) == item);
        for (String bad : List.of("", "metadata..name", ".name", "metadata. name", " metadata")) {
            assertThrows(IllegalArgumentException.class, () -> Fields.of(List.of(bad)), bad);
        }
    }

    @Test
    void valuesReadFromAParserAreTheSmallestFittingTypes() throws Exception {
        String json = "{\"i\":1,\"l\":12345678901,\"b\":123456789012345678901234567890,\"d\":0.5,\"e\":1e3,"
                + "\"t\":true,\"f\":false,\"n\":null,\"s\":\"x\",\"a\":[1,[2]],\"skip\":{\"x\":[1]},\"o\":{\"k\":\"v\"}}";
        try (JsonParser p = Json.parser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            p.nextToken();
            Map<?, ?> all = (Map<?, ?>) PlainJson.read(p);
            assertInstanceOf(Integer.class, all.get("i"));
            assertEquals(12345678901L, assertInstanceOf(Long.class, all.get("l")));
            assertEquals(new BigInteger("123456789012345678901234567890"), all.get("b"));
            assertEquals(0.5d, all.get("d"));
            assertEquals(1000d, all.get("e"));
            assertEquals(Boolean.TRUE, all.get("t"));
            assertEquals(Boolean.FALSE, all.get("f"));
            assertTrue(all.containsKey("n"));
            assertNull(all.get("n"));
            assertEquals(List.of(1, List.of(2)), all.get("a"));
            assertEquals(Map.of("k", "v"), all.get("o"));
        }
        try (JsonParser p = Json.parser(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))) {
            p.nextToken();
            assertEquals(Map.of("i", 1, "o", Map.of("k", "v")),
                    PlainJson.read(p, Fields.of(List.of("i", "o.k", "absent.x"))));
            assertNull(p.nextToken());
        }
    }

    @Test
    void everyValueOfASetMustBeALabelValue() {
        for (String bad : List.of("env in (a b)", "env notin (a, -x)", "env in (a,b/c)")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(bad),
                    bad);
            assertTrue(e.getMessage().contains("is not a label selector requirement"), e.getMessage());
        }
        assertTrue(selects("env in (a, , b)", Map.of("env", "")), "an empty value is a value");
    }

    @Test
    void aBadFieldPathIsNamedForWhatIsWrong() {
        for (String bad : Arrays.asList(null, "", " metadata", "metadata.name ")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Fields.ALL.with(bad, Fields.ALL), bad);
            assertEquals("A field path must not be empty or have white space: '" + bad + "'", e.getMessage());
        }
        assertEquals("'metadata..name' is not a field path such as metadata.name", assertThrows(
                IllegalArgumentException.class, () -> Fields.of(List.of("metadata..name"))).getMessage());
    }

    @Test
    void keepingAllOfAFieldWinsOverKeepingSomeOfIt() {
        Map<String, Object> item = Map.of("metadata", Map.of("name", "iris", "uid", "u", "labels", Map.of("a", "1")),
                "spec", Map.of("x", 1, "y", 2, "z", 3));
        assertTrue(Fields.ALL.with("metadata.name", Fields.ALL).all(), "all of everything stays all");
        Map<String, Object> wholeMetadata = Map.of("metadata", item.get("metadata"));
        assertEquals(wholeMetadata, Fields.of(List.of("metadata", "metadata.name")).apply(item));
        assertEquals(wholeMetadata, Fields.of(List.of("metadata.name", "metadata")).apply(item));
        // Some fields of a field added to some others: both are kept.
        assertEquals(Map.of("spec", Map.of("x", 1, "y", 2)),
                Fields.of(List.of("spec.x")).with("spec", Fields.of(List.of("y"))).apply(item));
        assertEquals(Map.of("spec", item.get("spec")),
                Fields.of(List.of("spec")).with("spec", Fields.of(List.of("y"))).apply(item));
        assertEquals(Map.of("spec", item.get("spec")),
                Fields.of(List.of("spec.x")).with("spec", Fields.ALL).apply(item));
        assertEquals("*", Fields.ALL.toString());
        assertEquals("{metadata={name=*}, spec=*}", Fields.of(List.of("metadata.name", "spec")).toString());
    }

    /** What a projection's collector keeps of the items of a JSON list. */
    private static List<Object> collect(ListProjection projection, String items) throws Exception {
        var collector = projection.collector();
        try (JsonParser p = Json.parser(new ByteArrayInputStream(items.replace('\'', '"')
                .getBytes(StandardCharsets.UTF_8)))) {
            p.nextToken();
            while (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                collector.add(p);
            }
        }
        return new ArrayList<>(collector.result());
    }

    @Test
    void aProjectionCopesWithItemsOfAnOddShape() throws Exception {
        String items = "[{'metadata': 'odd'}, {'metadata': {'name': 5, 'labels': 'odd'}}, {'name': 'flat', 'spec': 1}]";
        assertEquals(Arrays.asList(null, null, "flat"), collect(new ListProjection(Fields.ALL, true, null), items));
        assertEquals(Arrays.asList(null, null, "flat"),
                collect(new ListProjection(Fields.of(List.of("spec")), true, null), items), "names whatever the fields");
        assertEquals(3, collect(new ListProjection(Fields.ALL, false, LabelSelector.parse("!team")), items).size());
        assertEquals(List.of(Map.of(), Map.of(), Map.of("spec", 1)),
                collect(new ListProjection(Fields.of(List.of("spec")), false, null), items));
    }
}
