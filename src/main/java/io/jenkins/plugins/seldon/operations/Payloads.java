package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * JSON that a build sends as it is: a prediction's payload, a batch job's definition, a monitor's configuration, the
 * body of an API call. It comes as a map (Pipeline only), as JSON text, or from a workspace file read with the size
 * limit of manifests ({@link Manifests#readText}).
 */
public final class Payloads {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Payloads() {}

    /**
     * Parses JSON text, all of it.
     *
     * @param source names the text in messages, e.g. {@code payload.json} or {@code json}
     * @throws InvalidInputException with the line and column of the mistake
     */
    public static JsonNode parse(String text, String source) throws InvalidInputException {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException(source + ": there is no JSON");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 0 : at.getLineNr();
            int column = at == null ? 0 : at.getColumnNr();
            String reason = e.getOriginalMessage() == null ? "invalid JSON" : e.getOriginalMessage().lines()
                    .findFirst().orElse("invalid JSON");
            throw new InvalidInputException(source + (line > 0 ? " (line " + line + ", column " + column + ")" : "")
                    + ": not JSON: " + (reason.length() > 200 ? reason.substring(0, 200) + "..." : reason), line,
                    column, null);
        }
    }

    /** Reads a workspace file's JSON: UTF-8, at most the manifest size limit. */
    public static JsonNode read(InputStream in, String source) throws IOException {
        return parse(Manifests.readText(in, source), source);
    }

    /** A Pipeline map (nested maps, lists, strings, numbers, booleans, nulls) as JSON. */
    public static JsonNode fromMap(Map<?, ?> map, String source) throws InvalidInputException {
        return Manifests.fromMap(map, source);
    }
}
