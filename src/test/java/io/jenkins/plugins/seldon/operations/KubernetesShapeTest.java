package io.jenkins.plugins.seldon.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Resources of the flat Core v2 shape are read as Kubernetes resources; those of the Kubernetes shape are left alone. */
class KubernetesShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Map<String, Object> map(String json) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = JSON.readValue(json.replace('\'', '"'), LinkedHashMap.class);
        return map;
    }

    @Test
    void plainValuesMoveUnderMetadataWhereMetadataWins() throws Exception {
        assertEquals(map("{'metadata': {'name': 'meta', 'labels': {'a': '1'}}, 'spec': {}}"),
                KubernetesShape.normalize(map("{'name': 'flat', 'labels': {'a': '1'}, 'metadata': {'name': 'meta'},"
                        + " 'spec': {}}")));
        assertEquals(map("{'metadata': {'name': 'flat'}}"), KubernetesShape.normalize(map("{'name': 'flat'}")));
        assertEquals(map("{'kind': 'Model', 'metadata': {'name': 'iris'}}"),
                KubernetesShape.normalize(map("{'kind': 'Model', 'metadata': {'name': 'iris'}}")), "nothing to move");
        assertEquals(map("{'kind': 'Model'}"), KubernetesShape.normalize(map("{'kind': 'Model'}")), "nothing added");
    }

    @Test
    void treesMoveUnderMetadataWhereMetadataWins() throws Exception {
        assertEquals(JSON.readTree("{\"metadata\": {\"name\": \"meta\", \"uid\": \"u\"}}"), KubernetesShape.normalize(
                (ObjectNode) JSON.readTree("{\"name\": \"flat\", \"uid\": \"u\", \"metadata\": {\"name\": \"meta\"}}")));
    }

    @Test
    void aTreeWithoutMetadataGetsOne() throws Exception {
        assertEquals(JSON.readTree("{\"metadata\": {\"name\": \"flat\"}}"),
                KubernetesShape.normalize((ObjectNode) JSON.readTree("{\"name\": \"flat\"}")));
    }

    @Test
    void onlyAScalarIsANameOrVersion() throws Exception {
        assertNull(KubernetesShape.name(JSON.readTree("{\"metadata\": {\"name\": null}}")));
        assertNull(KubernetesShape.name(JSON.readTree("{\"metadata\": {\"name\": {\"a\": 1}}}")));
        assertNull(KubernetesShape.name(JSON.readTree("{\"metadata\": 5}")));
        assertEquals("iris", KubernetesShape.name(JSON.readTree("{\"metadata\": {\"name\": \"iris\"}}")));
        assertEquals("7", KubernetesShape.resourceVersion(JSON.readTree("{\"metadata\": {\"resourceVersion\": 7}}")));
    }
}
