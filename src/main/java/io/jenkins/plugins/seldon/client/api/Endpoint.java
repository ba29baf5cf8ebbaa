package io.jenkins.plugins.seldon.client.api;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Every request the client can send, as the API describes it: method, path template relative to the API base URL,
 * the query parameters it may carry, the shape of its answer and the first server release that has it.
 * {@link SeldonClient} builds every URL through {@link #url}, so this list is complete by construction and can be
 * checked against the API's published description.
 *
 * <p>A kind has a verb only where the API has the operation: there is no request that lists all Models (only those of
 * one pipeline, {@link #LIST_PIPELINE_MODELS}) and none that lists Experiments, which live one per main pipeline. The
 * canary and shadow requests act on that experiment; their answers are untyped.
 */
public enum Endpoint {
    LIST_SELDON_DEPLOYMENTS(ResourceKind.SELDON_DEPLOYMENT, Verb.LIST, "GET", "/namespaces/{namespace}/seldondeployments"),
    READ_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.READ, "GET",
            "/namespaces/{namespace}/seldondeployments/{name}"),
    CREATE_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.CREATE, "POST",
            "/namespaces/{namespace}/seldondeployments"),
    UPDATE_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.UPDATE, "PUT",
            "/namespaces/{namespace}/seldondeployments/{name}"),
    DELETE_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.DELETE, "DELETE",
            "/namespaces/{namespace}/seldondeployments/{name}"),
    /** The Kubernetes Deployments, Pods and Services behind a SeldonDeployment, per component: a JSON array. */
    LIST_SELDON_DEPLOYMENT_RESOURCES(ResourceKind.SELDON_DEPLOYMENT, null, "GET",
            "/namespaces/{namespace}/seldondeployments/{name}/resources", Set.of(), Answer.ARRAY, null),

    LIST_PIPELINES(ResourceKind.PIPELINE, Verb.LIST, "GET", "/namespaces/{namespace}/pipelines"),
    READ_PIPELINE(ResourceKind.PIPELINE, Verb.READ, "GET", "/namespaces/{namespace}/pipelines/{name}"),
    CREATE_PIPELINE(ResourceKind.PIPELINE, Verb.CREATE, "POST", "/namespaces/{namespace}/pipelines"),
    UPDATE_PIPELINE(ResourceKind.PIPELINE, Verb.UPDATE, "PUT", "/namespaces/{namespace}/pipelines/{name}"),
    DELETE_PIPELINE(ResourceKind.PIPELINE, Verb.DELETE, "DELETE", "/namespaces/{namespace}/pipelines/{name}"),
    /** The Models a pipeline uses; {@code {name}} is the pipeline. */
    LIST_PIPELINE_MODELS(ResourceKind.PIPELINE, null, "GET", "/namespaces/{namespace}/pipelines/{name}/models",
            Set.of(), Answer.OBJECT, ServerVersion.CORE_V2),

    READ_MODEL(ResourceKind.MODEL, Verb.READ, "GET", "/namespaces/{namespace}/models/{name}"),
    CREATE_MODEL(ResourceKind.MODEL, Verb.CREATE, "POST", "/namespaces/{namespace}/models"),
    UPDATE_MODEL(ResourceKind.MODEL, Verb.UPDATE, "PUT", "/namespaces/{namespace}/models/{name}"),
    DELETE_MODEL(ResourceKind.MODEL, Verb.DELETE, "DELETE", "/namespaces/{namespace}/models/{name}"),

    // {name} is the experiment's main pipeline, for all of these.
    READ_EXPERIMENT(ResourceKind.EXPERIMENT, Verb.READ, "GET", "/namespaces/{namespace}/pipelines/{name}/experiment"),
    CREATE_EXPERIMENT(ResourceKind.EXPERIMENT, Verb.CREATE, "POST",
            "/namespaces/{namespace}/pipelines/{name}/experiment"),
    UPDATE_EXPERIMENT(ResourceKind.EXPERIMENT, Verb.UPDATE, "PUT",
            "/namespaces/{namespace}/pipelines/{name}/experiment"),
    /** The one write without audit parameters in the API. */
    DELETE_EXPERIMENT(ResourceKind.EXPERIMENT, Verb.DELETE, "DELETE",
            "/namespaces/{namespace}/pipelines/{name}/experiment", Set.of(), Answer.IGNORED, ServerVersion.CORE_V2),
    /**
     * Starts a canary: the API creates the pipeline's experiment itself, with the candidate it finds by its labels
     * ({@code seldon.io/pipeline: <main>}, {@code seldon.io/experiment: canary}); the request names no candidate, only
     * its {@code weight} (0 to 100).
     */
    CREATE_CANARY(ResourceKind.EXPERIMENT, null, "POST",
            "/namespaces/{namespace}/pipelines/{name}/experiment/canary",
            Set.of("weight", "action", "message"), Answer.IGNORED, ServerVersion.CORE_V2),
    /** The canary replaces the main pipeline. */
    PROMOTE_CANARY(ResourceKind.EXPERIMENT, null, "PUT",
            "/namespaces/{namespace}/pipelines/{name}/experiment/canary",
            Set.of("action", "message"), Answer.IGNORED, ServerVersion.CORE_V2),
    REMOVE_CANARY(ResourceKind.EXPERIMENT, null, "DELETE",
            "/namespaces/{namespace}/pipelines/{name}/experiment/canary",
            Set.of("action", "message"), Answer.IGNORED, ServerVersion.CORE_V2),
    /** Like {@link #CREATE_CANARY}, for the pipeline labelled {@code seldon.io/experiment: shadow}; no weight. */
    CREATE_SHADOW(ResourceKind.EXPERIMENT, null, "POST",
            "/namespaces/{namespace}/pipelines/{name}/experiment/shadow",
            Set.of("action", "message"), Answer.IGNORED, ServerVersion.CORE_V2),
    PROMOTE_SHADOW(ResourceKind.EXPERIMENT, null, "PUT",
            "/namespaces/{namespace}/pipelines/{name}/experiment/shadow",
            Set.of("action", "message"), Answer.IGNORED, ServerVersion.CORE_V2),
    REMOVE_SHADOW(ResourceKind.EXPERIMENT, null, "DELETE",
            "/namespaces/{namespace}/pipelines/{name}/experiment/shadow",
            Set.of("action", "message"), Answer.IGNORED, ServerVersion.CORE_V2),

    USER(null, null, "GET", "/user", Set.of(), Answer.OBJECT, null),
    VERSION(null, null, "GET", "/version", Set.of(), Answer.OBJECT, null);

    /** The operations a kind may have; see {@link #of}. */
    public enum Verb {
        LIST,
        READ,
        CREATE,
        UPDATE,
        DELETE
    }

    /** What a successful answer holds. */
    public enum Answer {
        /** A JSON object. */
        OBJECT,
        /** A JSON array. */
        ARRAY,
        /** Untyped in the API (its {@code GenericResponse}): once the call succeeded, the body does not matter. */
        IGNORED
    }

    private final ResourceKind kind;
    private final Verb verb;
    private final String method;
    private final String pathTemplate;
    private final Set<String> queryParameters;
    private final Answer answer;
    private final ServerVersion since;

    /** A verb of a kind: writes carry the audit parameters, deletes answer nothing useful, Core v2 needs 2.0. */
    Endpoint(ResourceKind kind, Verb verb, String method, String pathTemplate) {
        this(kind, verb, method, pathTemplate, verb == Verb.CREATE || verb == Verb.UPDATE || verb == Verb.DELETE
                        ? Set.of("action", "message") : Set.of(), verb == Verb.DELETE ? Answer.IGNORED : Answer.OBJECT,
                kind.isCoreV2() ? ServerVersion.CORE_V2 : null);
    }

    Endpoint(ResourceKind kind, Verb verb, String method, String pathTemplate, Set<String> queryParameters,
            Answer answer, ServerVersion since) {
        this.kind = kind;
        this.verb = verb;
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.queryParameters = Set.copyOf(queryParameters);
        this.answer = answer;
        this.since = since;
    }

    /** The endpoint for {@code verb} of {@code kind}, or empty when the API has no such operation. */
    public static Optional<Endpoint> of(ResourceKind kind, Verb verb) {
        for (Endpoint e : values()) {
            if (e.kind == kind && e.verb == verb && verb != null) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The resource kind this endpoint serves, or {@code null} for endpoints about the server or the caller. */
    public ResourceKind kind() {
        return kind;
    }

    /** The verb of {@link #kind()} this endpoint is, or {@code null} for the other requests. */
    public Verb verb() {
        return verb;
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
        return queryParameters;
    }

    /** Whether this request carries the GitOps audit parameters {@code action} and {@code message}. */
    public boolean takesAudit() {
        return queryParameters.contains("action") && queryParameters.contains("message");
    }

    public Answer answer() {
        return answer;
    }

    /** The first server release that has this endpoint, or {@code null} when every supported release has it. */
    public ServerVersion since() {
        return since;
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
