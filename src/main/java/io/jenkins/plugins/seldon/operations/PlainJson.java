package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain Java values that a Pipeline script can use and that CPS can serialise, from API answers: objects become
 * {@link LinkedHashMap}s (key order kept), arrays {@link ArrayList}s, and scalars {@link String}, {@link Boolean},
 * {@code null} or the smallest fitting number: {@link Integer}, {@link Long}, or {@link java.math.BigInteger} beyond
 * 64 bits (exact; Kubernetes never sends such). Decimals become {@link Double}: what the API sends as decimals
 * (traffic shares, thresholds, timings) fits a double, and Groovy computes with it directly.
 *
 * <p>Values come either from a tree the operations already hold ({@link #toPlain}) or straight from an answer's parser
 * ({@link #read}), so that a list a Pipeline gets never exists as a tree too.
 */
public final class PlainJson {

    private PlainJson() {}

    /** Converts one tree; a {@code null} or missing node gives {@code null}. */
    public static Object toPlain(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        } else if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                map.put(field.getKey(), toPlain(field.getValue()));
            }
            return map;
        } else if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            for (JsonNode element : node) {
                list.add(toPlain(element));
            }
            return list;
        } else if (node.isTextual()) {
            return node.textValue();
        } else if (node.isBoolean()) {
            return node.booleanValue();
        } else if (node.isIntegralNumber()) {
            // Range checks of the node's own value: no BigInteger unless it holds one.
            if (node.canConvertToInt()) {
                return node.intValue();
            }
            return node.canConvertToLong() ? (Object) node.longValue() : node.bigIntegerValue();
        } else if (node.isNumber()) {
            return node.doubleValue();
        }
        // Binary and POJO nodes do not come out of a JSON parser; their text form is the honest fallback.
        return node.asText();
    }

    /**
     * Reads the value at the parser's current token, leaving the parser at its last token.
     *
     * @param keep what to keep of it: {@link Fields#ALL}, or the fields of objects (a list applies {@code keep} to
     *     each element); what is not kept is skipped unread
     */
    static Object read(JsonParser p, Fields keep) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> map = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Fields child = keep.child(name);
                p.nextToken();
                if (child == null) {
                    p.skipChildren();
                } else {
                    map.put(name, read(p, child));
                }
            }
            return map;
        } else if (t == JsonToken.START_ARRAY) {
            List<Object> list = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(read(p, keep));
            }
            return list;
        }
        return scalar(p, t);
    }

    /** Reads the whole value at the parser's current token; see {@link #read(JsonParser, Fields)}. */
    public static Object read(JsonParser p) throws IOException {
        return read(p, Fields.ALL);
    }

    private static Object scalar(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> p.getIntValue();
                case LONG -> p.getLongValue();
                default -> p.getBigIntegerValue();
            };
            case VALUE_NUMBER_FLOAT -> p.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            // A parser at an END token, or at none: the caller's mistake.
            default -> throw new IllegalStateException("No JSON value at " + t);
        };
    }
}
