package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Batch jobs: exactly one definition; a timeout and a poll interval of at least a second (1 h and 15 s by default). */
class BatchJobParametersTest {

    private static BatchJobParameters job() {
        BatchJobParameters p = new BatchJobParameters();
        p.setNamespace("models");
        p.setDeployment("iris");
        p.setDefinition(Map.of("dataPath", "s3://data/input.txt"));
        return p;
    }

    @Test
    void aJobWaitsAnHourAtMostLookingEvery15SecondsUnlessTold() {
        BatchJobParameters p = new BatchJobParameters();
        assertEquals(3600, p.getTimeout());
        assertEquals(15, p.getPollInterval());
        assertEquals(Duration.ofHours(1), p.timeout());
        assertEquals(Duration.ofSeconds(15), p.pollInterval());
        p.setTimeout(90);
        p.setPollInterval(5);
        assertEquals(90, p.getTimeout());
        assertEquals(5, p.getPollInterval());
        assertEquals(Duration.ofSeconds(90), p.timeout());
        assertEquals(Duration.ofSeconds(5), p.pollInterval());
    }

    @Test
    void settersKeepTheDefinitionAsGivenAndTreatBlankAsAbsent() {
        BatchJobParameters p = new BatchJobParameters();
        Map<String, Object> definition = new HashMap<>(Map.of("dataPath", "s3://data/input.txt"));
        p.setDefinition(definition);
        definition.put("changed", "later");
        p.setJson(" {\"dataPath\": \"s3://data/input.txt\"} ");
        p.setFile(" batch.json ");
        assertEquals(Map.of("dataPath", "s3://data/input.txt"), p.getDefinition(), "a copy, not the caller's map");
        assertEquals(p.getDefinition(), p.map());
        assertEquals("definition", p.mapField());
        assertEquals(" {\"dataPath\": \"s3://data/input.txt\"} ", p.getJson(), "JSON text is sent as written");
        assertEquals("batch.json", p.getFile());

        p.setDefinition(Map.of());
        p.setJson("\n");
        p.setFile(" ");
        assertNull(p.getDefinition());
        assertNull(p.map());
        assertNull(p.getJson());
        assertNull(p.getFile());
        p.setDefinition(null);
        p.setJson(null);
        assertNull(p.getDefinition());
        assertNull(p.getJson());
    }

    @Test
    void aJobNeedsExactlyOneDefinition() {
        assertDoesNotThrow(() -> job().validate(FieldLabels.PIPELINE));
        BatchJobParameters json = job();
        json.setDefinition(null);
        json.setJson("{}");
        assertDoesNotThrow(() -> json.validate(FieldLabels.PIPELINE));

        String exactlyOne = "Give the batch job's definition as exactly one of definition:, json: or file:";
        BatchJobParameters none = job();
        none.setDefinition(null);
        assertEquals(exactlyOne, assertThrows(InvalidInputException.class,
                () -> none.validate(FieldLabels.PIPELINE)).getMessage());
        BatchJobParameters two = job();
        two.setJson("{}");
        assertEquals(exactlyOne, assertThrows(InvalidInputException.class,
                () -> two.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void theTimeoutAndPollIntervalAreAtLeastASecond() {
        BatchJobParameters p = job();
        p.setTimeout(1);
        p.setPollInterval(1);
        assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE));

        p.setTimeout(0);
        assertEquals("timeout: must be at least 1 second, not 0",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setTimeout(60);
        p.setPollInterval(-1);
        assertEquals("pollInterval: must be at least 1 second, not -1",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void aJobActsOnANamedDeploymentOrPipeline() {
        BatchJobParameters p = new BatchJobParameters();
        p.setNamespace("models");
        p.setJson("{}");
        assertEquals("Name what it acts on: deployment: or pipeline:",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void aCopyHasTheTargetAndFileExpandedButNotTheJson() {
        BatchJobParameters p = new BatchJobParameters();
        p.setNamespace("${NS}");
        p.setPipeline("${MODEL}-pipeline");
        p.setFile("${DIR}/batch.json");
        p.setJson("{\"dataPath\": \"${DATA}\"}");
        Map<String, String> vars = Map.of("NS", "staging", "MODEL", "iris", "DIR", "jobs", "DATA", "s3://x");

        BatchJobParameters copy = p.expanded(text -> {
            String out = text;
            for (Map.Entry<String, String> v : vars.entrySet()) {
                out = out == null ? null : out.replace("${" + v.getKey() + "}", v.getValue());
            }
            return out;
        });

        assertEquals("staging", copy.getNamespace());
        assertEquals("iris-pipeline", copy.getPipeline());
        assertEquals("jobs/batch.json", copy.getFile());
        assertEquals("{\"dataPath\": \"${DATA}\"}", copy.getJson());
        assertEquals("${DIR}/batch.json", p.getFile());
    }
}
