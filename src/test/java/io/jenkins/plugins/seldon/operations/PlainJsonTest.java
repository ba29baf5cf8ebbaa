package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainJsonTest {

    @Test
    void convertsToPlainJavaTypes() throws Exception {
        Object plain = PlainJson.toPlain(new ObjectMapper().readTree("""
                {"z": 1, "a": {"list": [1, "two", 3.5, true, null, {"k": []}]},
                 "long": 12345678901, "bigger": 123456789012345678901234567890, "s": "x", "f": false, "n": null}
                """));

        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, plain);
        assertEquals(List.of("z", "a", "long", "bigger", "s", "f", "n"), new ArrayList<>(map.keySet()));
        assertEquals(1, map.get("z"));
        assertInstanceOf(Integer.class, map.get("z"));
        assertEquals(12345678901L, map.get("long"));
        assertEquals(new BigInteger("123456789012345678901234567890"), map.get("bigger"));
        assertEquals("x", map.get("s"));
        assertEquals(false, map.get("f"));
        assertNull(map.get("n"));
        List<?> list = assertInstanceOf(ArrayList.class, ((Map<?, ?>) map.get("a")).get("list"));
        assertEquals(1, list.get(0));
        assertEquals("two", list.get(1));
        assertEquals(3.5d, list.get(2));
        assertEquals(true, list.get(3));
        assertNull(list.get(4));
        assertEquals(Map.of("k", List.of()), list.get(5));
    }

    @Test
    void arraysAndAbsentValues() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        assertEquals(List.of(Map.of("name", "iris")), PlainJson.toPlain(f.arrayNode().add(f.objectNode().put("name", "iris"))));
        assertNull(PlainJson.toPlain(null));
        assertNull(PlainJson.toPlain(MissingNode.getInstance()));
        assertEquals(Long.MAX_VALUE, PlainJson.toPlain(f.numberNode(BigInteger.valueOf(Long.MAX_VALUE))));
    }

    @Test
    void binaryBecomesItsBase64Text() {
        assertEquals("aGVsbG8=", PlainJson.toPlain(JsonNodeFactory.instance.binaryNode("hello".getBytes(
                java.nio.charset.StandardCharsets.UTF_8))));
    }
}
