package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How Seldon Core v2 is asked for a prediction directly, at the cluster's inference URL rather than through the API:
 * the Open Inference Protocol endpoint {@code <inference URL>/v2/models/<name>/infer}, with the headers Seldon routes
 * by, {@code Seldon-Model} ({@code <pipeline>.pipeline}, or a model's own name) and {@code Host}
 * ({@code <namespace>.inference.seldon}, the host Seldon Enterprise Platform routes a namespace's inference by).
 */
public final class CoreV2Inference {

    public static final String MODEL_HEADER = "Seldon-Model";
    public static final String HOST_HEADER = "Host";

    private CoreV2Inference() {}

    /** {@code <inference URL>/v2/models/<name>/infer}, for a Pipeline or a Model named {@code name}. */
    public static String url(URI inferenceUrl, String name) {
        return inferenceUrl.toString().replaceAll("/+$", "") + "/v2/models/" + name + "/infer";
    }

    /** What {@code Seldon-Model} says for a Pipeline ({@code iris.pipeline}) or a Model ({@code iris}). */
    public static String modelHeader(ResourceKind kind, String name) {
        return kind == ResourceKind.PIPELINE ? name + ".pipeline" : name;
    }

    /** What {@code Host} says for a namespace: {@code <namespace>.inference.seldon}. */
    public static String hostHeader(String namespace) {
        return namespace + ".inference.seldon";
    }

    /** Both routing headers, by name. */
    public static Map<String, String> headers(ResourceKind kind, String namespace, String name) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(MODEL_HEADER, modelHeader(kind, name));
        headers.put(HOST_HEADER, hostHeader(namespace));
        return headers;
    }
}
