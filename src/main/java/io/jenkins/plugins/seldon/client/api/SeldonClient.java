package io.jenkins.plugins.seldon.client.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.AnswerTooLargeException;
import io.jenkins.plugins.seldon.client.error.ApiException;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.client.error.InvalidRequestException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.client.error.UnsupportedRequestException;
import io.jenkins.plugins.seldon.client.error.UnsupportedVersionException;
import io.jenkins.plugins.seldon.client.http.Answer;
import io.jenkins.plugins.seldon.client.http.Futures;
import io.jenkins.plugins.seldon.client.http.HttpCalls;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.RetryPolicy;
import io.jenkins.plugins.seldon.client.http.Retrying;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The Seldon Enterprise Platform API for one server and one principal, on Jackson trees, for every
 * {@link ResourceKind}. A request that needs a newer server release than the server runs (Seldon Core v2 needs 2.0)
 * is refused with {@link UnsupportedVersionException} without being sent; the server's version is read once and
 * remembered for a while ({@link ServerVersions}). Every call can be abandoned: an interrupt of the calling thread
 * cancels the HTTP call. A 401, or a redirect to a login page, drops the token (or gateway session) and retries once
 * with a new one, since tokens can be revoked or expire early and gateway sessions end (not for a pre-issued token,
 * which is all there is: {@link RequestAuthenticator#renews()}). Reads are retried after answers and failures that
 * may pass (429, 502, 503, 504, broken or refused connections, timeouts), writes only when their connection was never
 * established; each retry is told to the {@link RetryListener}, and a call's time budget ({@link #withCallTimeout})
 * always wins over retries. Answers are parsed as they arrive, through the factory's size limit. Redirects are never
 * followed: behind a login gateway they mean the credentials were not accepted. Thread-safe.
 */
public final class SeldonClient {

    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    /** The canary and shadow requests have no body, but OkHttp sends none only with DELETE. */
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);
    private static final String WHAT = "the Seldon API";
    /** Who answers a request, for messages: the API, or the cluster's inference endpoint. */
    private static final String API = WHAT;
    private static final String INFERENCE = "the inference endpoint";
    private static final int MAX_SERVER_MESSAGE = 500;
    // Seldon reports a missing resource as a 500/424 from Kubernetes on some versions instead of a 404.
    private static final Pattern NOT_FOUND_MESSAGE = Pattern.compile("(?i)\\bnot found\\b");
    // Dex, oauth2-proxy, Keycloak (with and without its old /auth prefix) and generic login pages and authorization
    // endpoints: what gateways in front of Seldon redirect to.
    private static final Pattern LOGIN_PATH = Pattern.compile(
            "(?i)/dex(/|$)|/oauth2(/|$)|/auth/realms/|/realms/[^/]+/protocol/openid-connect/|/login|/signin|/sign_in"
                    + "|/authorize$");
    // Error answers are only read for their message and request id.
    private static final int MAX_ERROR_BODY = 64 * 1024;
    // What may pass when asked again: rate limiting, and a gateway that cannot reach the API for now. A 500 from
    // Seldon usually reports a real failure (or a missing resource), which asking again does not change.
    private static final Set<Integer> RETRIED_STATUSES = Set.of(429, 502, 503, 504);

    private final ServerSettings server;
    private final RequestAuthenticator auth;
    private final HttpClientFactory http;
    private final HttpUrl apiBase;
    private final ServerVersions versions;
    private final RetryListener retries;
    /** The time a call may take: as long as every attempt and wait can take, plus a token; or the caller's, if shorter. */
    private final Duration budget;
    /** The time one attempt may take ({@link HttpClientFactory#callTimeout}). */
    private final Duration attemptTimeout;

    /** A client for {@code server} that proves its identity with {@code auth}; cheap, one per build step is fine. */
    public SeldonClient(ServerSettings server, RequestAuthenticator auth, HttpClientFactory http) {
        this(server, auth, http, RetryListener.NONE);
    }

    /** @param retries told about each retry, e.g. to show it in the build log */
    public SeldonClient(ServerSettings server, RequestAuthenticator auth, HttpClientFactory http,
            RetryListener retries) {
        this(server, auth, http, ServerVersions.shared(), retries, null);
    }

    /** @param versions where the versions of servers are remembered; {@link ServerVersions#shared()} but in tests */
    public SeldonClient(ServerSettings server, RequestAuthenticator auth, HttpClientFactory http,
            ServerVersions versions) {
        this(server, auth, http, versions, RetryListener.NONE, null);
    }

    private SeldonClient(ServerSettings server, RequestAuthenticator auth, HttpClientFactory http,
            ServerVersions versions, RetryListener retries, Duration callTimeout) {
        this.server = Objects.requireNonNull(server, "server");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.http = Objects.requireNonNull(http, "http");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.retries = Objects.requireNonNull(retries, "retries");
        this.apiBase = HttpUrl.get(server.apiUrl().toString());
        // Once per client, not per call: Duration's multiplication goes through BigDecimal.
        this.attemptTimeout = HttpClientFactory.callTimeout(server.connectTimeout(), server.readTimeout());
        this.budget = budget(attemptTimeout, http.retries(), callTimeout);
    }

    /**
     * This client, with every call (token, attempts and the waits between them) limited to {@code timeout}; e.g. the
     * time a step has left. Without it, a call takes at most as long as its attempts can.
     */
    public SeldonClient withCallTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The call timeout must be positive: " + timeout);
        }
        return new SeldonClient(server, auth, http, versions, retries, timeout);
    }

    private static Duration budget(Duration attempt, RetryPolicy p, Duration callTimeout) {
        Duration attempts = attempt.plus(p.maxRetryAfter()).multipliedBy(p.maxAttempts()).plus(attempt);
        // A caller's limit only ever shortens a call; a longer one (even centuries) changes nothing.
        return callTimeout != null && callTimeout.compareTo(attempts) < 0 ? callTimeout : attempts;
    }

    /** The normalised API base URL, ending in {@value ServerSettings#API_PATH}. */
    public URI apiUrl() {
        return server.apiUrl();
    }

    /**
     * The {@code items} of the namespace's list of {@code kind} (empty when the server sends none), as the API sends
     * them: the items of Core v2 lists may have their metadata fields at the top level.
     *
     * @throws IllegalArgumentException when the API cannot list {@code kind} (Models, Experiments)
     */
    public ArrayNode list(ResourceKind kind, String namespace) throws IOException, InterruptedException {
        Target target = target(endpoint(kind, Endpoint.Verb.LIST), namespace, null, WriteAudit.NONE);
        return items(target, call(target, null));
    }

    /**
     * The {@code items} of the namespace's list of {@code kind}, each handed to a collector as it is parsed from the
     * answer: the list never exists as a whole unless the collector keeps it all, so a caller that keeps plain values
     * or a few fields of each item needs memory for what it keeps only.
     *
     * @param collector makes a new collector for each attempt (a retried read starts again)
     * @throws IllegalArgumentException when the API cannot list {@code kind} (Models, Experiments)
     */
    public <T> Listed<T> list(ResourceKind kind, String namespace, Supplier<? extends ItemCollector<T>> collector)
            throws IOException, InterruptedException {
        return streamed(target(endpoint(kind, Endpoint.Verb.LIST), namespace, null, WriteAudit.NONE), collector);
    }

    /**
     * Collects the items of a list as they are parsed, one at a time; see {@link #list(ResourceKind, String,
     * Supplier)}. Runs on the HTTP client's thread.
     */
    public interface ItemCollector<T> {
        /**
         * Reads one item: {@code parser} is at the item's first token, and must be left at its last (for an object,
         * its {@code END_OBJECT}), e.g. by {@link JsonParser#skipChildren()}.
         */
        void add(JsonParser parser) throws IOException;

        /** What was collected, once every item was read. */
        T result();
    }

    /**
     * A list as collected.
     *
     * @param items what the collector made of the items
     * @param received how many items the API sent
     * @param bytes the size of the answer's body
     */
    public record Listed<T>(T items, int received, long bytes) {}

    /**
     * Reads one resource.
     *
     * @param name for an {@link ResourceKind#EXPERIMENT}, the name of its main pipeline
     * @throws NotFoundException when the resource does not exist
     */
    public ObjectNode get(ResourceKind kind, String namespace, String name) throws IOException, InterruptedException {
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.READ), namespace, name, WriteAudit.NONE), null);
    }

    /**
     * Creates the resource as sent (a Kubernetes manifest); the API answers with the stored resource. An
     * {@link ResourceKind#EXPERIMENT} is created through its main pipeline, {@code spec.default}.
     *
     * @param audit recorded in the GitOps commit; {@code null} sends none
     */
    public ObjectNode create(ResourceKind kind, String namespace, ObjectNode resource, WriteAudit audit)
            throws IOException, InterruptedException {
        Endpoint endpoint = endpoint(kind, Endpoint.Verb.CREATE);
        String name = kind == ResourceKind.EXPERIMENT
                ? resource.path("spec").path("default").asText(null)
                : resource.path("metadata").path("name").asText(null);
        return (ObjectNode) call(target(endpoint, namespace, name, audit), body(resource));
    }

    /**
     * Replaces the whole resource; carry {@code metadata.resourceVersion} from a fresh read to detect concurrent
     * changes ({@link io.jenkins.plugins.seldon.client.error.ConflictException}).
     *
     * @param name for an {@link ResourceKind#EXPERIMENT}, the name of its main pipeline
     * @param audit recorded in the GitOps commit; {@code null} sends none
     */
    public ObjectNode update(ResourceKind kind, String namespace, String name, ObjectNode resource, WriteAudit audit)
            throws IOException, InterruptedException {
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.UPDATE), namespace, name, audit), body(resource));
    }

    /**
     * Deletes the resource.
     *
     * @param name for an {@link ResourceKind#EXPERIMENT}, the name of its main pipeline
     * @param audit recorded in the GitOps commit; {@code null} sends none. Never sent for an Experiment: the API
     *     takes no audit parameters there
     * @throws NotFoundException when the resource does not exist
     */
    public void delete(ResourceKind kind, String namespace, String name, WriteAudit audit)
            throws IOException, InterruptedException {
        call(target(endpoint(kind, Endpoint.Verb.DELETE), namespace, name, audit), null);
    }

    /**
     * Reads a resource without blocking the caller; for polling. The future fails with a {@link SeldonException}
     * ({@link NotFoundException} when absent). Cancelling it cancels the HTTP call.
     *
     * @param name for an {@link ResourceKind#EXPERIMENT}, the name of its main pipeline
     */
    public CompletableFuture<ObjectNode> getAsync(ResourceKind kind, String namespace, String name) {
        Target target;
        try {
            target = target(endpoint(kind, Endpoint.Verb.READ), namespace, name, WriteAudit.NONE);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return as(ObjectNode.class, send(target, null));
    }

    /**
     * The Models a pipeline uses ({@code GET .../pipelines/{name}/models}), the only way the API lists Models, each
     * handed to a collector as it is parsed (see {@link #list(ResourceKind, String, Supplier)}).
     *
     * @throws NotFoundException when the pipeline does not exist
     */
    public <T> Listed<T> pipelineModels(String namespace, String pipeline,
            Supplier<? extends ItemCollector<T>> collector) throws IOException, InterruptedException {
        return streamed(target(Endpoint.LIST_PIPELINE_MODELS, namespace, pipeline, WriteAudit.NONE), collector);
    }

    private <T> Listed<T> streamed(Target target, Supplier<? extends ItemCollector<T>> collector)
            throws IOException, InterruptedException {
        return await(target, null, (t, a) -> streamItems(t, a, collector.get()));
    }

    /**
     * Starts a canary for {@code mainPipeline} ({@link Endpoint#CREATE_CANARY}). The request names no candidate: the
     * API creates the pipeline's experiment with the one pipeline labelled {@code seldon.io/pipeline: <main>} and
     * {@code seldon.io/experiment: canary}.
     *
     * @param weight the candidate's share of the traffic, 0 to 100
     * @param audit recorded in the GitOps commit; {@code null} sends none
     * @throws IllegalArgumentException when {@code weight} is outside 0 to 100 (nothing is sent)
     */
    public void startCanary(String namespace, String mainPipeline, int weight, WriteAudit audit)
            throws IOException, InterruptedException {
        if (weight < 0 || weight > 100) {
            throw new IllegalArgumentException("The canary weight must be between 0 and 100, not " + weight);
        }
        call(target(Endpoint.CREATE_CANARY, namespace, mainPipeline, audit, Map.of("weight", String.valueOf(weight))),
                EMPTY);
    }

    /** The canary of {@code mainPipeline} replaces it ({@link Endpoint#PROMOTE_CANARY}). */
    public void promoteCanary(String namespace, String mainPipeline, WriteAudit audit)
            throws IOException, InterruptedException {
        call(target(Endpoint.PROMOTE_CANARY, namespace, mainPipeline, audit), EMPTY);
    }

    /** Ends the canary of {@code mainPipeline}, which then serves all traffic ({@link Endpoint#REMOVE_CANARY}). */
    public void removeCanary(String namespace, String mainPipeline, WriteAudit audit)
            throws IOException, InterruptedException {
        call(target(Endpoint.REMOVE_CANARY, namespace, mainPipeline, audit), null);
    }

    /**
     * Starts a shadow of {@code mainPipeline} ({@link Endpoint#CREATE_SHADOW}): like {@link #startCanary}, with the
     * pipeline labelled {@code seldon.io/experiment: shadow}, which receives a copy of the traffic.
     */
    public void startShadow(String namespace, String mainPipeline, WriteAudit audit)
            throws IOException, InterruptedException {
        call(target(Endpoint.CREATE_SHADOW, namespace, mainPipeline, audit), EMPTY);
    }

    /** The shadow of {@code mainPipeline} replaces it ({@link Endpoint#PROMOTE_SHADOW}). */
    public void promoteShadow(String namespace, String mainPipeline, WriteAudit audit)
            throws IOException, InterruptedException {
        call(target(Endpoint.PROMOTE_SHADOW, namespace, mainPipeline, audit), EMPTY);
    }

    /** Ends the shadow of {@code mainPipeline} ({@link Endpoint#REMOVE_SHADOW}). */
    public void removeShadow(String namespace, String mainPipeline, WriteAudit audit)
            throws IOException, InterruptedException {
        call(target(Endpoint.REMOVE_SHADOW, namespace, mainPipeline, audit), null);
    }

    /**
     * The Kubernetes resources behind a SeldonDeployment without blocking the caller: one element per component
     * (predictor, explainer...), each with its {@code deployments}, {@code pods} and {@code services} lists.
     */
    public CompletableFuture<ArrayNode> deploymentResourcesAsync(String namespace, String name) {
        Target target;
        try {
            target = target(Endpoint.LIST_SELDON_DEPLOYMENT_RESOURCES, namespace, name, WriteAudit.NONE);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return as(ArrayNode.class, send(target, null));
    }

    /** {@code GET /user}: who the API thinks the principal is; a cheap check of the credentials. */
    public ObjectNode user() throws IOException, InterruptedException {
        return (ObjectNode) call(target(Endpoint.USER, null, null, WriteAudit.NONE), null);
    }

    /** {@code GET /version}: the server's build version, read now (requests that need a release use a cache). */
    public ObjectNode version() throws IOException, InterruptedException {
        return (ObjectNode) call(target(Endpoint.VERSION, null, null, WriteAudit.NONE), null);
    }

    // ---- predictions --------------------------------------------------------------------------------------------

    /**
     * A SeldonDeployment's answer to a JSON payload ({@link Endpoint#PREDICT_SELDON_DEPLOYMENT}); the API passes it
     * to the deployment as it is, whatever protocol the deployment speaks. Never retried: a prediction may have side
     * effects (feedback, logging).
     *
     * @return the deployment's answer, a {@code NullNode} when it is empty
     */
    public JsonNode predict(String namespace, String deployment, JsonNode payload)
            throws IOException, InterruptedException {
        return call(target(Endpoint.PREDICT_SELDON_DEPLOYMENT, namespace, deployment, WriteAudit.NONE),
                body(payload));
    }

    /**
     * The answer to a payload sent as a file ({@link Endpoint#PREDICT_FILE_SELDON_DEPLOYMENT},
     * {@link Endpoint#PREDICT_FILE_PIPELINE}): the only way the API predicts with a Pipeline.
     *
     * @param kind {@link ResourceKind#SELDON_DEPLOYMENT} or {@link ResourceKind#PIPELINE}
     * @param file the payload, e.g. JSON; sent as the file {@code fileName}
     */
    public JsonNode predictFile(ResourceKind kind, String namespace, String name, byte[] file, String fileName)
            throws IOException, InterruptedException {
        Target target = target(endpoint(kind, Endpoint.Verb.PREDICT_FILE), namespace, name, WriteAudit.NONE);
        return call(target, multipart(Map.of("predictFile", new FilePart(fileName, file))));
    }

    /**
     * Sends a payload to the cluster's inference endpoint rather than the API: {@code POST
     * <inferenceUrl>/v2/models/<model>/infer} (the Open Inference Protocol) with the headers Seldon Core v2 routes by.
     * The request carries the same credentials, TLS settings and timeouts as the API's, and its failures are reported
     * the same way.
     *
     * @param inferenceUrl the server's configured inference base URL, e.g. {@code https://seldon.example.com}
     * @param model the model name in the path, e.g. the pipeline's name
     * @param headers e.g. {@code Seldon-Model: iris.pipeline} and {@code Host: models.inference.seldon}
     * @param subject names what is asked, for messages, e.g. {@code Pipeline 'iris' in namespace 'models'}
     */
    public JsonNode infer(URI inferenceUrl, String model, Map<String, String> headers, JsonNode payload,
            String subject) throws IOException, InterruptedException {
        HttpUrl base = HttpUrl.get(inferenceUrl.toString());
        String notSent = auth.notSentTo(inferenceUrl);
        if (notSent != null) {
            throw new UnsupportedRequestException(notSent);
        }
        if (model == null || model.isEmpty() || model.equals(".") || model.equals("..")) {
            throw new IllegalArgumentException("Invalid model: '" + model + "'");
        }
        HttpUrl url = base.newBuilder().addPathSegment("v2").addPathSegment("models").addPathSegment(model)
                .addPathSegment("infer").build();
        Target target = new Target(null, "POST", Endpoint.Answer.JSON, null, model, subject, url, INFERENCE,
                Map.copyOf(headers));
        return call(target, body(payload));
    }

    /**
     * Asks the server whether a SeldonDeployment manifest is valid ({@link Endpoint#VALIDATE_SELDON_DEPLOYMENT}),
     * without applying it: a GET with the manifest as its body, sent through
     * {@link HttpClientFactory#forBodyOnGet}.
     *
     * @return the server's {@code Message} ({@code code}, {@code message})
     * @throws io.jenkins.plugins.seldon.client.error.UnsupportedRequestException before sending, where that client
     *     cannot honour the server's TLS or proxy settings
     */
    public ObjectNode validate(String namespace, ObjectNode deployment) throws IOException, InterruptedException {
        return (ObjectNode) call(target(Endpoint.VALIDATE_SELDON_DEPLOYMENT, namespace, null, WriteAudit.NONE),
                body(deployment));
    }

    // ---- GitOps -------------------------------------------------------------------------------------------------

    /** {@code GET .../gitops-status}: whether and how the namespace is GitOps-managed; untyped in the API. */
    public JsonNode gitOpsStatus(String namespace) throws IOException, InterruptedException {
        return call(target(Endpoint.READ_GITOPS_STATUS, namespace, null, WriteAudit.NONE), null);
    }

    /**
     * The commits of a resource's GitOps history ({@code AuditLog}: {@code Hash}, {@code AuthorName},
     * {@code AuthorWhen}, {@code CommitterName}, {@code CommitterWhen}), as the server orders them.
     *
     * @param name for an {@link ResourceKind#EXPERIMENT}, the experiment's own name
     */
    public ArrayNode gitLog(ResourceKind kind, String namespace, String name) throws IOException, InterruptedException {
        return (ArrayNode) call(target(endpoint(kind, Endpoint.Verb.GIT_LOG), namespace, name, WriteAudit.NONE), null);
    }

    /**
     * What one commit changed in a resource ({@code FileDiff}; its {@code Diff} is HTML-escaped text).
     *
     * @param hash the commit; {@code null} for the server's choice (the latest)
     */
    public ObjectNode gitDiff(ResourceKind kind, String namespace, String name, String hash)
            throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("hash", hash);
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.GIT_DIFF), namespace, name, WriteAudit.NONE,
                query), null);
    }

    /**
     * Reverts the commit {@code hash} of a SeldonDeployment with a new commit ({@link
     * Endpoint#GIT_REVERT_SELDON_DEPLOYMENT}); the server's {@code Message}.
     */
    public ObjectNode gitRevert(String namespace, String deployment, String hash, WriteAudit audit)
            throws IOException, InterruptedException {
        return (ObjectNode) call(target(Endpoint.GIT_REVERT_SELDON_DEPLOYMENT, namespace, deployment, audit,
                Map.of("hash", hash)), EMPTY);
    }

    /**
     * Restores a SeldonDeployment to its state at the commit {@code hash}, with a new commit ({@link
     * Endpoint#GIT_RESTORE_SELDON_DEPLOYMENT}); the server's {@code Message}.
     */
    public ObjectNode gitRestore(String namespace, String deployment, String hash, WriteAudit audit)
            throws IOException, InterruptedException {
        return (ObjectNode) call(target(Endpoint.GIT_RESTORE_SELDON_DEPLOYMENT, namespace, deployment, audit,
                Map.of("hash", hash)), EMPTY);
    }

    // ---- batch jobs and load tests ------------------------------------------------------------------------------

    /**
     * Starts a batch job for a SeldonDeployment or Pipeline from a {@code BatchJobDefinition}.
     *
     * @return the {@code BatchJobPostResponse}: {@code workflowName}, {@code workflowUID}
     */
    public ObjectNode createBatchJob(ResourceKind kind, String namespace, String name, ObjectNode definition)
            throws IOException, InterruptedException {
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.CREATE_BATCH_JOB), namespace, name,
                WriteAudit.NONE), body(definition));
    }

    /**
     * A batch job without blocking the caller, for polling: its {@code BatchJobGetResponse} ({@code Definition},
     * {@code Description} with {@code workflowStatus}). Cancelling the future cancels the call.
     *
     * @param workflow the job's {@code workflowName}
     */
    public CompletableFuture<ObjectNode> batchJobAsync(ResourceKind kind, String namespace, String name,
            String workflow) {
        Target target;
        try {
            target = target(endpoint(kind, Endpoint.Verb.READ_BATCH_JOB), namespace, name, Map.of("jobName", workflow),
                    WriteAudit.NONE, Map.of());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return as(ObjectNode.class, send(target, null));
    }

    /** {@link #batchJobAsync}, waited for. */
    public ObjectNode batchJob(ResourceKind kind, String namespace, String name, String workflow)
            throws IOException, InterruptedException {
        return HttpCalls.await(batchJobAsync(kind, namespace, name, workflow), budget, WHAT);
    }

    /**
     * Starts a load test of a SeldonDeployment or Pipeline with {@code payload} as the request it repeats.
     *
     * @param fields any of {@code connectionsNumber}, {@code requestsNumber} and {@code duration} (seconds)
     * @return the server's {@code Message}
     */
    public ObjectNode createLoadTest(ResourceKind kind, String namespace, String name, byte[] payload,
            String fileName, Map<String, String> fields) throws IOException, InterruptedException {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("loadFile", new FilePart(fileName, payload));
        parts.putAll(fields);
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.CREATE_LOAD_TEST), namespace, name,
                WriteAudit.NONE), multipart(parts));
    }

    /** The load tests of a SeldonDeployment or Pipeline, as the API reports them: a {@code Message}. */
    public ObjectNode loadTests(ResourceKind kind, String namespace, String name)
            throws IOException, InterruptedException {
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.LIST_LOAD_TESTS), namespace, name,
                WriteAudit.NONE), null);
    }

    /** Deletes a load test job; the server's {@code Message}. */
    public ObjectNode deleteLoadTest(ResourceKind kind, String namespace, String name, String job)
            throws IOException, InterruptedException {
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.DELETE_LOAD_TEST), namespace, name,
                Map.of("jobName", job), WriteAudit.NONE, Map.of()), null);
    }

    // ---- monitors -----------------------------------------------------------------------------------------------

    /** The monitors of one type on a SeldonDeployment or Pipeline: an array of {@code DetectorData}. */
    public ArrayNode monitors(ResourceKind kind, String namespace, String name, Monitor monitor)
            throws IOException, InterruptedException {
        return (ArrayNode) call(target(endpoint(kind, Endpoint.Verb.LIST_MONITORS, monitor), namespace, name,
                WriteAudit.NONE), null);
    }

    /**
     * Creates a monitor from a {@code DetectorConfigData} ({@code name}, {@code config}).
     *
     * @return the created {@code DetectorData}
     */
    public ObjectNode createMonitor(ResourceKind kind, String namespace, String name, Monitor monitor,
            ObjectNode detector) throws IOException, InterruptedException {
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.CREATE_MONITOR, monitor), namespace, name,
                WriteAudit.NONE), body(detector));
    }

    /** Deletes a monitor by its name; the server's {@code Message}. */
    public ObjectNode deleteMonitor(ResourceKind kind, String namespace, String name, Monitor monitor,
            String detector) throws IOException, InterruptedException {
        return (ObjectNode) call(target(endpoint(kind, Endpoint.Verb.DELETE_MONITOR, monitor), namespace, name,
                Map.of("detectorName", detector), WriteAudit.NONE, Map.of()), null);
    }

    // ---- model metadata -----------------------------------------------------------------------------------------

    /**
     * One page of the model metadata records that match every given field ({@link Endpoint#LIST_MODEL_METADATA}).
     *
     * @param query any of the endpoint's query parameters ({@code URI}, {@code name}, {@code version},
     *     {@code artifactType}, {@code taskType}, {@code project}, {@code pageSize}, {@code pageToken}); null values
     *     are left out
     * @return the {@code v1ModelMetadataListResponse} ({@code models}, {@code nextPageToken}), or an empty object when
     *     the server answers none (HTTP 204)
     */
    public ObjectNode modelMetadata(Map<String, String> query) throws IOException, InterruptedException {
        Map<String, String> q = new LinkedHashMap<>(query);
        HttpUrl url = Endpoint.LIST_MODEL_METADATA.url(apiBase, Map.of(), q);
        JsonNode page = call(new Target(Endpoint.LIST_MODEL_METADATA, "GET", Endpoint.Answer.JSON, null, null, null,
                url, API, Map.of()), null);
        if (page instanceof ObjectNode object) {
            return object;
        }
        if (page.isNull()) {
            return Json.object();
        }
        throw new UnexpectedResponseException("The answer of " + WHAT + " to GET " + HttpCalls.withoutQuery(url)
                + " is not a JSON object.", 200, null);
    }

    /** Creates a model metadata record ({@code v1Model}; its {@code URI} is required). */
    public void createModelMetadata(ObjectNode model) throws IOException, InterruptedException {
        call(target(Endpoint.CREATE_MODEL_METADATA, null, null, WriteAudit.NONE), body(model));
    }

    /** Replaces the model metadata record of the model's {@code URI} and {@code project}. */
    public void updateModelMetadata(ObjectNode model) throws IOException, InterruptedException {
        call(target(Endpoint.UPDATE_MODEL_METADATA, null, null, WriteAudit.NONE), body(model));
    }

    // ---- any path -----------------------------------------------------------------------------------------------

    /**
     * Calls any path below the API base URL, for what the other methods do not cover, with the same credentials,
     * TLS settings, retries (reads only) and error reports. When the request is one of the {@link Endpoint}s, that
     * endpoint's release check applies and, if it takes them and the query has none, {@code audit} is sent as its
     * {@code action} and {@code message}.
     *
     * @param method GET, POST, PUT or DELETE
     * @param query parameters, each with one or more values
     * @param body sent as JSON; {@code null} for none (a GET's body is sent as {@link #validate} sends it)
     * @return the answer, a {@code NullNode} when it is empty
     */
    public JsonNode call(String method, ApiPath path, Map<String, List<String>> query, JsonNode body,
            WriteAudit audit) throws IOException, InterruptedException {
        if (!Set.of("GET", "POST", "PUT", "DELETE").contains(method)) {
            throw new IllegalArgumentException("The method must be GET, POST, PUT or DELETE, not " + method);
        }
        Endpoint endpoint = Endpoint.matching(method, path.segments()).orElse(null);
        HttpUrl.Builder url = path.url(apiBase).newBuilder();
        query.forEach((name, values) -> values.forEach(v -> url.addQueryParameter(name, v)));
        if (endpoint != null && endpoint.takesAudit() && audit != null && !query.containsKey("action")
                && !query.containsKey("message")) {
            if (audit.action() != null) {
                url.addQueryParameter("action", audit.action());
            }
            if (audit.message() != null) {
                url.addQueryParameter("message", audit.message());
            }
        }
        // What each segment of the endpoint's template stands for, so that failures name the resource as the named
        // requests do.
        Map<String, String> segments = new LinkedHashMap<>();
        if (endpoint != null) {
            String[] template = endpoint.pathTemplate().substring(1).split("/");
            for (int i = 0; i < template.length; i++) {
                segments.put(template[i], path.segments().get(i));
            }
        }
        String namespace = segments.get("{namespace}");
        String name = segments.get("{name}");
        Target target = new Target(endpoint, method, Endpoint.Answer.JSON, namespace, name, null, url.build(), API,
                Map.of());
        RequestBody requestBody = body == null ? (method.equals("POST") || method.equals("PUT") ? EMPTY : null)
                : body(body);
        return call(target, requestBody);
    }

    /** {@code call}'s answer as a {@code type}; cancelling the result cancels {@code call}. */
    private static <T extends JsonNode> CompletableFuture<T> as(Class<T> type, CompletableFuture<JsonNode> call) {
        return Futures.then(call, (r, e) -> e != null ? CompletableFuture.failedFuture(e)
                : CompletableFuture.completedFuture(type.cast(r)));
    }

    private static Endpoint endpoint(ResourceKind kind, Endpoint.Verb verb) {
        return endpoint(kind, verb, null);
    }

    private static Endpoint endpoint(ResourceKind kind, Endpoint.Verb verb, Monitor monitor) {
        return Endpoint.of(kind, verb, monitor).orElseThrow(() -> new IllegalArgumentException(
                "The Seldon API has no operation to " + verb.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " "
                        + kind.kind() + (verb == Endpoint.Verb.LIST ? "s" : "")
                        + (monitor == null ? "" : " (" + monitor.text() + ")")));
    }

    private static ArrayNode items(Target target, JsonNode list) throws SeldonException {
        JsonNode items = list.get("items");
        if (items == null || items.isNull()) {
            return Json.object().arrayNode();
        }
        if (!items.isArray()) {
            throw new UnexpectedResponseException("The list from " + WHAT + " has no items array (GET "
                    + HttpCalls.withoutQuery(target.url()) + ").", 200, null);
        }
        return (ArrayNode) items;
    }

    /**
     * Reads a list answer ({@code {"items": [...], ...}}) token by token, handing each item to {@code collector}; the
     * other fields are skipped.
     */
    private static <T> Listed<T> streamItems(Target target, Answer a, ItemCollector<T> collector) throws IOException {
        try (JsonParser p = Json.parser(a.body())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notJson(target, a, false);
            }
            int received = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean items = "items".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (items && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        collector.add(p);
                        received++;
                    }
                } else if (items && value != JsonToken.VALUE_NULL) {
                    throw new UnexpectedResponseException("The list from " + WHAT + " has no items array (GET "
                            + HttpCalls.withoutQuery(target.url()) + ").", 200, null);
                } else {
                    p.skipChildren();
                }
            }
            return new Listed<>(collector.result(), received, a.received());
        } catch (JsonProcessingException e) {
            throw notJson(target, a, false);
        }
    }

    private static UnexpectedResponseException notJson(Target target, Answer a, boolean array) {
        return new UnexpectedResponseException("The answer of " + target.service() + " to " + a.where()
                + " is not a JSON " + (array ? "array" : "object") + " (content type '" + a.contentType()
                + "'). Check the API URL.", a.status(), null);
    }

    /**
     * Checks, without sending anything but {@code GET /version} (and that only when the version is not known yet or
     * no longer fresh), that the server has {@code endpoint}.
     *
     * @throws UnsupportedVersionException when the server runs an older release than the endpoint needs
     */
    public void checkSupported(Endpoint endpoint) throws IOException, InterruptedException {
        HttpCalls.await(supported(endpoint, () -> endpoint.method() + " " + endpoint.pathTemplate()), budget, WHAT);
    }

    /**
     * Sends the request once the server is known to have its endpoint ({@link #supported}); cancelling the future
     * cancels whichever call is in flight.
     */
    private CompletableFuture<JsonNode> send(Target target, RequestBody body) {
        return send(target, body, this::tree, null);
    }

    /**
     * {@link #send(Target, RequestBody)}, the body of a successful answer read by {@code reader}.
     *
     * @param caller the thread that waits for the future, which then runs the first attempt itself when it can, or
     *     {@code null}
     */
    private <T> CompletableFuture<T> send(Target target, RequestBody body, BodyReader<T> reader, Thread caller) {
        CompletableFuture<Void> gate = target.endpoint() == null ? CompletableFuture.completedFuture(null)
                : supported(target.endpoint(),
                        () -> target.method() + " " + HttpCalls.withoutQuery(target.url()));
        return Futures.then(gate, (ok, refused) -> refused != null ? CompletableFuture.failedFuture(refused)
                : callAsync(target, body, reader, caller));
    }

    /** Sends the request and waits for the answer; an interrupt cancels the call. */
    private <T> T await(Target target, RequestBody body, BodyReader<T> reader)
            throws SeldonException, InterruptedException {
        return HttpCalls.await(send(target, body, reader, Thread.currentThread()), budget, target.service());
    }

    /**
     * Reads the body of a successful (2xx) answer that is not an HTML page, on the HTTP client's thread: as a tree
     * ({@link #tree}), or in the shape a caller keeps.
     */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(Target target, Answer answer) throws IOException;
    }

    /**
     * Completes when the server may have {@code endpoint}; fails with {@link UnsupportedVersionException} when it
     * runs an older release than {@link Endpoint#since()}. The version comes from {@link #versions}, read with
     * {@code GET /version} when it is not known or no longer fresh; an unknown version lets every request through, so
     * that the server decides. Cancelling the future cancels that read.
     *
     * @param request what is refused, for the message, e.g. {@code GET .../pipelines/iris}; only made for one
     */
    private CompletableFuture<Void> supported(Endpoint endpoint, Supplier<String> request) {
        ServerVersion needed = endpoint.since();
        if (needed == null) {
            return CompletableFuture.completedFuture(null);
        }
        ServerVersions.Known known = versions.lookup(server.apiUrl());
        if (known != null) {
            UnsupportedVersionException refused = refusal(endpoint, request, needed, known.version());
            return refused == null ? CompletableFuture.completedFuture(null) : CompletableFuture.failedFuture(refused);
        }
        CompletableFuture<JsonNode> read = callAsync(target(Endpoint.VERSION, null, null, WriteAudit.NONE), null,
                this::tree, null);
        return Futures.then(read, (answer, error) -> {
            ServerVersion version = answer == null ? null : ServerVersion.parse(answer.path("BuildVersion").asText(null));
            // The server answered (an error status too, e.g. a release without /version): remember it. A failure to
            // reach the server or to get a token says nothing about its version.
            if (error == null || error instanceof ApiException || error instanceof UnexpectedResponseException) {
                versions.store(server.apiUrl(), version);
            }
            UnsupportedVersionException refused = refusal(endpoint, request, needed, version);
            return refused != null ? CompletableFuture.failedFuture(refused) : CompletableFuture.completedFuture(null);
        });
    }

    /** Why the server cannot serve {@code endpoint}, or {@code null} when it can or its version is unknown. */
    private UnsupportedVersionException refusal(Endpoint endpoint, Supplier<String> request, ServerVersion needed,
            ServerVersion running) {
        if (running == null || running.isAtLeast(needed)) {
            return null;
        }
        String what = endpoint.kind() != null && endpoint.kind().isCoreV2() && needed.equals(ServerVersion.CORE_V2)
                ? "Seldon Core v2 resources (Pipelines, Models, Experiments) need"
                : endpoint.method() + " " + endpoint.pathTemplate() + " needs";
        return new UnsupportedVersionException(what + " Seldon Enterprise Platform " + needed + " or newer; the server"
                + " at " + server.apiUrl() + " runs " + running + ". Nothing was sent (" + request.get() + "); upgrade the"
                + " server to use this.", needed.toString(), running.toString());
    }

    /** Waits for the call; an interrupt cancels it. */
    private JsonNode call(Target target, RequestBody body) throws SeldonException, InterruptedException {
        return await(target, body, this::tree);
    }

    /**
     * The one way requests are sent, for blocking and non-blocking callers alike: the future completes with the
     * answer or a {@link SeldonException}, and cancelling it cancels the token request or HTTP call in progress.
     *
     * @param caller the thread that waits for the future, or {@code null}: when the first attempt starts on it with a
     *     token at hand, it sends the request itself ({@link HttpCalls#execute})
     */
    private <T> CompletableFuture<T> callAsync(Target target, RequestBody body, BodyReader<T> reader, Thread caller) {
        boolean write = target.write();
        OkHttpClient client;
        HttpClientFactory.BodyOnGetClient bodyOnGet = null;
        try {
            // Anything but a read may have changed something when the connection broke, so OkHttp never re-sends it.
            client = write ? http.forWrites(server.tls(), server.connectTimeout(), server.readTimeout())
                    : http.forServer(server.tls(), server.connectTimeout(), server.readTimeout());
            if (body != null && !write) {
                bodyOnGet = http.forBodyOnGet(target.url(), server.tls(), server.connectTimeout());
            }
        } catch (UnsupportedRequestException e) {
            return CompletableFuture.failedFuture(e);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new TlsException("Cannot call " + server.apiUrl() + ": "
                    + e.getMessage() + ". Check the CA certificates in the server's TLS settings.", e));
        }
        HttpClientFactory.BodyOnGetClient jdk = bodyOnGet;
        AtomicBoolean refreshed = new AtomicBoolean();
        // A token from the cache is at hand, and one from the provider is asked for without waiting: the first attempt
        // starts on the caller's thread, later ones on OkHttp's own executor.
        return Retrying.run(target.service(), target.method(), target.url(), http.retries(), budget,
                client.dispatcher().executorService(), retries,
                n -> Futures.then(auth.authenticateAsync(retries), (header, failure) -> {
                    if (failure != null) {
                        return CompletableFuture.failedFuture(failure);
                    }
                    Request request = request(target, header, body);
                    HttpCalls.AnswerReader<Reply<T>> replies = answer -> read(target, answer, reader);
                    CompletableFuture<Reply<T>> sent;
                    if (jdk != null) {
                        sent = HttpCalls.sendBodyOnGet(jdk, request, ((OneShotBody) body).bytes,
                                attemptTimeout, target.service(), http.limits().api(), replies);
                    } else if (Thread.currentThread() == caller && http.tryCallerSlot(request.url())) {
                        try {
                            sent = HttpCalls.execute(client, request, target.service(), http.limits().api(), budget,
                                    replies);
                        } finally {
                            http.releaseCallerSlot(request.url());
                        }
                    } else {
                        sent = HttpCalls.send(client, request, target.service(), http.limits().api(), replies);
                    }
                    return Futures.then(sent, (reply, e) -> e != null ? afterFailure(e, write)
                            : CompletableFuture.completedFuture(outcome(reply, header, write, refreshed)));
                }));
    }

    /**
     * What an attempt that got no answer came to: a failure worth another attempt, or the call's failure, passed on as
     * it is (an error of the reader too).
     */
    private static <T> CompletableFuture<Retrying.Outcome<T>> afterFailure(Throwable failure, boolean write) {
        // A write is only sent again when it never left: its connection was never established.
        return failure instanceof NetworkException n && (write ? n.neverSent() : n.mayPass())
                ? CompletableFuture.completedFuture(Retrying.Outcome.retry(n, n.shortReason(), null))
                : CompletableFuture.failedFuture(failure);
    }

    /** What an answered attempt came to: a result, a final failure, or a failure worth another attempt. */
    private <T> Retrying.Outcome<T> outcome(Reply<T> reply, AuthHeader header, boolean write, AtomicBoolean refreshed) {
        if (reply.status() == 401 || reply.login()) {
            // Also after the retry, so that the next call does not start with a token known to be refused. A gateway
            // sends a request whose session expired to its login page: a session authenticator then logs in again.
            auth.invalidate(header);
            if (auth.renews() && refreshed.compareAndSet(false, true)) {
                // The refused request changed nothing, so sending it again is safe for writes too.
                return Retrying.Outcome.again();
            }
        }
        if (reply.error() == null) {
            return Retrying.Outcome.done(reply.value());
        }
        if (!write && RETRIED_STATUSES.contains(reply.status())) {
            return Retrying.Outcome.retry(reply.error(), "answered HTTP " + reply.status(),
                    RetryPolicy.retryAfter(reply.retryAfter(), Instant.now()));
        }
        return Retrying.Outcome.failed(reply.error());
    }

    /**
     * An answer as read on OkHttp's thread: the value, or the error it means, and whether it was a redirect to a login
     * page.
     */
    private record Reply<T>(int status, T value, SeldonException error, String retryAfter, boolean login) {}

    private <T> Reply<T> read(Target target, Answer answer, BodyReader<T> reader) throws IOException {
        try {
            return new Reply<>(answer.status(), interpret(target, answer, reader), null, null, false);
        } catch (AnswerTooLargeException e) {
            throw e;
        } catch (SeldonException e) {
            return new Reply<>(answer.status(), null, e, answer.headers().get("Retry-After"), toLogin(answer));
        }
    }

    /** Whether the answer redirects to a login page: authentication required, or the session expired. */
    private static boolean toLogin(Answer a) {
        String location = a.status() >= 300 && a.status() < 400 ? HttpCalls.location(a) : null;
        return location != null && LOGIN_PATH.matcher(HttpUrl.get(location).encodedPath()).find();
    }

    /**
     * One request's method, URL and what its answer holds, checked when built. {@code endpoint} is the request's, or
     * the one a call of any path turned out to be, or {@code null}; {@code subject} names, in messages, the resource a
     * request without an endpoint is about (an inference), or is {@code null}: an endpoint's resource is named by
     * {@code namespace} and {@code name}; {@code service} names who answers, for messages; {@code headers} are sent
     * besides the usual ones.
     */
    private record Target(Endpoint endpoint, String method, Endpoint.Answer answer, String namespace, String name,
            String subject, HttpUrl url, String service, Map<String, String> headers) {

        /** The resource the request is about, for messages, or {@code null}; only made for one. */
        @Override
        public String subject() {
            return endpoint == null ? subject : SeldonClient.subject(endpoint, namespace, name);
        }

        /** Whether anything but a read: it may have changed something when its connection broke. */
        boolean write() {
            return !method.equals("GET");
        }
    }

    private Target target(Endpoint endpoint, String namespace, String name, WriteAudit audit) {
        return target(endpoint, namespace, name, audit, Map.of());
    }

    /** @param parameters query parameters besides the audit ones, e.g. a canary's {@code weight} */
    private Target target(Endpoint endpoint, String namespace, String name, WriteAudit audit,
            Map<String, String> parameters) {
        return target(endpoint, namespace, name, Map.of(), audit, parameters);
    }

    /** @param more path parameters besides the namespace and the name, e.g. a batch job's {@code jobName} */
    private Target target(Endpoint endpoint, String namespace, String name, Map<String, String> more,
            WriteAudit audit, Map<String, String> parameters) {
        Map<String, String> path = new LinkedHashMap<>(more);
        path.put("namespace", namespace);
        path.put("name", name);
        Map<String, String> query = new LinkedHashMap<>(parameters);
        if (audit != null && endpoint.takesAudit()) {
            query.put("action", audit.action());
            query.put("message", audit.message());
        }
        return new Target(endpoint, endpoint.method(), endpoint.answer(), namespace, name, null,
                endpoint.url(apiBase, path, query), API, Map.of());
    }

    private static String subject(Endpoint endpoint, String namespace, String name) {
        if (endpoint.kind() == null || name == null) {
            return null;
        }
        String where = "' in namespace '" + namespace + "'";
        if (endpoint == Endpoint.CREATE_EXPERIMENT || endpoint == Endpoint.CREATE_CANARY
                || endpoint == Endpoint.CREATE_SHADOW) {
            return "Pipeline '" + name + where; // what must exist for the experiment to be created there
        }
        if (endpoint.kind() == ResourceKind.EXPERIMENT) {
            return "The experiment of Pipeline '" + name + where;
        }
        return endpoint.kind().kind() + " '" + name + where;
    }

    private static RequestBody body(JsonNode resource) {
        Objects.requireNonNull(resource, "resource");
        String json;
        try {
            json = Json.write(resource);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The resource cannot be written as JSON", e);
        }
        return new OneShotBody(json);
    }

    /** A file of a multipart body. */
    private record FilePart(String fileName, byte[] content) {}

    /** A {@code multipart/form-data} body of files ({@link FilePart}) and text fields, in order. */
    private static RequestBody multipart(Map<String, ?> parts) {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
        parts.forEach((name, value) -> {
            if (value instanceof FilePart file) {
                b.addFormDataPart(name, file.fileName(), RequestBody.create(file.content(), JSON));
            } else {
                b.addFormDataPart(name, String.valueOf(value));
            }
        });
        return b.build();
    }

    private Request request(Target target, AuthHeader header, RequestBody body) {
        Request.Builder b = new Request.Builder()
                .url(target.url())
                // A GET's body goes through the JDK client, which takes it separately.
                .method(target.method(), target.method().equals("GET") ? null : body)
                .header("Accept", "application/json")
                .header(header.name(), header.value().reveal());
        if (body != null && target.method().equals("GET")) {
            b.header("Content-Type", JSON.toString());
        }
        target.headers().forEach(b::header);
        return b.build();
    }

    private <T> T interpret(Target target, Answer a, BodyReader<T> reader) throws IOException {
        int status = a.status();
        if (status >= 300 && status < 400) {
            String location = HttpCalls.location(a);
            boolean login = toLogin(a);
            throw new UnexpectedResponseException(HttpCalls.capitalise(target.service())
                    + " redirected " + a.where() + " (HTTP " + status + ") to "
                    + (location == null ? "nowhere" : location)
                    + (login
                            ? ": authentication required or session expired; the gateway in front of the API did not "
                                    + "accept the credentials of " + auth.describe() + "."
                            : target.service().equals(API)
                                    ? ". Check the API URL; it must point at the API itself, e.g. https://<host>"
                                            + ServerSettings.API_PATH + "."
                                    : ". Check the inference URL of the server's configuration."),
                    status, location);
        }
        boolean html = isHtml(a);
        if (status >= 200 && status < 300) {
            if (html) {
                throw new UnexpectedResponseException(HttpCalls.capitalise(target.service())
                        + " answered " + a.where() + " with an HTML page instead of JSON. Check the "
                        + (target.service().equals(API) ? "API" : "inference") + " URL, and whether "
                        + "a login page or proxy answers in its place.", status, null);
            }
            return reader.read(target, a);
        }
        throw error(target, a.where(), a, html);
    }

    /** A successful answer's body as a tree, of the shape {@link Target#answer()} says. */
    private JsonNode tree(Target target, Answer a) throws IOException {
        if (target.answer() == Endpoint.Answer.IGNORED) {
            // The spec's answer (GenericResponse) is untyped: once the call succeeded, its body does not matter.
            return Json.object();
        }
        if (target.answer() == Endpoint.Answer.JSON) {
            if (a.firstNonSpace() == -1) {
                return NullNode.getInstance();
            }
            JsonNode any = Json.parseOrNull(a.body());
            if (any == null) {
                throw new UnexpectedResponseException("The answer of " + target.service() + " to " + a.where()
                        + " is not JSON (content type '" + a.contentType() + "').", a.status(), null);
            }
            return any;
        }
        JsonNode node = Json.parseOrNull(a.body());
        boolean array = target.answer() == Endpoint.Answer.ARRAY;
        if (!(array ? node instanceof ArrayNode : node instanceof ObjectNode)) {
            throw notJson(target, a, array);
        }
        return node;
    }

    private SeldonException error(Target target, String where, Answer a, boolean html) throws IOException {
        int status = a.status();
        // An HTML page (a proxy's or gateway's) is named, never quoted; a text that is no JSON is quoted as it is.
        String text = html ? "" : a.text(MAX_ERROR_BODY);
        JsonNode body = Json.parseOrNull(text);
        String serverMessage = body != null ? serverMessage(body) : text.isBlank() ? null : text.strip();
        if (serverMessage != null && serverMessage.length() > MAX_SERVER_MESSAGE) {
            serverMessage = serverMessage.substring(0, MAX_SERVER_MESSAGE) + "...";
        }
        String requestId = body != null && body.path("requestId").isTextual() ? body.get("requestId").asText()
                : a.headers().get("X-Request-Id");
        String resource = target.subject();
        StringBuilder m = new StringBuilder();
        m.append(target.service().equals(API) ? "Seldon API" : "Seldon inference").append(" call ").append(where)
                .append(" failed: HTTP ").append(status).append(". ");
        Endpoint.Verb verb = target.endpoint() == null ? null : target.endpoint().verb();
        boolean absent = target.name() != null && (target.method().equals("GET") || verb == Endpoint.Verb.DELETE
                || verb == Endpoint.Verb.DELETE_LOAD_TEST || verb == Endpoint.Verb.DELETE_MONITOR);
        if (status == 404 && html) {
            m.append(target.service().equals(API)
                    ? "The server answered with an HTML page: check the API URL, it must point at the API itself, e.g. "
                            + "https://<host>" + ServerSettings.API_PATH + "."
                    : "The server answered with an HTML page: check the inference URL of the server's configuration.");
            return new UnexpectedResponseException(m.toString(), status, null);
        }
        if (status == 404 || (absent && (status == 500 || status == 424) && serverMessage != null
                && NOT_FOUND_MESSAGE.matcher(serverMessage).find())) {
            m.append(resource != null ? resource + " does not exist." : target.service().equals(API)
                    ? "Not found: check the API URL." : "Not found: check the inference URL and that the model or"
                            + " pipeline is deployed.");
            return new NotFoundException(details(m, serverMessage, requestId), status, serverMessage, requestId);
        }
        if (status == 401 || status == 403) {
            m.append(status == 401
                    ? "The API did not accept the token of " + auth.describe()
                            + (auth.renews() ? ", even after getting a new one. " : ". ") + auth.whenRefused()
                    : "The principal " + auth.describe() + " is not allowed to do this"
                            + (target.namespace() == null ? "." : " in namespace '" + target.namespace() + "'.")
                            + " Check its permissions in Seldon Enterprise Platform.");
            return new ApiAuthException(details(m, serverMessage, requestId), status, serverMessage, requestId);
        }
        if (status == 409) {
            m.append(resource != null ? resource : "The resource")
                    .append(" was changed by someone else, or already exists. Read it again and retry.");
            return new ConflictException(details(m, serverMessage, requestId), status, serverMessage, requestId);
        }
        if (status == 400 || status == 422) {
            // Only these requests send a manifest; the others send names, parameters or a payload.
            m.append(verb == Endpoint.Verb.CREATE || verb == Endpoint.Verb.UPDATE || verb == Endpoint.Verb.VALIDATE
                    ? "The API rejected the request as invalid; check the manifest."
                    : "The " + (target.service().equals(API) ? "API" : "inference endpoint")
                            + " rejected the request as invalid; check what was sent.");
            return new InvalidRequestException(details(m, serverMessage, requestId), status, serverMessage, requestId);
        }
        m.append(status >= 500 ? "The server failed" : "The server refused the request")
                .append(html ? " and answered with an HTML page (probably from a proxy or gateway)" : "")
                .append("; check the health of the Seldon Enterprise Platform installation.");
        return new ServerErrorException(details(m, serverMessage, requestId), status, serverMessage, requestId);
    }

    /**
     * The API's error bodies ({@code Error}, grpc-gateway's {@code rpcStatus}) say it in {@code message}; inference
     * servers of the Open Inference Protocol in {@code error}. Null when neither says anything.
     */
    private static String serverMessage(JsonNode body) {
        for (String field : new String[] {"message", "error"}) {
            JsonNode said = body.path(field);
            if (said.isTextual() && !said.asText().isBlank()) {
                return said.asText().strip();
            }
        }
        return null;
    }

    private static String details(StringBuilder m, String serverMessage, String requestId) {
        if (serverMessage != null) {
            m.append(" Server message: ").append(serverMessage);
        }
        if (requestId != null) {
            m.append(" (request id ").append(requestId).append(')');
        }
        return m.toString();
    }

    private static boolean isHtml(Answer a) throws IOException {
        String ct = a.contentType();
        if (ct.equals("text/html") || ct.equals("application/xhtml+xml")) {
            return true;
        }
        return !ct.contains("json") && a.firstNonSpace() == '<';
    }

    /** A JSON body that OkHttp must not send twice: a write may already have reached the server. */
    private static final class OneShotBody extends RequestBody {
        private final byte[] bytes;

        OneShotBody(String json) {
            this(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        OneShotBody(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public MediaType contentType() {
            return JSON;
        }

        @Override
        public long contentLength() {
            return bytes.length;
        }

        @Override
        public boolean isOneShot() {
            return true;
        }

        @Override
        public void writeTo(BufferedSink sink) throws IOException {
            sink.write(bytes);
        }
    }
}
