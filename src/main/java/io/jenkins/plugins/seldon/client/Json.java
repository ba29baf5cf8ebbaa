package io.jenkins.plugins.seldon.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The client's one JSON configuration: plain Jackson trees, no data binding. */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /**
     * Parses one JSON document from a server's answer, which may be anything.
     *
     * @return the tree, or {@code null} when the text is empty or not JSON
     */
    public static JsonNode parseOrNull(String text) {
        try {
            // Jackson reads empty content as a missing node (never null).
            JsonNode node = MAPPER.readTree(text);
            return node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Parses one JSON document from a server's answer as it arrives, e.g. through a size-capped stream.
     *
     * @return the tree, or {@code null} when the body is empty or not JSON
     * @throws IOException when reading fails (not when the text is no JSON): the connection broke, or the answer
     *     exceeded its limit
     */
    public static JsonNode parseOrNull(InputStream in) throws IOException {
        try {
            JsonNode node = MAPPER.readTree(in);
            return node.isMissingNode() ? null : node;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** A streaming parser of one answer, for readers that keep only part of it (e.g. the items of a list). */
    public static JsonParser parser(InputStream in) throws IOException {
        return MAPPER.getFactory().createParser(in);
    }

    /** Serialises a tree as compact JSON. */
    public static String write(JsonNode node) throws JsonProcessingException {
        return MAPPER.writeValueAsString(node);
    }

    /** Writes a tree as indented JSON, for files people read. */
    public static void writePretty(OutputStream out, JsonNode node) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, node);
    }

    /** Writes plain values (maps, lists, strings, numbers, booleans, null) as indented JSON, for files people read. */
    public static void writePretty(OutputStream out, Object plain) throws IOException {
        MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, plain);
    }

    /** A new empty object node. */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
