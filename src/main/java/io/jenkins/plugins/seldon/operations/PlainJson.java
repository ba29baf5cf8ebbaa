package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts API results to plain Java values that a Pipeline script can use and that CPS can serialise: objects
 * become {@link LinkedHashMap}s (key order kept), arrays {@link ArrayList}s, and scalars {@link String},
 * {@link Integer} (integers that fit), {@link Long} (other integers that fit), {@link Double}, {@link Boolean} or
 * {@code null}.
 */
public final class PlainJson {

    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

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
            BigInteger value = node.bigIntegerValue();
            if (node.canConvertToInt()) {
                return node.intValue();
            } else if (value.compareTo(LONG_MIN) >= 0 && value.compareTo(LONG_MAX) <= 0) {
                return node.longValue();
            }
            // Beyond int64, which Kubernetes never produces: an approximation beats failing the build.
            return node.doubleValue();
        } else if (node.isNumber()) {
            return node.doubleValue();
        }
        // Binary and POJO nodes do not come out of a JSON parser; their text form is the honest fallback.
        return node.asText();
    }
}
