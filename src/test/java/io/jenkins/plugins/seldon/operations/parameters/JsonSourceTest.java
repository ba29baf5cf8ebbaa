package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the JSON an operation sends comes from: a map, JSON text or a file, counted and named alike everywhere. */
class JsonSourceTest {

    @Test
    void anyOfTheThreeSourcesCountsAsJsonGiven() {
        assertFalse(new MonitorParameters().hasJson(), "a monitor without configuration gets an empty one");

        MonitorParameters config = new MonitorParameters();
        config.setConfig(Map.of("threshold", 0.9));
        assertTrue(config.hasJson());
        MonitorParameters json = new MonitorParameters();
        json.setJson("{}");
        assertTrue(json.hasJson());
        MonitorParameters file = new MonitorParameters();
        file.setFile("drift.json");
        assertTrue(file.hasJson());
    }

    @Test
    void aFormWithoutTheMapFieldIsToldOfItsTwoFields() {
        FieldLabels form = field -> switch (field) {
            case "json" -> "Definition (JSON)";
            case "file" -> "Definition file";
            default -> null;
        };
        BatchJobParameters p = new BatchJobParameters();
        p.setJson("{}");
        p.setFile("batch.json");
        assertEquals("Give the batch job's definition as exactly one of Definition (JSON) or Definition file",
                assertThrows(InvalidInputException.class, () -> JsonSource.checkOne(p, form,
                        "the batch job's definition", true)).getMessage());
    }
}
