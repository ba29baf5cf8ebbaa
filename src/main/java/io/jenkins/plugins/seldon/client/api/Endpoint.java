package io.jenkins.plugins.seldon.client.api;

import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Every request the client can send, as the API describes it: method, path template relative to the API base URL,
 * and the query parameters it may carry. {@link SeldonClient} builds every URL through {@link #url}, so this list is
 * complete by construction and can be checked against the API's published description.
 */
public enum Endpoint {
    LIST(ResourceKind.SELDON_DEPLOYMENT, "GET", "/namespaces/{namespace}/seldondeployments", Set.of()),
    READ(ResourceKind.SELDON_DEPLOYMENT, "GET", "/namespaces/{namespace}/seldondeployments/{name}", Set.of()),
    CREATE(ResourceKind.SELDON_DEPLOYMENT, "POST", "/namespaces/{namespace}/seldondeployments",
            Set.of("action", "message")),
    UPDATE(ResourceKind.SELDON_DEPLOYMENT, "PUT", "/namespaces/{namespace}/seldondeployments/{name}",
            Set.of("action", "message")),
    DELETE(ResourceKind.SELDON_DEPLOYMENT, "DELETE", "/namespaces/{namespace}/seldondeployments/{name}",
            Set.of("action", "message")),
    USER(null, "GET", "/user", Set.of()),
    VERSION(null, "GET", "/version", Set.of());

    private final ResourceKind kind;
    private final String method;
    private final String pathTemplate;
    private final Set<String> queryParameters;

    Endpoint(ResourceKind kind, String method, String pathTemplate, Set<String> queryParameters) {
        this.kind = kind;
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.queryParameters = Set.copyOf(queryParameters);
    }

    /** The resource kind this endpoint serves, or {@code null} for endpoints about the server or the caller. */
    public ResourceKind kind() {
        return kind;
    }

    public String method() {
        return method;
    }

    /** Relative to the API base URL, with {@code {parameter}} placeholders for path segments. */
    public String pathTemplate() {
        return pathTemplate;
    }

    /** The names of the query parameters this endpoint may carry. */
    public Set<String> queryParameters() {
        return Set.copyOf(queryParameters);
    }

    /**
     * Builds this endpoint's URL below {@code apiBase}. Each placeholder becomes exactly one encoded path segment.
     * Query parameters with a {@code null} value are left out.
     *
     * @throws IllegalArgumentException when a path parameter is missing, empty, {@code .} or {@code ..}, or a query
     *     parameter is not one this endpoint accepts
     */
    public HttpUrl url(HttpUrl apiBase, Map<String, String> pathParameters, Map<String, String> query) {
        HttpUrl.Builder b = apiBase.newBuilder();
        for (String segment : pathTemplate.substring(1).split("/")) {
            if (segment.startsWith("{") && segment.endsWith("}")) {
                String param = segment.substring(1, segment.length() - 1);
                b.addPathSegment(checkSegment(param, pathParameters.get(param)));
            } else {
                b.addPathSegment(segment);
            }
        }
        for (Map.Entry<String, String> e : query.entrySet()) {
            if (!queryParameters.contains(e.getKey())) {
                throw new IllegalArgumentException(name() + " does not accept the query parameter " + e.getKey());
            }
            if (e.getValue() != null) {
                b.addQueryParameter(e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    private static String checkSegment(String param, String value) {
        // OkHttp resolves "." and ".." segments, which would silently address another resource.
        if (value == null || value.isEmpty() || value.equals(".") || value.equals("..")) {
            throw new IllegalArgumentException("Invalid " + param + ": '" + (value == null ? "" : value) + "'");
        }
        return value;
    }
}
