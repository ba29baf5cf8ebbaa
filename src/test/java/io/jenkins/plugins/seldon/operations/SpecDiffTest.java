package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void oneLinePerChangedValue() throws Exception {
        JsonNode before = json("{'metadata': {'name': 'p', 'labels': {'team': 'ml'}, 'resourceVersion': '1'},"
                + " 'spec': {'steps': [{'name': 'a'}, {'name': 'b'}], 'output': {'steps': ['b']}},"
                + " 'status': {'x': 1}}");
        JsonNode after = json("{'metadata': {'name': 'p', 'labels': {'team': 'ds', 'tier': 'gold'}},"
                + " 'spec': {'steps': [{'name': 'a'}, {'name': 'c', 'inputs': ['a']}, {'name': 'd'}],"
                + " 'output': {'steps': ['d']}}}");
        assertEquals(List.of("spec.steps[1].name: \"b\" -> \"c\"", "spec.steps[1].inputs: added [\"a\"]",
                "spec.steps[2]: added {\"name\":\"d\"}", "spec.output.steps[0]: \"b\" -> \"d\"",
                "metadata.labels.team: \"ml\" -> \"ds\"", "metadata.labels.tier: added \"gold\""),
                SpecDiff.lines(before, after));
        assertEquals(List.of(), SpecDiff.lines(before, before), "status and resourceVersion are not compared");
        assertEquals(List.of("spec: added {}"), SpecDiff.lines(json("{}"), json("{'spec': {}}")));
        assertEquals(List.of("spec.replicas: removed"),
                SpecDiff.lines(json("{'spec': {'replicas': 2}}"), json("{'spec': {}}")));
    }

    @Test
    void boundedInLinesAndValueLength() throws Exception {
        ObjectNode before = JSON.createObjectNode();
        ObjectNode after = JSON.createObjectNode();
        ArrayNode a = before.putObject("spec").putArray("items");
        ArrayNode b = after.putObject("spec").putArray("items");
        for (int i = 0; i < 1000; i++) {
            a.add(i);
            b.add(i + 1);
        }
        List<String> lines = SpecDiff.lines(before, after);
        assertEquals(SpecDiff.MAX_LINES, lines.size());
        assertEquals("... and 991 more changes", lines.get(SpecDiff.MAX_LINES - 1));

        String longValue = "x".repeat(500);
        String line = SpecDiff.lines(json("{'spec': {'uri': 'a'}}"), json("{'spec': {'uri': '" + longValue + "'}}"))
                .get(0);
        assertEquals("spec.uri: \"a\" -> \"" + "x".repeat(SpecDiff.MAX_VALUE - 1) + "...", line);
    }

    @Test
    void aValueOfAnotherTypeIsOneChangeAndTheLimitsAreInclusive() throws Exception {
        assertEquals(List.of("spec.a: {\"b\":1} -> \"x\""), SpecDiff.lines(json("{'spec': {'a': {'b': 1}}}"),
                json("{'spec': {'a': 'x'}}")));
        assertEquals(List.of("spec.a: [1] -> 5"), SpecDiff.lines(json("{'spec': {'a': [1]}}"),
                json("{'spec': {'a': 5}}")));

        ObjectNode before = JSON.createObjectNode();
        ObjectNode after = JSON.createObjectNode();
        ArrayNode a = before.putObject("spec").putArray("items");
        ArrayNode b = after.putObject("spec").putArray("items");
        for (int i = 0; i < SpecDiff.MAX_LINES; i++) {
            a.add(i);
            b.add(i + 1);
        }
        List<String> lines = SpecDiff.lines(before, after);
        assertEquals(SpecDiff.MAX_LINES, lines.size());
        assertEquals("spec.items[9]: 9 -> 10", lines.get(SpecDiff.MAX_LINES - 1));

        String fits = "x".repeat(SpecDiff.MAX_VALUE - 2);
        assertEquals("spec.uri: \"a\" -> \"" + fits + "\"", SpecDiff.lines(json("{'spec': {'uri': 'a'}}"),
                json("{'spec': {'uri': '" + fits + "'}}")).get(0));
    }

    @Test
    void secretsAreNeverShown() throws Exception {
        JsonNode before = json("{'spec': {'predictors': [{'componentSpecs': [{'spec': {'containers': [{'name': 'c',"
                + " 'env': [{'name': 'DB_PASSWORD', 'value': 'hunter2'}]}]}}], 'graph': {'parameters': [{'name':"
                + " 'apiKey', 'value': 'k1'}]}}], 'secretName': 's1', 'token': 't1'}}");
        JsonNode after = json("{'spec': {'predictors': [{'componentSpecs': [{'spec': {'containers': [{'name': 'c',"
                + " 'env': [{'name': 'DB_PASSWORD', 'value': 'correct horse'}, {'name': 'NEW', 'value': 'n'}]}]}}],"
                + " 'graph': {'parameters': [{'name': 'apiKey', 'value': 'k2'}]}}], 'secretName': 's2',"
                + " 'token': 't2'}}");
        List<String> lines = SpecDiff.lines(before, after);
        String all = String.join("\n", lines);
        for (String secret : List.of("hunter2", "correct horse", "s1", "s2", "t1", "t2", "\"n\"")) {
            assertTrue(!all.contains(secret), secret + " shown in " + all);
        }
        assertTrue(lines.contains("spec.predictors[0].componentSpecs[0].spec.containers[0].env[0].value: changed"),
                all);
        assertTrue(lines.contains("spec.predictors[0].componentSpecs[0].spec.containers[0].env[1]: added"), all);
        assertTrue(lines.contains("spec.secretName: changed"), all);
        // A parameter's value under an innocent name is shown: the rule looks at field names, not at neighbours.
        assertTrue(lines.contains("spec.predictors[0].graph.parameters[0].value: \"k1\" -> \"k2\""), all);
    }
}
