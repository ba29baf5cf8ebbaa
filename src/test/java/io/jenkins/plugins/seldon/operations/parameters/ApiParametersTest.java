package io.jenkins.plugins.seldon.operations.parameters;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.operations.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Calling any API path: a method and a path, optional query parameters, at most one body, an audit message. */
class ApiParametersTest {

    private static ApiParameters get() {
        ApiParameters p = new ApiParameters();
        p.setMethod("GET");
        p.setPath("/namespaces/models/seldondeployments");
        return p;
    }

    @Test
    void settersKeepWhatIsGivenAndTreatBlankAsAbsent() {
        ApiParameters p = new ApiParameters();
        assertEquals(Map.of(), p.getQuery(), "no query parameters unless given");
        p.setMethod(" post ");
        p.setPath(" /namespaces/models/seldondeployments ");
        Map<String, Object> query = new HashMap<>(Map.of("action", "dry-run"));
        p.setQuery(query);
        Map<String, Object> body = new HashMap<>(Map.of("kind", "SeldonDeployment"));
        p.setBody(body);
        query.put("changed", "later");
        body.put("changed", "later");
        p.setJson(" [1, 2] ");
        p.setMessage(" release 7 ");

        assertEquals("post", p.getMethod());
        assertEquals("/namespaces/models/seldondeployments", p.getPath());
        assertEquals(Map.of("action", "dry-run"), p.getQuery(), "a copy, not the caller's map");
        assertEquals(Map.of("kind", "SeldonDeployment"), p.getBody(), "a copy, not the caller's map");
        assertEquals(" [1, 2] ", p.getJson(), "JSON text is sent as written");
        assertEquals("release 7", p.getMessage());

        p.setQuery(null);
        p.setBody(null);
        p.setJson(" ");
        p.setMessage(" ");
        assertEquals(Map.of(), p.getQuery());
        assertNull(p.getBody());
        assertNull(p.getJson());
        assertNull(p.getMessage());
        p.setJson(null);
        assertNull(p.getJson());
        p.setBody(Map.of());
        assertEquals(Map.of(), p.getBody(), "an empty object is a body to send");
    }

    @Test
    void aCallNeedsAMethodAndAPath() {
        ApiParameters noMethod = get();
        noMethod.setMethod(" ");
        assertEquals("Give the method as method:, one of GET, POST, PUT or DELETE",
                assertThrows(InvalidInputException.class, () -> noMethod.validate(FieldLabels.PIPELINE)).getMessage());
        ApiParameters noPath = get();
        noPath.setPath(null);
        assertEquals("Give the path as path:, below the API base URL, e.g. /namespaces/models/seldondeployments",
                assertThrows(InvalidInputException.class, () -> noPath.validate(FieldLabels.PIPELINE)).getMessage());
        assertDoesNotThrow(() -> get().validate(FieldLabels.PIPELINE));
    }

    @Test
    void theBodyIsAMapOrJsonTextButNotBoth() {
        ApiParameters map = get();
        map.setMethod("POST");
        map.setBody(Map.of("kind", "SeldonDeployment"));
        assertDoesNotThrow(() -> map.validate(FieldLabels.PIPELINE));
        ApiParameters json = get();
        json.setMethod("POST");
        json.setJson("[1, 2]");
        assertDoesNotThrow(() -> json.validate(FieldLabels.PIPELINE));

        map.setJson("[1, 2]");
        assertEquals("Give the body as body: or json:, not both",
                assertThrows(InvalidInputException.class, () -> map.validate(FieldLabels.PIPELINE)).getMessage());
    }
}
