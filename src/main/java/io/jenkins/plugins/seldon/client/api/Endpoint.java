package io.jenkins.plugins.seldon.client.api;

import java.util.List;
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
 * canary and shadow requests act on that experiment; their answers are untyped. Only SeldonDeployments predict from
 * JSON, validate, and revert or restore a commit; Pipelines predict from a file only.
 *
 * <p>The one request outside this list is the administrator-enabled call of any path under the base URL
 * ({@link SeldonClient#call}), checked by {@link ApiPath} before it is sent.
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

    // Predictions. The API predicts with a JSON body only for SeldonDeployments; a Pipeline only from a file.
    /** The deployment's answer to a JSON payload (Seldon protocol or Open Inference Protocol); any JSON. */
    PREDICT_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.PREDICT, "POST",
            "/namespaces/{namespace}/seldondeployments/{name}/predict", Set.of(), Set.of(), Answer.JSON, null),
    /** As {@link #PREDICT_SELDON_DEPLOYMENT}, the payload sent as the multipart file {@code predictFile}. */
    PREDICT_FILE_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.PREDICT_FILE, "POST",
            "/namespaces/{namespace}/seldondeployments/{name}/predictfile", Set.of(), Set.of("predictFile"),
            Answer.JSON, null),
    PREDICT_FILE_PIPELINE(ResourceKind.PIPELINE, Verb.PREDICT_FILE, "POST",
            "/namespaces/{namespace}/pipelines/{name}/predictfile", Set.of(), Set.of("predictFile"), Answer.JSON,
            ServerVersion.CORE_V2),
    /**
     * Checks a SeldonDeployment manifest without applying it: a GET <em>with a body</em>, which OkHttp refuses to send,
     * so the client sends it with the JDK's HTTP client ({@link #sendsBodyWithGet()}).
     */
    VALIDATE_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.VALIDATE, "GET",
            "/namespaces/{namespace}/seldondeployments/validate", Set.of(), Set.of(), Answer.OBJECT, null),

    // GitOps. The status is untyped; a log is an array of AuditLog, a diff a FileDiff.
    READ_GITOPS_STATUS(null, null, "GET", "/namespaces/{namespace}/gitops-status", Set.of(), Set.of(), Answer.JSON,
            null),
    GIT_LOG_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.GIT_LOG, "GET",
            "/namespaces/{namespace}/seldondeployments/{name}/gitlogs", Set.of(), Set.of(), Answer.ARRAY, null),
    GIT_LOG_PIPELINE(ResourceKind.PIPELINE, Verb.GIT_LOG, "GET", "/namespaces/{namespace}/pipelines/{name}/gitlogs",
            Set.of(), Set.of(), Answer.ARRAY, ServerVersion.CORE_V2),
    GIT_LOG_MODEL(ResourceKind.MODEL, Verb.GIT_LOG, "GET", "/namespaces/{namespace}/models/{name}/gitlogs", Set.of(),
            Set.of(), Answer.ARRAY, ServerVersion.MINIMUM_SUPPORTED),
    /** Unlike the other Experiment requests, {@code {name}} is the experiment's own name. */
    GIT_LOG_EXPERIMENT(ResourceKind.EXPERIMENT, Verb.GIT_LOG, "GET",
            "/namespaces/{namespace}/experiments/{name}/gitlogs", Set.of(), Set.of(), Answer.ARRAY,
            ServerVersion.MINIMUM_SUPPORTED),
    GIT_DIFF_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.GIT_DIFF, "GET",
            "/namespaces/{namespace}/seldondeployments/{name}/gitdiff", Set.of("hash"), Set.of(), Answer.OBJECT, null),
    GIT_DIFF_PIPELINE(ResourceKind.PIPELINE, Verb.GIT_DIFF, "GET", "/namespaces/{namespace}/pipelines/{name}/gitdiff",
            Set.of("hash"), Set.of(), Answer.OBJECT, ServerVersion.CORE_V2),
    GIT_DIFF_MODEL(ResourceKind.MODEL, Verb.GIT_DIFF, "GET", "/namespaces/{namespace}/models/{name}/gitdiff",
            Set.of("hash"), Set.of(), Answer.OBJECT, ServerVersion.MINIMUM_SUPPORTED),
    /** {@code {name}} is the experiment's own name, as for {@link #GIT_LOG_EXPERIMENT}. */
    GIT_DIFF_EXPERIMENT(ResourceKind.EXPERIMENT, Verb.GIT_DIFF, "GET",
            "/namespaces/{namespace}/experiments/{name}/gitdiff", Set.of("hash"), Set.of(), Answer.OBJECT,
            ServerVersion.MINIMUM_SUPPORTED),
    /** A new commit that undoes the commit {@code hash}; POST from 2.1 on (GET before, which is not supported). */
    GIT_REVERT_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.GIT_REVERT, "POST",
            "/namespaces/{namespace}/seldondeployments/{name}/gitrevert", Set.of("hash", "action", "message"),
            Set.of(), Answer.OBJECT, ServerVersion.MINIMUM_SUPPORTED),
    /** A new commit that puts the deployment back in its state at the commit {@code hash}; POST from 2.1 on. */
    GIT_RESTORE_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.GIT_RESTORE, "POST",
            "/namespaces/{namespace}/seldondeployments/{name}/gitrestore", Set.of("hash", "action", "message"),
            Set.of(), Answer.OBJECT, ServerVersion.MINIMUM_SUPPORTED),

    // Batch jobs (Argo Workflows): created from a BatchJobDefinition, read by their workflow name.
    CREATE_BATCH_JOB_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.CREATE_BATCH_JOB, "POST",
            "/namespaces/{namespace}/seldondeployments/{name}/batchjobs", Set.of(), Set.of(), Answer.OBJECT, null),
    READ_BATCH_JOB_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.READ_BATCH_JOB, "GET",
            "/namespaces/{namespace}/seldondeployments/{name}/batchjobs/{jobName}", Set.of(), Set.of(), Answer.OBJECT,
            null),
    CREATE_BATCH_JOB_PIPELINE(ResourceKind.PIPELINE, Verb.CREATE_BATCH_JOB, "POST",
            "/namespaces/{namespace}/pipelines/{name}/batchjobs", Set.of(), Set.of(), Answer.OBJECT,
            ServerVersion.CORE_V2),
    READ_BATCH_JOB_PIPELINE(ResourceKind.PIPELINE, Verb.READ_BATCH_JOB, "GET",
            "/namespaces/{namespace}/pipelines/{name}/batchjobs/{jobName}", Set.of(), Set.of(), Answer.OBJECT,
            ServerVersion.CORE_V2),

    // Load tests: created from a payload file; the API answers each request with a Message only.
    CREATE_LOAD_TEST_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.CREATE_LOAD_TEST, "POST",
            "/namespaces/{namespace}/seldondeployments/{name}/loadtestjobs", Set.of(), Set.of("loadFile", "connectionsNumber", "requestsNumber", "duration"),
            Answer.OBJECT, null),
    LIST_LOAD_TESTS_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.LIST_LOAD_TESTS, "GET",
            "/namespaces/{namespace}/seldondeployments/{name}/loadtestjobs", Set.of(), Set.of(), Answer.OBJECT, null),
    DELETE_LOAD_TEST_SELDON_DEPLOYMENT(ResourceKind.SELDON_DEPLOYMENT, Verb.DELETE_LOAD_TEST, "DELETE",
            "/namespaces/{namespace}/seldondeployments/{name}/loadtestjobs/{jobName}", Set.of(), Set.of(),
            Answer.OBJECT, null),
    CREATE_LOAD_TEST_PIPELINE(ResourceKind.PIPELINE, Verb.CREATE_LOAD_TEST, "POST",
            "/namespaces/{namespace}/pipelines/{name}/loadtestjobs", Set.of(), Set.of("loadFile", "connectionsNumber", "requestsNumber", "duration"), Answer.OBJECT,
            ServerVersion.CORE_V2),
    LIST_LOAD_TESTS_PIPELINE(ResourceKind.PIPELINE, Verb.LIST_LOAD_TESTS, "GET",
            "/namespaces/{namespace}/pipelines/{name}/loadtestjobs", Set.of(), Set.of(), Answer.OBJECT,
            ServerVersion.CORE_V2),
    DELETE_LOAD_TEST_PIPELINE(ResourceKind.PIPELINE, Verb.DELETE_LOAD_TEST, "DELETE",
            "/namespaces/{namespace}/pipelines/{name}/loadtestjobs/{jobName}", Set.of(), Set.of(), Answer.OBJECT,
            ServerVersion.CORE_V2),

    // Monitors: the same three requests for each Monitor the kind supports.
    LIST_DRIFT_DETECTORS_SELDON_DEPLOYMENT(Monitor.DRIFT_DETECTOR, ResourceKind.SELDON_DEPLOYMENT, Verb.LIST_MONITORS),
    CREATE_DRIFT_DETECTOR_SELDON_DEPLOYMENT(Monitor.DRIFT_DETECTOR, ResourceKind.SELDON_DEPLOYMENT,
            Verb.CREATE_MONITOR),
    DELETE_DRIFT_DETECTOR_SELDON_DEPLOYMENT(Monitor.DRIFT_DETECTOR, ResourceKind.SELDON_DEPLOYMENT,
            Verb.DELETE_MONITOR),
    LIST_OUTLIER_DETECTORS_SELDON_DEPLOYMENT(Monitor.OUTLIER_DETECTOR, ResourceKind.SELDON_DEPLOYMENT,
            Verb.LIST_MONITORS),
    CREATE_OUTLIER_DETECTOR_SELDON_DEPLOYMENT(Monitor.OUTLIER_DETECTOR, ResourceKind.SELDON_DEPLOYMENT,
            Verb.CREATE_MONITOR),
    DELETE_OUTLIER_DETECTOR_SELDON_DEPLOYMENT(Monitor.OUTLIER_DETECTOR, ResourceKind.SELDON_DEPLOYMENT,
            Verb.DELETE_MONITOR),
    LIST_METRICS_SERVERS_SELDON_DEPLOYMENT(Monitor.METRICS_SERVER, ResourceKind.SELDON_DEPLOYMENT, Verb.LIST_MONITORS),
    CREATE_METRICS_SERVER_SELDON_DEPLOYMENT(Monitor.METRICS_SERVER, ResourceKind.SELDON_DEPLOYMENT,
            Verb.CREATE_MONITOR),
    DELETE_METRICS_SERVER_SELDON_DEPLOYMENT(Monitor.METRICS_SERVER, ResourceKind.SELDON_DEPLOYMENT,
            Verb.DELETE_MONITOR),
    LIST_DRIFT_DETECTORS_PIPELINE(Monitor.DRIFT_DETECTOR, ResourceKind.PIPELINE, Verb.LIST_MONITORS),
    CREATE_DRIFT_DETECTOR_PIPELINE(Monitor.DRIFT_DETECTOR, ResourceKind.PIPELINE, Verb.CREATE_MONITOR),
    DELETE_DRIFT_DETECTOR_PIPELINE(Monitor.DRIFT_DETECTOR, ResourceKind.PIPELINE, Verb.DELETE_MONITOR),
    LIST_OUTLIER_DETECTORS_PIPELINE(Monitor.OUTLIER_DETECTOR, ResourceKind.PIPELINE, Verb.LIST_MONITORS),
    CREATE_OUTLIER_DETECTOR_PIPELINE(Monitor.OUTLIER_DETECTOR, ResourceKind.PIPELINE, Verb.CREATE_MONITOR),
    DELETE_OUTLIER_DETECTOR_PIPELINE(Monitor.OUTLIER_DETECTOR, ResourceKind.PIPELINE, Verb.DELETE_MONITOR),

    // Model metadata (a grpc-gateway service): one record per URI and project.
    /** Records matching every given field; an empty answer (HTTP 204) when none does. */
    LIST_MODEL_METADATA(null, null, "GET", "/model/metadata",
            Set.of("URI", "name", "version", "artifactType", "taskType", "project", "pageSize", "pageToken"),
            Set.of(), Answer.JSON, null),
    CREATE_MODEL_METADATA(null, null, "POST", "/model/metadata", Set.of(), Set.of(), Answer.IGNORED, null),
    UPDATE_MODEL_METADATA(null, null, "PUT", "/model/metadata", Set.of(), Set.of(), Answer.IGNORED, null),

    USER(null, null, "GET", "/user", Set.of(), Set.of(), Answer.OBJECT, null),
    VERSION(null, null, "GET", "/version", Set.of(), Set.of(), Answer.OBJECT, null);

    /** The operations a kind may have; see {@link #of}. */
    public enum Verb {
        LIST,
        READ,
        CREATE,
        UPDATE,
        DELETE,
        PREDICT,
        PREDICT_FILE,
        VALIDATE,
        GIT_LOG,
        GIT_DIFF,
        GIT_REVERT,
        GIT_RESTORE,
        CREATE_BATCH_JOB,
        READ_BATCH_JOB,
        CREATE_LOAD_TEST,
        LIST_LOAD_TESTS,
        DELETE_LOAD_TEST,
        /** Of one {@link Monitor}; see {@link #of(ResourceKind, Verb, Monitor)}. */
        LIST_MONITORS,
        CREATE_MONITOR,
        DELETE_MONITOR
    }

    /** What a successful answer holds. */
    public enum Answer {
        /** A JSON object. */
        OBJECT,
        /** A JSON array. */
        ARRAY,
        /** Untyped in the API (its {@code GenericResponse}): once the call succeeded, the body does not matter. */
        IGNORED,
        /** Untyped and wanted: any JSON value, or nothing (an empty body, e.g. HTTP 204). */
        JSON
    }

    /** {@link #values()} without its copy per lookup: each call looks its endpoint up. */
    private static final Endpoint[] ALL = values();

    private final ResourceKind kind;
    private final Verb verb;
    private final Monitor monitor;
    private final String method;
    private final String pathTemplate;
    /** The template's segments, split once: each call builds its URL from them. */
    private final String[] segments;
    private final Set<String> queryParameters;
    private final Set<String> formFields;
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
        this(kind, verb, method, pathTemplate, queryParameters, Set.of(), answer, since);
    }

    /**
     * A request of one {@link Monitor} on a kind: {@code .../{plural}/{name}/monitor/<monitor>}, its list an array of
     * {@code DetectorData}, its create one {@code DetectorData}, its delete a {@code Message}.
     */
    Endpoint(Monitor monitor, ResourceKind kind, Verb verb) {
        this(kind, verb, monitor, switch (verb) {
            case LIST_MONITORS -> "GET";
            case CREATE_MONITOR -> "POST";
            default -> "DELETE";
        }, "/namespaces/{namespace}/" + (kind == ResourceKind.PIPELINE ? "pipelines" : "seldondeployments")
                + "/{name}/monitor/" + monitor.segment() + (verb == Verb.DELETE_MONITOR ? "/{detectorName}" : ""),
                Set.of(), Set.of(), verb == Verb.LIST_MONITORS ? Answer.ARRAY : Answer.OBJECT,
                kind.isCoreV2() ? ServerVersion.CORE_V2 : null);
    }

    /** @param formFields the fields of a {@code multipart/form-data} body, or none for a JSON body (or no body) */
    Endpoint(ResourceKind kind, Verb verb, String method, String pathTemplate, Set<String> queryParameters,
            Set<String> formFields, Answer answer, ServerVersion since) {
        this(kind, verb, null, method, pathTemplate, queryParameters, formFields, answer, since);
    }

    private Endpoint(ResourceKind kind, Verb verb, Monitor monitor, String method, String pathTemplate,
            Set<String> queryParameters, Set<String> formFields, Answer answer, ServerVersion since) {
        this.kind = kind;
        this.verb = verb;
        this.monitor = monitor;
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.segments = pathTemplate.substring(1).split("/");
        this.queryParameters = Set.copyOf(queryParameters);
        this.formFields = Set.copyOf(formFields);
        this.answer = answer;
        this.since = since;
    }

    /** The endpoint for {@code verb} of {@code kind}, or empty when the API has no such operation. */
    public static Optional<Endpoint> of(ResourceKind kind, Verb verb) {
        return of(kind, verb, null);
    }

    /**
     * The endpoint for {@code verb} of {@code kind} and, for the monitor verbs, {@code monitor}; empty when the API has
     * no such operation.
     */
    public static Optional<Endpoint> of(ResourceKind kind, Verb verb, Monitor monitor) {
        for (Endpoint e : ALL) {
            if (e.kind == kind && e.verb == verb && verb != null && e.monitor == monitor) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The endpoint a request of {@code method} on these path segments (below the base path, decoded) is, preferring
     * literal segments over placeholders as the API's router does (so {@code .../seldondeployments/validate} is
     * {@link #VALIDATE_SELDON_DEPLOYMENT}); empty when it is none of them.
     */
    public static Optional<Endpoint> matching(String method, List<String> segments) {
        Endpoint best = null;
        int bestLiterals = -1;
        for (Endpoint e : ALL) {
            String[] template = e.segments;
            if (!e.method.equals(method) || template.length != segments.size()) {
                continue;
            }
            int literals = 0;
            boolean matches = true;
            for (int i = 0; i < template.length && matches; i++) {
                if (!template[i].startsWith("{")) {
                    matches = template[i].equals(segments.get(i));
                    literals++;
                }
            }
            if (matches && literals > bestLiterals) {
                best = e;
                bestLiterals = literals;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The resource kind this endpoint serves, or {@code null} for endpoints about the server or the caller. */
    public ResourceKind kind() {
        return kind;
    }

    /** The verb of {@link #kind()} this endpoint is, or {@code null} for the other requests. */
    public Verb verb() {
        return verb;
    }

    /** For the monitor verbs, which monitor; otherwise {@code null}. */
    public Monitor monitor() {
        return monitor;
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

    /** The fields of its {@code multipart/form-data} body; empty when it sends JSON or nothing. */
    public Set<String> formFields() {
        return formFields;
    }

    /**
     * Whether the API takes this request's body with a GET, which OkHttp refuses to send: the client sends these with
     * the JDK's HTTP client ({@link io.jenkins.plugins.seldon.client.http.HttpClientFactory#forBodyOnGet}).
     */
    public boolean sendsBodyWithGet() {
        return this == VALIDATE_SELDON_DEPLOYMENT;
    }

    /** Whether this request carries the GitOps audit parameters {@code action} and {@code message}. */
    public boolean takesAudit() {
        return queryParameters.containsAll(Set.of("action", "message"));
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
        for (String segment : segments) {
            if (segment.startsWith("{")) {
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
