package io.jenkins.plugins.seldon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anEmptyOrNonJsonAnswerParsesAsNothing() throws Exception {
        for (String text : new String[] {"", "   \n", "<html>Bad gateway</html>", "{\"cut\": "}) {
            assertNull(Json.parseOrNull(text), text);
            assertNull(Json.parseOrNull(stream(text)), text);
        }
        assertEquals("{\"a\":[1,true,null]}", Json.write(Json.parseOrNull(" {\"a\": [1, true, null]} ")));
        assertEquals("{\"a\":[1,true,null]}", Json.write(Json.parseOrNull(stream("{\"a\": [1, true, null]}"))));
        JsonNode literalNull = Json.parseOrNull("null");
        assertTrue(literalNull != null && literalNull.isNull(), "the JSON null is an answer, not nothing");
    }

    @Test
    void filesPeopleReadAreIndented() throws Exception {
        ByteArrayOutputStream tree = new ByteArrayOutputStream();
        Json.writePretty(tree, Json.object().put("name", "iris"));
        assertEquals("{\n  \"name\" : \"iris\"\n}", tree.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));

        Map<String, Object> plain = new LinkedHashMap<>();
        plain.put("names", List.of("iris", "income"));
        plain.put("ready", true);
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        Json.writePretty(values, plain);
        assertEquals("{\n  \"names\" : [ \"iris\", \"income\" ],\n  \"ready\" : true\n}",
                values.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
    }
}
