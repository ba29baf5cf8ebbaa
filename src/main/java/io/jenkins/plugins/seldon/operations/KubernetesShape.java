package io.jenkins.plugins.seldon.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Brings answers of the API into the shape of Kubernetes resources. The spec's Core v2 request schemas (and the items
 * of its Core v2 lists) put the ObjectMeta fields ({@code name}, {@code labels}...) at the top level instead of under
 * {@code metadata}; servers that follow it send that shape. Both are read; everything the operations return, compare
 * or send back has {@code metadata}.
 */
final class KubernetesShape {

    /** The ObjectMeta fields the flat schemas have at the top level. */
    static final List<String> OBJECT_META = List.of("name", "namespace", "labels", "annotations", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "finalizers", "generateName", "managedFields", "ownerReferences", "selfLink");

    private KubernetesShape() {}

    /**
     * Moves top-level ObjectMeta fields under {@code metadata} (where {@code metadata} already has a field, its value
     * wins). Changes {@code resource} and returns it.
     */
    static ObjectNode normalize(ObjectNode resource) {
        ObjectNode metadata = null;
        for (String field : OBJECT_META) {
            JsonNode value = resource.get(field);
            if (value == null) {
                continue;
            }
            if (metadata == null) {
                metadata = resource.get("metadata") instanceof ObjectNode m ? m : resource.putObject("metadata");
            }
            resource.remove(field);
            if (!metadata.has(field)) {
                metadata.set(field, value);
            }
        }
        return resource;
    }

    /** {@link #normalize(ObjectNode)} of a resource as plain values. Changes {@code resource} and returns it. */
    static Map<String, Object> normalize(Map<String, Object> resource) {
        Map<String, Object> metadata = null;
        for (String field : OBJECT_META) {
            if (!resource.containsKey(field)) {
                continue;
            }
            if (metadata == null) {
                metadata = metadataOf(resource);
            }
            Object value = resource.remove(field);
            if (!metadata.containsKey(field)) {
                metadata.put(field, value);
            }
        }
        return resource;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadataOf(Map<String, Object> resource) {
        if (resource.get("metadata") instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        resource.put("metadata", metadata);
        return metadata;
    }

    /** {@code metadata.name}, or {@code null}. */
    static String name(JsonNode resource) {
        return text(resource.path("metadata").path("name"));
    }

    /** {@code metadata.resourceVersion}, or {@code null}. */
    static String resourceVersion(JsonNode resource) {
        return text(resource.path("metadata").path("resourceVersion"));
    }

    private static String text(JsonNode node) {
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }
}
