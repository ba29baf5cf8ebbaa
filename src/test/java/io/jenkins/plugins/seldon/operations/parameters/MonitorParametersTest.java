package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.api.Monitor;
import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Monitors: a known type on a named target, a monitor name to create or delete one, at most one configuration. */
class MonitorParametersTest {

    private static MonitorParameters drift() {
        MonitorParameters p = new MonitorParameters();
        p.setNamespace("models");
        p.setDeployment("iris");
        p.setType("drift");
        return p;
    }

    @Test
    void settersKeepWhatIsGivenAndTreatBlankAsAbsent() {
        MonitorParameters p = new MonitorParameters();
        assertFalse(p.isAllowMissing());
        p.setType(" outlier ");
        p.setDetector(" iris-outliers ");
        Map<String, Object> config = new HashMap<>(Map.of("threshold", 0.9));
        p.setConfig(config);
        config.put("changed", "later");
        p.setJson(" {\"threshold\": 0.9} ");
        p.setFile(" outliers.json ");
        p.setAllowMissing(true);

        assertEquals("outlier", p.getType(), "as given; monitor() says which it names");
        assertEquals("iris-outliers", p.getDetector());
        assertEquals(Map.of("threshold", 0.9), p.getConfig(), "a copy, not the caller's map");
        assertEquals(Map.of("threshold", 0.9), p.map());
        assertEquals("config", p.mapField());
        assertEquals(" {\"threshold\": 0.9} ", p.getJson(), "JSON text is sent as written");
        assertEquals("outliers.json", p.getFile());
        assertTrue(p.isAllowMissing());

        p.setType(" ");
        p.setDetector("");
        p.setConfig(Map.of());
        p.setJson(" ");
        p.setFile(" ");
        assertNull(p.getType());
        assertNull(p.getDetector());
        assertNull(p.getConfig());
        assertNull(p.map());
        assertNull(p.getJson());
        assertNull(p.getFile());
        p.setConfig(null);
        p.setJson(null);
        assertNull(p.getConfig());
        assertNull(p.getJson());
    }

    @Test
    void theTypeMustNameAMonitor() throws Exception {
        MonitorParameters p = drift();
        p.setType("outlier-detector");
        assertEquals(Monitor.OUTLIER_DETECTOR, p.monitor(FieldLabels.PIPELINE));
        p.setType(null);
        assertEquals("type: must be one of drift-detector, outlier-detector, metrics-server",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage(),
                "no type: nothing to quote");
    }

    @Test
    void aMonitorActsOnANamedDeploymentOrPipeline() {
        MonitorParameters p = new MonitorParameters();
        p.setNamespace("models");
        p.setType("drift");
        assertEquals("Name what it acts on: deployment: or pipeline:",
                assertThrows(InvalidInputException.class, () -> p.validate(FieldLabels.PIPELINE)).getMessage());
        p.setPipeline("iris");
        assertDoesNotThrow(() -> p.validate(FieldLabels.PIPELINE));
    }

    @Test
    void theConfigurationIsOptionalButComesFromOneSourceAtMost() {
        MonitorParameters none = drift();
        assertDoesNotThrow(() -> none.validate(FieldLabels.PIPELINE));
        MonitorParameters config = drift();
        config.setConfig(Map.of("threshold", 0.9));
        assertDoesNotThrow(() -> config.validate(FieldLabels.PIPELINE));
        MonitorParameters file = drift();
        file.setFile("drift.json");
        assertDoesNotThrow(() -> file.validate(FieldLabels.PIPELINE));

        String atMostOne = "Give the configuration as at most one of config:, json: or file:";
        MonitorParameters configAndJson = drift();
        configAndJson.setConfig(Map.of("threshold", 0.9));
        configAndJson.setJson("{}");
        assertEquals(atMostOne, assertThrows(InvalidInputException.class,
                () -> configAndJson.validate(FieldLabels.PIPELINE)).getMessage());
        MonitorParameters jsonAndFile = drift();
        jsonAndFile.setJson("{}");
        jsonAndFile.setFile("drift.json");
        assertEquals(atMostOne, assertThrows(InvalidInputException.class,
                () -> jsonAndFile.validate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void creatingOrDeletingNeedsTheMonitorsName() {
        MonitorParameters p = drift();
        assertEquals("Name the monitor as detector:",
                assertThrows(InvalidInputException.class, () -> p.validateNamed(FieldLabels.PIPELINE)).getMessage());
        p.setDetector("iris-drift");
        assertDoesNotThrow(() -> p.validateNamed(FieldLabels.PIPELINE));
    }
}
