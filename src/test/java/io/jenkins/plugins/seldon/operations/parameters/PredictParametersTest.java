package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.operations.Expectation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** A prediction's payload and the check of its answer, as given and as expanded for freestyle. */
class PredictParametersTest {

    private static final UnaryOperator<String> VARIABLES = t -> t == null ? null
            : t.replace("${APP}", "iris").replace("${NOTHING}", "");

    @Test
    void aPayloadMapIsCopiedAndAnEmptyOneIsAbsent() {
        PredictParameters p = new PredictParameters();
        assertFalse(p.hasJson());
        Map<String, Object> payload = new HashMap<>(Map.of("data", List.of(1, 2)));
        p.setPayload(payload);
        payload.clear();
        assertEquals(Map.of("data", List.of(1, 2)), p.getPayload(), "a copy, unaffected by later changes to the map");
        assertEquals(p.getPayload(), p.map());
        assertEquals("payload", p.mapField());
        assertTrue(p.hasJson());
        p.setPayload(Map.of());
        assertNull(p.getPayload());
        p.setPayload(null);
        assertNull(p.getPayload());
        assertFalse(p.hasJson());
    }

    @Test
    void jsonTextIsKeptAsGivenUnlessBlank() {
        PredictParameters p = new PredictParameters();
        p.setJson("  {\"data\": [1]}\n");
        assertEquals("  {\"data\": [1]}\n", p.getJson());
        p.setJson(" \n");
        assertNull(p.getJson());
        p.setJson(null);
        assertNull(p.getJson());
        p.setFile(" request.json ");
        assertEquals("request.json", p.getFile());
    }

    @Test
    void theExpectedValueIsKeptEvenWhenItIsOnlySpacesButNotWhenEmpty() {
        PredictParameters p = new PredictParameters();
        p.setExpectEquals(" ");
        assertEquals(" ", p.getExpectEquals(), "a string of spaces is a value an answer may hold");
        p.setExpectEquals("");
        assertNull(p.getExpectEquals());
        p.setExpectEquals(null);
        assertNull(p.getExpectEquals());
    }

    @Test
    void anExpectationIsAskedForByItsPointer() throws Exception {
        PredictParameters p = new PredictParameters();
        p.setExpectEquals("setosa");
        assertNull(p.expectation(), "no pointer, no check");
        p.setExpect(" /data/names/0 ");
        Expectation e = p.expectation();
        assertEquals("/data/names/0", e.pointer());
        assertEquals("setosa", e.equalsValue());
        p.setExpectEquals(null);
        assertNull(p.expectation().equalsValue(), "the value need only exist");
    }

    @Test
    void anExpectedValueIsExpandedButOneExpandedToNothingIsAbsent() {
        PredictParameters p = new PredictParameters();
        p.setExpect("/${APP}");
        p.setExpectEquals(" ${APP} ");
        PredictParameters copy = p.expanded(VARIABLES);
        assertEquals("/iris", copy.getExpect());
        assertEquals(" iris ", copy.getExpectEquals(), "not trimmed, as the setter does not trim it");

        p.setExpectEquals("${NOTHING}");
        assertNull(p.<PredictParameters>expanded(VARIABLES).getExpectEquals());

        PredictParameters none = new PredictParameters();
        none.setFile("${APP}.json");
        PredictParameters noneCopy = none.expanded(VARIABLES);
        assertNull(noneCopy.getExpectEquals());
        assertNull(noneCopy.getExpect());
        assertEquals("iris.json", noneCopy.getFile());
    }
}
