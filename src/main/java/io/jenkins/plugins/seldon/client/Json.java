package io.jenkins.plugins.seldon.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The client's one JSON configuration: plain Jackson trees, no data binding. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Parses one JSON document. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    public static String write(JsonNode node) throws JsonProcessingException {
        return MAPPER.writeValueAsString(node);
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
