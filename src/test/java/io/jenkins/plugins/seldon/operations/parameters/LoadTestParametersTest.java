package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Load tests: created from one payload and optional positive counts, deleted by their job's name. */
class LoadTestParametersTest {

    private static LoadTestParameters withPayload() {
        LoadTestParameters p = new LoadTestParameters();
        p.setPayload(Map.of("data", Map.of("ndarray", List.of(List.of(1, 2)))));
        return p;
    }

    @Test
    void settersKeepWhatIsGivenAndTreatBlankAsAbsent() {
        LoadTestParameters p = new LoadTestParameters();
        assertNull(p.getConnections(), "none given: the server's default");
        assertNull(p.getRequests());
        assertNull(p.getDuration());
        assertFalse(p.isAllowMissing());

        Map<String, Object> payload = new HashMap<>(Map.of("data", "x"));
        p.setPayload(payload);
        payload.put("more", "y");
        p.setJson(" {\"data\": 1} ");
        p.setFile(" payload.json ");
        p.setConnections(4);
        p.setRequests(100);
        p.setDuration(30);
        p.setJob(" loadtest-iris-1 ");
        p.setAllowMissing(true);

        assertEquals(Map.of("data", "x"), p.getPayload(), "a copy, not the caller's map");
        assertEquals(Map.of("data", "x"), p.map());
        assertEquals("payload", p.mapField());
        assertEquals(" {\"data\": 1} ", p.getJson(), "JSON text is sent as written");
        assertEquals("payload.json", p.getFile());
        assertEquals(4, p.getConnections());
        assertEquals(100, p.getRequests());
        assertEquals(30, p.getDuration());
        assertEquals("loadtest-iris-1", p.getJob());
        assertTrue(p.isAllowMissing());

        p.setPayload(Map.of());
        p.setJson("  ");
        p.setFile("");
        p.setJob(" ");
        assertNull(p.getPayload());
        assertNull(p.map());
        assertNull(p.getJson());
        assertNull(p.getFile());
        assertNull(p.getJob());
        p.setPayload(null);
        p.setJson(null);
        assertNull(p.getPayload());
        assertNull(p.getJson());
    }

    @Test
    void creatingTakesExactlyOnePayload() {
        LoadTestParameters none = new LoadTestParameters();
        assertEquals("Give the payload the load test sends as exactly one of payload:, json: or file:",
                assertThrows(InvalidInputException.class, () -> none.validateCreate(FieldLabels.PIPELINE))
                        .getMessage());

        LoadTestParameters json = new LoadTestParameters();
        json.setJson("{\"data\": {}}");
        assertDoesNotThrow(() -> json.validateCreate(FieldLabels.PIPELINE));
        LoadTestParameters file = new LoadTestParameters();
        file.setFile("payload.json");
        assertDoesNotThrow(() -> file.validateCreate(FieldLabels.PIPELINE));

        LoadTestParameters two = withPayload();
        two.setFile("payload.json");
        assertThrows(InvalidInputException.class, () -> two.validateCreate(FieldLabels.PIPELINE));
    }

    @Test
    void countsLeftOutOrOfAtLeastOneAreAccepted() {
        LoadTestParameters p = withPayload();
        assertDoesNotThrow(() -> p.validateCreate(FieldLabels.PIPELINE));
        p.setConnections(1);
        p.setRequests(1);
        p.setDuration(1);
        assertDoesNotThrow(() -> p.validateCreate(FieldLabels.PIPELINE));
        p.setConnections(8);
        p.setRequests(1000);
        p.setDuration(60);
        assertDoesNotThrow(() -> p.validateCreate(FieldLabels.PIPELINE));
    }

    @Test
    void eachCountBelowOneIsRefusedByItsOwnName() {
        LoadTestParameters connections = withPayload();
        connections.setConnections(0);
        assertEquals("connections: must be at least 1, not 0", assertThrows(InvalidInputException.class,
                () -> connections.validateCreate(FieldLabels.PIPELINE)).getMessage());

        LoadTestParameters requests = withPayload();
        requests.setConnections(2);
        requests.setRequests(0);
        assertEquals("requests: must be at least 1, not 0", assertThrows(InvalidInputException.class,
                () -> requests.validateCreate(FieldLabels.PIPELINE)).getMessage());

        LoadTestParameters duration = withPayload();
        duration.setRequests(10);
        duration.setDuration(-5);
        assertEquals("duration: must be at least 1, not -5", assertThrows(InvalidInputException.class,
                () -> duration.validateCreate(FieldLabels.PIPELINE)).getMessage());
    }

    @Test
    void deletingNeedsTheJobName() {
        LoadTestParameters p = new LoadTestParameters();
        assertEquals("Name the load test job to delete as job:, as the list of load tests gives it",
                assertThrows(InvalidInputException.class, () -> p.validateDelete(FieldLabels.PIPELINE))
                        .getMessage());
        p.setJob("loadtest-iris-1");
        assertDoesNotThrow(() -> p.validateDelete(FieldLabels.PIPELINE));
    }
}
