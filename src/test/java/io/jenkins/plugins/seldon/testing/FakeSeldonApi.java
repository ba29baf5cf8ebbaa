package io.jenkins.plugins.seldon.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jenkins.plugins.seldon.client.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful fake of the Seldon Enterprise Platform API v1alpha1 for SeldonDeployments (Seldon Core v1) and Pipelines,
 * Models and Experiments (Seldon Core v2), on the JDK's HTTP server at {@code 127.0.0.1} and a free port. Behaviour
 * follows the published spec and what the real server is known to do (see the project's API notes):
 * <ul>
 *   <li>every request needs {@code Authorization: Bearer <token>}, checked for real by a {@link TokenVerifier}
 *       (RS256 against the provider's keys, issuer, expiry); otherwise 401;</li>
 *   <li>the paths and methods of the spec, and only those (405 with {@code Allow} otherwise; there is no list of all
 *       Models): list, read, create (200, sets uid, resourceVersion, generation, creationTimestamp; 409 when it
 *       exists), update (409 when {@code metadata.resourceVersion} is stale; a missing one is accepted), delete
 *       ({@code {}}); the Models of a pipeline (those its steps name); the Kubernetes resources of a SeldonDeployment
 *       ({@link #podsFor}); {@code /user}; {@code /version} ({@link #serverVersion});</li>
 *   <li>request bodies must be Kubernetes manifests of the path's kind with {@code metadata.name} (400 otherwise);
 *       answers put metadata in {@code metadata}, except the items of Core v2 lists, which are flat as the spec's
 *       {@code Model} and {@code Pipeline} schemas say, and all Core v2 answers after {@link #flattenCoreV2Answers};</li>
 *   <li>an Experiment lives at {@code /pipelines/{main}/experiment} of its main pipeline, which must exist and be
 *       its {@code spec.default}; only {@code resourceType: pipeline} experiments can be created there. The canary and
 *       shadow requests work as Seldon's do ({@link #candidatePipeline}): a start creates the experiment from the
 *       candidate's labels, a promotion replaces the main pipeline's spec by the candidate's;</li>
 *   <li>SeldonDeployments are checked as Seldon Core v1's admission webhook does: unique predictor names, and the
 *       traffic of the predictors that are not shadows summing to 100; an available one lists the Service of each
 *       predictor in {@code status.serviceStatus};</li>
 *   <li>{@code status} changes only through reads: after each write the resource walks through a script of
 *       {@link StatusStep}s (default creating, then available), one step per read; a SeldonDeployment shows
 *       {@code status.state}, Core v2 kinds show the conditions their operator sets. After an update the previous
 *       status can stay visible for a few reads ({@link #staleReadsAfterUpdate}), as no operator sets
 *       {@code observedGeneration};</li>
 *   <li>GitOps namespaces: every accepted write is recorded as a commit ({@link #commits()}), an empty one too, as
 *       the real server does; a created resource reads as 404 until the change is "synced" (a number of reads), and
 *       a deleted one stays visible as long;</li>
 *   <li>errors are Seldon's {@code {"code","message","requestId"}}; the request id is also in {@value #REQUEST_ID_HEADER};</li>
 *   <li>every request (method, raw path, query parameter names, principal, token id) and every write (with its kind,
 *       {@code action} and {@code message}) is recorded for assertions;</li>
 *   <li>operating what is deployed: predictions (JSON, a file, and the inference gateway at {@value #INFERENCE_PATH}
 *       with its routing headers; {@link #predictionReply}), validation as a GET with a body (refusals are 500s), a
 *       GitOps history per resource with diffs, reverts of the latest commit and restores of any
 *       ({@link #gitHistory}; POST from 2.1, GET on 2.0), batch jobs walking through phases one per read
 *       ({@link #batchJobPhases}), load tests from multipart uploads, monitors, and model metadata (one record per
 *       URI and project, gRPC errors, an empty 204 when none matches).</li>
 * </ul>
 * Use with try-with-resources: {@code try (FakeSeldonApi api = FakeSeldonApi.start(verifier)) { ... api.apiUrl() ... }}.
 */
public final class FakeSeldonApi implements AutoCloseable {

    public static final String BASE_PATH = "/seldon-deploy/api/v1alpha1";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String API_VERSION = "machinelearning.seldon.io/v1";
    public static final String CORE_V2_API_VERSION = "mlops.seldon.io/v1alpha1";
    public static final String KIND = "SeldonDeployment";
    public static final String PIPELINE = "Pipeline";
    public static final String MODEL = "Model";
    public static final String EXPERIMENT = "Experiment";
    /** The labels by which a canary or shadow request finds the candidate pipeline. */
    public static final String PIPELINE_LABEL = "seldon.io/pipeline";
    public static final String EXPERIMENT_LABEL = "seldon.io/experiment";

    /** ObjectMeta fields, which the spec's Core v2 request schemas (and list items) put at the top level. */
    private static final List<String> OBJECT_META = List.of("name", "namespace", "labels", "annotations", "uid",
            "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds",
            "finalizers", "generateName", "managedFields", "ownerReferences", "selfLink");

    /** One request as the server saw it. {@code principal} and {@code tokenId} are null when authentication failed. */
    public record RecordedRequest(String method, String rawPath, Set<String> queryParameterNames, String principal,
                                  String tokenId, int status) {
    }

    /**
     * One accepted write; {@code body} is what the client sent (null for DELETE). {@code name} is the path's: for an
     * Experiment (and its canary and shadow) the main pipeline.
     */
    public record Write(String method, String kind, String namespace, String name, String action, String message,
                        String principal, JsonNode body) {
    }

    /** A commit the server made in a GitOps namespace for one write; {@code action} is "created", "updated"... */
    public record Commit(String kind, String namespace, String name, String action, String auditAction,
                         String message) {
    }

    /**
     * One step of a resource's status script. A SeldonDeployment shows {@code state} and {@code description}; a
     * Pipeline, Model or Experiment shows the conditions its operator would set for it (see {@link #available()},
     * {@link #failed} and {@link #scheduleFailed}).
     */
    public record StatusStep(String state, String description) {
        /** SeldonDeployment {@code Creating}; Core v2 conditions False while the scheduler works. */
        public static StatusStep creating() {
            return new StatusStep("Creating", "");
        }

        /** SeldonDeployment {@code Available}; Core v2 {@code Ready} True (Model: {@code ModelAvailable}). */
        public static StatusStep available() {
            return new StatusStep("Available", "");
        }

        /**
         * SeldonDeployment {@code Failed} with this description; Pipeline {@code PipelineFailed} (reason) with this
         * message; Model {@code ModelFailed} (message) with this reason; Experiment {@code ExperimentReady} False.
         */
        public static StatusStep failed(String description) {
            return new StatusStep("Failed", description);
        }

        /** Model: {@code ModelReady} False with message {@code ScheduleFailed} and this reason. */
        public static StatusStep scheduleFailed(String description) {
            return new StatusStep("ScheduleFailed", description);
        }
    }

    /** One container of a {@link Pod}: running and ready, or waiting or terminated with a reason and message. */
    public record Container(String name, boolean ready, String waitingReason, String terminatedReason, String message,
                            int restartCount) {
        public static Container running(String name) {
            return new Container(name, true, null, null, null, 0);
        }

        /** E.g. {@code ImagePullBackOff}, {@code CrashLoopBackOff}. */
        public static Container waiting(String name, String reason, String message, int restartCount) {
            return new Container(name, false, reason, null, message, restartCount);
        }

        /** E.g. {@code OOMKilled}, {@code Error}. */
        public static Container terminated(String name, String reason, String message, int restartCount) {
            return new Container(name, false, null, reason, message, restartCount);
        }
    }

    /** One pod behind a SeldonDeployment, as {@code .../resources} reports it. */
    public record Pod(String name, String component, String phase, List<Container> containers) {
        public Pod {
            containers = List.copyOf(containers);
        }

        public static Pod of(String name, String phase, Container... containers) {
            return new Pod(name, "predictor", phase, List.of(containers));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final TokenVerifier verifier;
    private final Clock clock;
    private final AtomicLong resourceVersions = new AtomicLong(1000);
    private final AtomicLong requestIds = new AtomicLong();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final List<Commit> commits = new CopyOnWriteArrayList<>();

    // Guarded by this. Resources are keyed "kind/namespace/name"; experiments by their main pipeline.
    private final Map<String, Stored> store = new HashMap<>();
    private final Map<String, Integer> gitOpsNamespaces = new HashMap<>();
    private final Map<String, Set<String>> namespaceRestrictions = new HashMap<>();
    private final Map<String, List<StatusStep>> nextWriteScripts = new HashMap<>();
    private final Map<String, List<Pod>> pods = new HashMap<>();
    private final Deque<Failure> injectedFailures = new ArrayDeque<>();
    private final Set<String> revokedTokens = new LinkedHashSet<>();
    private List<StatusStep> defaultScript = List.of(StatusStep.creating(), StatusStep.available());
    private int staleReadsAfterUpdate;
    private int notFoundStatus = 404;
    private String buildVersion = "2.4.0";
    private boolean flattenCoreV2;

    private FakeSeldonApi(TokenVerifier verifier) throws IOException {
        this.verifier = verifier;
        this.clock = verifier.clock();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        this.executor = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-seldon-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a fake that accepts tokens {@code verifier} accepts; its clock is also the fake's clock. */
    public static FakeSeldonApi start(TokenVerifier verifier) throws IOException {
        return new FakeSeldonApi(verifier);
    }

    /** {@code http://127.0.0.1:<port>}: what a user would type as the server URL. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The full API base URL, {@code http://127.0.0.1:<port>/seldon-deploy/api/v1alpha1}. */
    public URI apiUrl() {
        return URI.create(baseUrl() + BASE_PATH);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---- configuration -------------------------------------------------------------------------------------------

    /** The script every resource follows after a write unless {@link #scriptNextWrite} says otherwise. */
    public synchronized FakeSeldonApi defaultStatusScript(StatusStep... steps) {
        defaultScript = List.of(steps);
        return this;
    }

    /** The script SeldonDeployment {@code namespace/name} follows after its next create or update (once). */
    public FakeSeldonApi scriptNextWrite(String namespace, String name, StatusStep... steps) {
        return scriptNextWrite(KIND, namespace, name, steps);
    }

    /**
     * The script the resource of {@code kind} (e.g. {@link #PIPELINE}) follows after its next create or update
     * (once); an Experiment is named by its main pipeline.
     */
    public synchronized FakeSeldonApi scriptNextWrite(String kind, String namespace, String name, StatusStep... steps) {
        nextWriteScripts.put(key(kind, namespace, name), List.of(steps));
        return this;
    }

    /** Replaces what the next reads of SeldonDeployment {@code namespace/name} show, starting with the next read. */
    public FakeSeldonApi scriptReads(String namespace, String name, StatusStep... steps) {
        return scriptReads(KIND, namespace, name, steps);
    }

    /** Replaces what the next reads of an existing resource of {@code kind} show, starting with the next read. */
    public synchronized FakeSeldonApi scriptReads(String kind, String namespace, String name, StatusStep... steps) {
        Stored s = require(kind, namespace, name);
        s.pendingStatuses.clear();
        Collections.addAll(s.pendingStatuses, steps);
        return this;
    }

    /** After an update, this many reads still show the status of the previous generation. */
    public synchronized FakeSeldonApi staleReadsAfterUpdate(int reads) {
        staleReadsAfterUpdate = reads;
        return this;
    }

    /**
     * Writes in {@code namespace} are commits in git and reach the cluster only after {@code readsUntilSynced} reads
     * of the resource.
     */
    public synchronized FakeSeldonApi gitOpsNamespace(String namespace, int readsUntilSynced) {
        gitOpsNamespaces.put(namespace, readsUntilSynced);
        return this;
    }

    /** Only these principals ({@code preferred_username}, or a group) may use {@code namespace}; others get 403. */
    public synchronized FakeSeldonApi restrictNamespace(String namespace, String... allowedPrincipalsOrGroups) {
        namespaceRestrictions.put(namespace, Set.of(allowedPrincipalsOrGroups));
        return this;
    }

    /** Some installations answer a read of a missing resource with 500 "... not found" instead of 404. */
    public synchronized FakeSeldonApi notFoundStatus(int status) {
        notFoundStatus = status;
        return this;
    }

    /** The next authenticated API request fails with this status and Seldon error body (queued, once each). */
    public synchronized FakeSeldonApi failNextRequest(int status, String message) {
        injectedFailures.add(new Failure(status, message));
        return this;
    }

    /** Every token seen so far is rejected with 401 from now on, as after a server-side session revocation. */
    public synchronized FakeSeldonApi revokeTokensSeenSoFar() {
        for (RecordedRequest r : requests) {
            if (r.tokenId() != null) {
                revokedTokens.add(r.tokenId());
            }
        }
        return this;
    }

    /** What {@code /version} reports as {@code BuildVersion} (default {@code 2.4.0}); {@code null} answers 404. */
    public synchronized FakeSeldonApi serverVersion(String buildVersion) {
        this.buildVersion = buildVersion;
        return this;
    }

    /** Core v2 answers put the metadata fields at the top level, as the spec's request schemas do. */
    public synchronized FakeSeldonApi flattenCoreV2Answers(boolean flatten) {
        this.flattenCoreV2 = flatten;
        return this;
    }

    /** The pods {@code .../seldondeployments/{name}/resources} reports for SeldonDeployment {@code namespace/name}. */
    public synchronized FakeSeldonApi podsFor(String namespace, String name, Pod... podList) {
        pods.put(key(KIND, namespace, name), List.of(podList));
        return this;
    }

    /**
     * Stores {@code resource} (its {@code kind} says which collection) directly: no request, no record, status
     * available. An Experiment is stored under its {@code spec.default}.
     */
    public synchronized ObjectNode seed(String namespace, ObjectNode resource) {
        ObjectNode obj = resource.deepCopy();
        obj.remove("status");
        String kind = obj.path("kind").asText();
        String name = kind.equals(EXPERIMENT) ? obj.path("spec").path("default").asText()
                : obj.path("metadata").path("name").asText();
        Stored s = new Stored(kind, initialMetadata(obj, namespace));
        s.setStatus(StatusStep.available(), clock);
        store.put(key(kind, namespace, name), s);
        return s.view();
    }

    // ---- inspection ----------------------------------------------------------------------------------------------

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    /** The commits made in GitOps namespaces, one per accepted write. */
    public List<Commit> commits() {
        return List.copyOf(commits);
    }

    public void clearRecords() {
        requests.clear();
        writes.clear();
        commits.clear();
    }

    /** The SeldonDeployment as stored (including hidden GitOps state), with its current status, or null. */
    public ObjectNode stored(String namespace, String name) {
        return stored(KIND, namespace, name);
    }

    /** The resource of {@code kind} as stored (an Experiment by its main pipeline), or null. */
    public synchronized ObjectNode stored(String kind, String namespace, String name) {
        Stored s = store.get(key(kind, namespace, name));
        return s == null || s.deleted ? null : s.view();
    }

    /** A minimal valid SeldonDeployment manifest, for tests. */
    public static ObjectNode deployment(String name, String modelUri) {
        ObjectNode sd = Jwt.JSON.createObjectNode().put("apiVersion", API_VERSION).put("kind", KIND);
        sd.putObject("metadata").put("name", name);
        ObjectNode predictor = sd.putObject("spec").putArray("predictors").addObject().put("name", "default")
                .put("replicas", 1);
        predictor.putObject("graph").put("name", "classifier").put("implementation", "SKLEARN_SERVER")
                .put("modelUri", modelUri);
        return sd;
    }

    /** A minimal Core v2 Model manifest. */
    public static ObjectNode model(String name, String storageUri) {
        ObjectNode model = coreV2(MODEL, name);
        model.putObject("spec").put("storageUri", storageUri).putArray("requirements").add("sklearn");
        return model;
    }

    /** A Core v2 Pipeline manifest whose steps are the given models, in a chain. */
    public static ObjectNode pipeline(String name, String... models) {
        ObjectNode pipeline = coreV2(PIPELINE, name);
        ObjectNode spec = pipeline.putObject("spec");
        ArrayNode steps = spec.putArray("steps");
        String previous = null;
        for (String model : models) {
            ObjectNode step = steps.addObject().put("name", model);
            if (previous != null) {
                step.putArray("inputs").add(previous);
            }
            previous = model;
        }
        if (previous != null) {
            spec.putObject("output").putArray("steps").add(previous);
        }
        return pipeline;
    }

    /** A Core v2 Experiment on pipelines: {@code main} is the default, {@code candidate} gets {@code weight}%. */
    public static ObjectNode experiment(String name, String main, String candidate, int weight) {
        ObjectNode experiment = coreV2(EXPERIMENT, name);
        ObjectNode spec = experiment.putObject("spec").put("default", main).put("resourceType", "pipeline");
        ArrayNode candidates = spec.putArray("candidates");
        candidates.addObject().put("name", main).put("weight", 100 - weight);
        candidates.addObject().put("name", candidate).put("weight", weight);
        return experiment;
    }

    /** A candidate pipeline labelled as the {@code type} ({@code canary} or {@code shadow}) of {@code main}. */
    public static ObjectNode candidatePipeline(String name, String main, String type, String... models) {
        ObjectNode pipeline = pipeline(name, models);
        ((ObjectNode) pipeline.get("metadata")).putObject("labels").put(PIPELINE_LABEL, main)
                .put(EXPERIMENT_LABEL, type);
        return pipeline;
    }

    /** A Core v2 Experiment that mirrors the traffic of {@code main} to {@code shadow}. */
    public static ObjectNode shadowExperiment(String name, String main, String shadow) {
        ObjectNode experiment = coreV2(EXPERIMENT, name);
        ObjectNode spec = experiment.putObject("spec").put("default", main).put("resourceType", "pipeline");
        spec.putArray("candidates").addObject().put("name", main).put("weight", 100);
        spec.putObject("mirror").put("name", shadow).put("percent", 100);
        return experiment;
    }

    private static ObjectNode coreV2(String kind, String name) {
        ObjectNode resource = Jwt.JSON.createObjectNode().put("apiVersion", CORE_V2_API_VERSION).put("kind", kind);
        resource.putObject("metadata").put("name", name);
        return resource;
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private record Reply(int status, JsonNode body) {
    }

    private record Failure(int status, String message) {
    }

    /**
     * A request's place in the API: the kind, the namespace, the name ({@code null} for a collection; the main
     * pipeline for experiments) and what below the resource it addresses ({@code null}, "models", "resources",
     * "canary", "shadow").
     */
    private record Route(String kind, String namespace, String name, String sub, Set<String> methods) {
    }

    // The JDK server handles each exchange on one thread; its exchange attributes may be shared between exchanges.
    private static final ThreadLocal<TokenVerifier.Principal> PRINCIPAL = new ThreadLocal<>();

    private void handle(HttpExchange ex) throws IOException {
        String requestId = "fake-" + requestIds.incrementAndGet();
        Reply reply;
        TokenVerifier.Principal who;
        try {
            reply = route(ex, requestId);
        } catch (RuntimeException e) {
            reply = error(500, "internal error in the fake: " + e, requestId);
        } finally {
            who = PRINCIPAL.get();
            PRINCIPAL.remove();
        }
        URI uri = ex.getRequestURI();
        requests.add(new RecordedRequest(ex.getRequestMethod(), uri.getRawPath(), queryNames(uri.getRawQuery()),
                who == null ? null : who.id(), who == null ? null : who.tokenId(), reply.status()));
        byte[] body = Jwt.JSON.writeValueAsBytes(reply.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
        if (reply.status() == 401) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        try (OutputStream out = ex.getResponseBody()) {
            if (reply.status() == 204) {
                ex.sendResponseHeaders(204, -1); // No Content: no body at all
            } else {
                ex.sendResponseHeaders(reply.status(), body.length);
                out.write(body);
            }
        }
    }

    /** Where the spec routes the segments below the base path, or {@code null} for no operation there. */
    private static Route routeOf(List<String> seg) {
        if (seg.equals(List.of("user")) || seg.equals(List.of("version"))) {
            return new Route(null, null, null, seg.get(0), Set.of("GET"));
        }
        if (seg.size() < 3 || !seg.get(0).equals("namespaces")) {
            return null;
        }
        String ns = seg.get(1);
        String collection = seg.get(2);
        String name = seg.size() > 3 ? seg.get(3) : null;
        List<String> rest = seg.subList(Math.min(4, seg.size()), seg.size());
        switch (collection) {
            case "seldondeployments":
                if (name == null) {
                    return new Route(KIND, ns, null, null, Set.of("GET", "POST"));
                }
                if (rest.isEmpty()) {
                    return new Route(KIND, ns, name, null, Set.of("GET", "PUT", "DELETE"));
                }
                return rest.equals(List.of("resources")) ? new Route(KIND, ns, name, "resources", Set.of("GET")) : null;
            case "models":
                if (name == null) {
                    return new Route(MODEL, ns, null, null, Set.of("POST"));
                }
                return rest.isEmpty() ? new Route(MODEL, ns, name, null, Set.of("GET", "PUT", "DELETE")) : null;
            case "pipelines":
                if (name == null) {
                    return new Route(PIPELINE, ns, null, null, Set.of("GET", "POST"));
                }
                if (rest.isEmpty()) {
                    return new Route(PIPELINE, ns, name, null, Set.of("GET", "PUT", "DELETE"));
                }
                if (rest.equals(List.of("models"))) {
                    return new Route(PIPELINE, ns, name, "models", Set.of("GET"));
                }
                if (rest.equals(List.of("experiment"))) {
                    return new Route(EXPERIMENT, ns, name, null, Set.of("GET", "POST", "PUT", "DELETE"));
                }
                if (rest.size() == 2 && rest.get(0).equals("experiment")
                        && (rest.get(1).equals("canary") || rest.get(1).equals("shadow"))) {
                    return new Route(EXPERIMENT, ns, name, rest.get(1), Set.of("POST", "PUT", "DELETE"));
                }
                return null;
            default:
                return null;
        }
    }

    private Reply route(HttpExchange ex, String requestId) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        Route route;
        if (path.startsWith(INFERENCE_PATH)) {
            route = inferenceRoute(path);
        } else if (!path.startsWith(BASE_PATH + "/")) {
            return error(404, "path " + path + " was not found", requestId);
        } else {
            List<String> seg = segments(path);
            route = operateRoute(seg);
            if (route == null) {
                route = routeOf(seg);
            }
        }
        if (route == null) {
            return error(404, "path " + path + " was not found", requestId);
        }
        if (!route.methods().contains(method)) {
            ex.getResponseHeaders().set("Allow", String.join(",", new TreeSet<>(route.methods())));
            return error(405, "method " + method + " is not allowed, but [" + String.join(",", route.methods())
                    + "] are", requestId);
        }

        TokenVerifier.Principal principal;
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return error(401, "unauthorized: no bearer token", requestId);
        }
        try {
            principal = verifier.verify(auth.substring(7).trim());
        } catch (TokenVerifier.InvalidTokenException e) {
            return error(401, "unauthorized: " + e.getMessage(), requestId);
        }
        PRINCIPAL.set(principal);
        synchronized (this) {
            if (revokedTokens.contains(principal.tokenId())) {
                return error(401, "unauthorized: token revoked", requestId);
            }
            Failure failure = injectedFailures.poll();
            if (failure != null) {
                return error(failure.status(), failure.message(), requestId);
            }
            if (route.kind() == null && (route.sub().equals("user") || route.sub().equals("version"))) {
                return route.sub().equals("user") ? user(principal) : version(requestId);
            }
            String namespace = route.namespace();
            Set<String> restriction = namespaceRestrictions.get(namespace);
            if (restriction != null && !restriction.contains(principal.id())
                    && principal.groups().stream().noneMatch(restriction::contains)) {
                return error(403, "user " + principal.id() + " is not authorised to access namespace " + namespace,
                        requestId);
            }
            Map<String, String> query = LocalHttpServer.form(ex.getRequestURI().getRawQuery());
            Call call = new Call(route, method, query, principal, requestId);
            if (route.sub() != null && OPERATE.contains(route.sub())) {
                return operate(ex, call);
            }
            if (route.sub() != null) {
                return switch (route.sub()) {
                    case "resources" -> resources(call);
                    case "models" -> pipelineModels(call);
                    default -> experimentRequest(call);
                };
            }
            if (route.kind().equals(EXPERIMENT)) {
                return switch (method) {
                    case "GET" -> read(call);
                    case "POST" -> create(ex, call);
                    case "PUT" -> update(ex, call);
                    default -> delete(call);
                };
            }
            if (route.name() == null) {
                return method.equals("GET") ? list(call) : create(ex, call);
            }
            return switch (method) {
                case "GET" -> read(call);
                case "PUT" -> update(ex, call);
                default -> delete(call);
            };
        }
    }

    /** One authenticated request, for the operations below. */
    private record Call(Route route, String method, Map<String, String> query, TokenVerifier.Principal principal,
                        String requestId) {
        String kind() {
            return route.kind();
        }

        String namespace() {
            return route.namespace();
        }

        String name() {
            return route.name();
        }
    }

    // ---- operations (called with the monitor held) ---------------------------------------------------------------

    private static Reply user(TokenVerifier.Principal principal) {
        ObjectNode user = Jwt.JSON.createObjectNode().put("Id", principal.id()).put("Name", principal.name())
                .put("Email", principal.email());
        ArrayNode groups = user.putArray("Groups");
        principal.groups().forEach(groups::add);
        return new Reply(200, user);
    }

    private Reply version(String requestId) {
        if (buildVersion == null) {
            return error(404, "path /seldon-deploy/api/v1alpha1/version was not found", requestId);
        }
        return new Reply(200, Jwt.JSON.createObjectNode().put("BuildVersion", buildVersion)
                .put("BuildTime", "2024-12-18T00:00:00Z").put("GitBranch", "release")
                .put("GitCommit", "fake").put("GitStatus", "clean").put("ReleaseType", "fake"));
    }

    private Reply list(Call call) {
        String kind = call.kind();
        ObjectNode list = Jwt.JSON.createObjectNode()
                .put("apiVersion", kind.equals(KIND) ? API_VERSION : CORE_V2_API_VERSION).put("kind", kind + "List");
        list.putObject("metadata").put("resourceVersion", String.valueOf(resourceVersions.get()));
        ArrayNode items = list.putArray("items");
        String prefix = key(kind, call.namespace(), "");
        for (Map.Entry<String, Stored> e : new TreeMap<>(store).entrySet()) {
            if (e.getKey().startsWith(prefix) && e.getValue().visibleOnRead(clock)) {
                // The spec's list items are the flat request schemas for Core v2.
                items.add(kind.equals(KIND) ? e.getValue().view() : flat(e.getValue().view()));
            }
        }
        return new Reply(200, list);
    }

    private Reply pipelineModels(Call call) {
        Stored pipeline = store.get(key(PIPELINE, call.namespace(), call.name()));
        if (pipeline == null || !pipeline.visibleNow()) {
            return notFound(PIPELINE, call.name(), 404, call.requestId());
        }
        ObjectNode list = Jwt.JSON.createObjectNode().put("apiVersion", CORE_V2_API_VERSION).put("kind", "ModelList");
        ArrayNode items = list.putArray("items");
        Set<String> seen = new HashSet<>();
        for (JsonNode step : pipeline.object.path("spec").path("steps")) {
            String model = step.path("name").asText();
            Stored s = store.get(key(MODEL, call.namespace(), model));
            if (seen.add(model) && s != null && s.visibleOnRead(clock)) {
                items.add(flat(s.view()));
            }
        }
        return new Reply(200, list);
    }

    private Reply resources(Call call) {
        Stored sd = store.get(key(KIND, call.namespace(), call.name()));
        if (sd == null || !sd.visibleNow()) {
            return notFound(KIND, call.name(), notFoundStatus, call.requestId());
        }
        Map<String, ArrayNode> byComponent = new LinkedHashMap<>();
        for (Pod pod : pods.getOrDefault(key(KIND, call.namespace(), call.name()), List.of())) {
            byComponent.computeIfAbsent(pod.component(), c -> Jwt.JSON.createArrayNode()).add(podJson(pod));
        }
        ArrayNode components = Jwt.JSON.createArrayNode();
        for (Map.Entry<String, ArrayNode> e : byComponent.entrySet()) {
            ObjectNode component = components.addObject().put("component", e.getKey());
            component.putObject("deployments").putArray("items");
            component.putObject("pods").set("items", e.getValue());
            component.putObject("services").putArray("items");
        }
        return new Reply(200, components);
    }

    private static ObjectNode podJson(Pod pod) {
        ObjectNode p = Jwt.JSON.createObjectNode().put("apiVersion", "v1").put("kind", "Pod");
        p.putObject("metadata").put("name", pod.name());
        ObjectNode status = p.putObject("status").put("phase", pod.phase());
        boolean allReady = pod.containers().stream().allMatch(Container::ready);
        status.putArray("conditions").addObject().put("type", "Ready").put("status", allReady ? "True" : "False");
        ArrayNode statuses = status.putArray("containerStatuses");
        for (Container c : pod.containers()) {
            ObjectNode cs = statuses.addObject().put("name", c.name()).put("ready", c.ready())
                    .put("restartCount", c.restartCount());
            ObjectNode state = cs.putObject("state");
            if (c.waitingReason() != null) {
                ObjectNode waiting = state.putObject("waiting").put("reason", c.waitingReason());
                if (c.message() != null) {
                    waiting.put("message", c.message());
                }
            } else if (c.terminatedReason() != null) {
                ObjectNode terminated = state.putObject("terminated").put("reason", c.terminatedReason())
                        .put("exitCode", 1);
                if (c.message() != null) {
                    terminated.put("message", c.message());
                }
            } else {
                state.putObject("running").put("startedAt", "2026-01-01T00:00:00Z");
            }
        }
        return p;
    }

    /**
     * The canary and shadow requests on the experiment of a main pipeline, as Seldon does them: a start creates the
     * experiment with the one pipeline labelled for the main one ({@value #PIPELINE_LABEL}) and for the kind of
     * experiment ({@value #EXPERIMENT_LABEL}: {@code canary} or {@code shadow}); a promotion gives the main pipeline
     * the candidate's spec and removes the experiment and the candidate pipeline; a removal removes the experiment.
     * The name of the experiment a start creates ({@code <main>-canary}, {@code <main>-shadow}) is the fake's choice.
     */
    private Reply experimentRequest(Call call) {
        String type = call.route().sub();
        String namespace = call.namespace();
        String main = call.name();
        Stored mainPipeline = live(key(PIPELINE, namespace, main));
        if (mainPipeline == null) {
            return notFound(PIPELINE, main, 404, call.requestId());
        }
        String experimentKey = key(EXPERIMENT, namespace, main);
        Stored experiment = live(experimentKey);
        switch (call.method()) {
            case "POST" -> {
                int weight = 0;
                if (type.equals("canary")) {
                    String given = call.query().get("weight");
                    if (given == null) {
                        return error(400, "query parameter weight is required", call.requestId());
                    }
                    try {
                        weight = Integer.parseInt(given);
                    } catch (NumberFormatException e) {
                        return error(400, "weight in query must be of type int64: \"" + given + "\"", call.requestId());
                    }
                    if (weight < 0 || weight > 100) {
                        return error(400, "weight must be between 0 and 100", call.requestId());
                    }
                }
                if (experiment != null) {
                    return error(500, plural(EXPERIMENT) + " \"" + experiment.object.at("/metadata/name").asText()
                            + "\" already exists", call.requestId());
                }
                List<String> labelled = new ArrayList<>();
                for (Map.Entry<String, Stored> e : new TreeMap<>(store).entrySet()) {
                    JsonNode labels = e.getValue().object.path("metadata").path("labels");
                    if (e.getKey().startsWith(key(PIPELINE, namespace, "")) && !e.getValue().deleted
                            && labels.path(PIPELINE_LABEL).asText().equals(main)
                            && labels.path(EXPERIMENT_LABEL).asText().equals(type)) {
                        labelled.add(e.getValue().object.at("/metadata/name").asText());
                    }
                }
                if (labelled.size() != 1) {
                    return error(400, (labelled.isEmpty() ? "no pipeline" : "more than one pipeline") + " labelled "
                            + PIPELINE_LABEL + "=" + main + " and " + EXPERIMENT_LABEL + "=" + type + " in namespace "
                            + namespace, call.requestId());
                }
                ObjectNode created = type.equals("canary")
                        ? experiment(main + "-canary", main, labelled.get(0), weight)
                        : shadowExperiment(main + "-shadow", main, labelled.get(0));
                Stored s = new Stored(EXPERIMENT, initialMetadata(created, namespace));
                s.hiddenReads = gitOpsNamespaces.getOrDefault(namespace, 0);
                s.pendingStatuses.addAll(scriptFor(EXPERIMENT, namespace, main));
                store.put(experimentKey, s);
            }
            case "PUT", "DELETE" -> {
                if (experiment == null) {
                    return notFound(EXPERIMENT, main, 404, call.requestId());
                }
                String candidate = candidateOf(experiment.object, type);
                if (candidate == null) {
                    return error(400, "the experiment of pipeline " + main + " has no " + type, call.requestId());
                }
                if (call.method().equals("PUT")) {
                    Stored promoted = live(key(PIPELINE, namespace, candidate));
                    if (promoted == null) {
                        return notFound(PIPELINE, candidate, 404, call.requestId());
                    }
                    ObjectNode meta = (ObjectNode) mainPipeline.object.get("metadata");
                    if (!mainPipeline.object.path("spec").equals(promoted.object.path("spec"))) {
                        meta.put("generation", meta.path("generation").asLong(1) + 1);
                    }
                    mainPipeline.object.set("spec", promoted.object.path("spec").deepCopy());
                    meta.put("resourceVersion", String.valueOf(resourceVersions.incrementAndGet()));
                    mainPipeline.pendingStatuses.clear();
                    mainPipeline.pendingStatuses.addAll(scriptFor(PIPELINE, namespace, main));
                    remove(key(PIPELINE, namespace, candidate), namespace);
                }
                remove(experimentKey, namespace);
            }
            default -> throw new IllegalStateException(call.method());
        }
        recordWrite(call, main, null);
        return new Reply(200, Jwt.JSON.createObjectNode());
    }

    /** The candidate of a canary (the one that is not the default) or the mirror of a shadow, or null. */
    private static String candidateOf(ObjectNode experiment, String type) {
        JsonNode spec = experiment.path("spec");
        if (type.equals("shadow")) {
            return spec.path("mirror").path("name").asText(null);
        }
        for (JsonNode c : spec.path("candidates")) {
            if (!c.path("name").asText().equals(spec.path("default").asText())) {
                return c.path("name").asText();
            }
        }
        return null;
    }

    /** The resource under {@code key} unless absent or deleted. */
    private Stored live(String key) {
        Stored s = store.get(key);
        return s == null || s.deleted ? null : s;
    }

    /** Deletes the resource under {@code key}; in a GitOps namespace it stays visible until the deletion syncs. */
    private void remove(String key, String namespace) {
        Stored s = store.get(key);
        int delay = gitOpsNamespaces.getOrDefault(namespace, 0);
        if (delay > 0) {
            s.deleted = true;
            s.hiddenReads = 0;
            s.readsUntilGone = delay;
        } else {
            store.remove(key);
        }
    }

    private Reply read(Call call) {
        Stored s = store.get(key(call.kind(), call.namespace(), call.name()));
        if (s == null || !s.visibleOnRead(clock)) {
            return notFound(call.kind(), call.name(), call.kind().equals(EXPERIMENT) ? 404 : notFoundStatus,
                    call.requestId());
        }
        return new Reply(200, answer(s.view()));
    }

    private Reply create(HttpExchange ex, Call call) throws IOException {
        Object parsed = parseManifest(ex, call, null);
        if (parsed instanceof Reply bad) {
            return bad;
        }
        ObjectNode body = (ObjectNode) parsed;
        String name = call.kind().equals(EXPERIMENT) ? call.name() : body.path("metadata").path("name").asText();
        String key = key(call.kind(), call.namespace(), name);
        Stored existing = store.get(key);
        if (existing != null && !existing.deleted) {
            String message = plural(call.kind()) + " \"" + body.path("metadata").path("name").asText()
                    + "\" already exists";
            // The spec declares no 409 for creating an experiment: the Kubernetes conflict arrives as a server error.
            return error(call.kind().equals(EXPERIMENT) ? 500 : 409, message, call.requestId());
        }
        ObjectNode obj = body.deepCopy();
        obj.remove("status");
        Stored s = new Stored(call.kind(), initialMetadata(obj, call.namespace()));
        s.hiddenReads = gitOpsNamespaces.getOrDefault(call.namespace(), 0);
        s.pendingStatuses.addAll(scriptFor(call.kind(), call.namespace(), name));
        store.put(key, s);
        recordWrite(call, name, body);
        return new Reply(200, answer(s.object.deepCopy()));
    }

    private Reply update(HttpExchange ex, Call call) throws IOException {
        boolean experiment = call.kind().equals(EXPERIMENT);
        Object parsed = parseManifest(ex, call, experiment ? null : call.name());
        if (parsed instanceof Reply bad) {
            return bad;
        }
        ObjectNode body = (ObjectNode) parsed;
        Stored s = store.get(key(call.kind(), call.namespace(), call.name()));
        if (s == null || s.deleted) {
            return notFound(call.kind(), call.name(), 404, call.requestId());
        }
        ObjectNode meta = (ObjectNode) s.object.get("metadata");
        if (experiment && !meta.path("name").equals(body.path("metadata").path("name"))) {
            return error(400, "the experiment of pipeline " + call.name() + " is " + meta.path("name")
                    + ", not " + body.path("metadata").path("name"), call.requestId());
        }
        String sentVersion = body.path("metadata").path("resourceVersion").asText("");
        if (!sentVersion.isEmpty() && !sentVersion.equals(meta.path("resourceVersion").asText())) {
            return error(409, "Operation cannot be fulfilled on " + plural(call.kind()) + " \"" + call.name()
                    + "\": the object has been modified; please apply your changes to the latest version and try"
                    + " again", call.requestId());
        }
        ObjectNode obj = body.deepCopy();
        obj.remove("status");
        ObjectNode newMeta = metadata(obj);
        for (String kept : List.of("uid", "creationTimestamp", "namespace")) {
            newMeta.set(kept, meta.get(kept));
        }
        long generation = meta.path("generation").asLong(1);
        if (!obj.path("spec").equals(s.object.path("spec"))) {
            generation++; // Kubernetes bumps the generation only when the spec changes
        }
        newMeta.put("generation", generation);
        newMeta.put("resourceVersion", String.valueOf(resourceVersions.incrementAndGet()));
        s.object = obj;
        s.pendingStatuses.clear();
        if (s.step != null) {
            for (int i = 0; i < staleReadsAfterUpdate; i++) {
                s.pendingStatuses.add(s.step);
            }
        }
        s.pendingStatuses.addAll(scriptFor(call.kind(), call.namespace(), call.name()));
        recordWrite(call, call.name(), body);
        return new Reply(200, answer(s.view()));
    }

    private Reply delete(Call call) {
        String key = key(call.kind(), call.namespace(), call.name());
        Stored s = store.get(key);
        if (s == null || s.deleted) {
            return notFound(call.kind(), call.name(), 404, call.requestId());
        }
        remove(key, call.namespace());
        recordWrite(call, call.name(), null);
        return new Reply(200, Jwt.JSON.createObjectNode());
    }

    /** The body as an ObjectNode, or a 4xx {@link Reply} saying what is wrong with it. */
    private Object parseManifest(HttpExchange ex, Call call, String pathName) throws IOException {
        String requestId = call.requestId();
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            return error(415, "unsupported media type " + type + ", expected application/json", requestId);
        }
        JsonNode body;
        try (InputStream in = ex.getRequestBody()) {
            body = Jwt.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            return error(400, "parsing body from \"\" failed: " + e.getOriginalMessage(), requestId);
        }
        if (!(body instanceof ObjectNode obj)) {
            return error(400, "the body is required and must be an object", requestId);
        }
        String kind = call.kind();
        String group = kind.equals(KIND) ? "machinelearning.seldon.io/" : "mlops.seldon.io/";
        if (!kind.equals(obj.path("kind").asText()) || !obj.path("apiVersion").asText().startsWith(group)) {
            return error(400, "expected kind " + kind + " of " + group, requestId);
        }
        String name = obj.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            return error(400, "metadata.name: Required value: name is required", requestId);
        }
        if (pathName != null && !pathName.equals(name)) {
            return error(400, "the name of the object (" + name + ") does not match the name on the URL ("
                    + pathName + ")", requestId);
        }
        String ns = obj.path("metadata").path("namespace").asText("");
        if (!ns.isEmpty() && !ns.equals(call.namespace())) {
            return error(400, "the namespace of the provided object does not match the namespace sent on the request",
                    requestId);
        }
        if (kind.equals(KIND)) {
            String invalid = invalidPredictors(obj.path("spec").path("predictors"));
            if (invalid != null) {
                return error(400, "admission webhook rejected the SeldonDeployment: " + invalid, requestId);
            }
        }
        if (kind.equals(EXPERIMENT)) {
            if (!call.name().equals(obj.path("spec").path("default").asText())) {
                return error(400, "spec.default of the experiment must be the pipeline " + call.name(), requestId);
            }
            if (!obj.path("spec").path("resourceType").asText().equals("pipeline")) {
                return error(400, "only experiments on pipelines (resourceType: pipeline) can be managed here",
                        requestId);
            }
            Stored main = store.get(key(PIPELINE, call.namespace(), call.name()));
            if (main == null || main.deleted) {
                return notFound(PIPELINE, call.name(), 404, requestId);
            }
        }
        return obj;
    }

    /**
     * What Seldon Core v1's admission webhook refuses in the predictors: duplicate names, and traffic of the predictors
     * that are not shadows not summing to 100 when there are several; {@code null} when they are fine.
     */
    private static String invalidPredictors(JsonNode predictors) {
        Set<String> names = new HashSet<>();
        int serving = 0;
        int traffic = 0;
        for (JsonNode p : predictors) {
            if (!names.add(p.path("name").asText())) {
                return "duplicate predictor name " + p.path("name").asText();
            }
            if (!p.path("shadow").asBoolean(false)) {
                serving++;
                traffic += p.path("traffic").asInt(0);
            }
        }
        return serving > 1 && traffic != 100
                ? "the traffic of the " + serving + " predictors that are not shadows sums to " + traffic + ", not 100"
                : null;
    }

    private ObjectNode initialMetadata(ObjectNode obj, String namespace) {
        ObjectNode meta = metadata(obj);
        meta.put("namespace", namespace);
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("resourceVersion", String.valueOf(resourceVersions.incrementAndGet()));
        meta.put("generation", 1);
        meta.put("creationTimestamp", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        return obj;
    }

    private static ObjectNode metadata(ObjectNode obj) {
        return obj.get("metadata") instanceof ObjectNode m ? m : obj.putObject("metadata");
    }

    /** A Core v2 answer in the shape configured by {@link #flattenCoreV2Answers}. */
    private JsonNode answer(ObjectNode resource) {
        return flattenCoreV2 && !KIND.equals(resource.path("kind").asText()) ? flat(resource) : resource;
    }

    /** The metadata fields moved to the top level, as the spec's Core v2 request schemas have them. */
    private static ObjectNode flat(ObjectNode resource) {
        ObjectNode flat = resource.deepCopy();
        JsonNode meta = flat.remove("metadata");
        if (meta != null) {
            for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (OBJECT_META.contains(field.getKey())) {
                    flat.set(field.getKey(), field.getValue());
                }
            }
        }
        return flat;
    }

    private List<StatusStep> scriptFor(String kind, String namespace, String name) {
        List<StatusStep> once = nextWriteScripts.remove(key(kind, namespace, name));
        return once != null ? once : defaultScript;
    }

    /** @param name the written resource's name as the path has it (for a create, from the body) */
    private void recordWrite(Call call, String name, JsonNode body) {
        String action = call.query().get("action");
        String message = call.query().get("message");
        writes.add(new Write(call.method(), call.kind(), call.namespace(), name, action, message,
                call.principal().id(), body == null ? null : body.deepCopy()));
        if (gitOpsNamespaces.containsKey(call.namespace())) {
            String what = switch (call.method()) {
                case "POST" -> "created";
                case "PUT" -> "updated";
                default -> "deleted";
            };
            String kind = call.route().sub() == null ? call.kind() : call.kind() + " " + call.route().sub();
            commits.add(new Commit(kind, call.namespace(), name, what, action, message));
            gitCommit(call.kind(), call.namespace(), name, what, action, message, call.principal());
        }
    }

    private static String key(String kind, String namespace, String name) {
        return kind + "/" + namespace + "/" + name;
    }

    private Stored require(String kind, String namespace, String name) {
        Stored s = store.get(key(kind, namespace, name));
        if (s == null) {
            throw new IllegalArgumentException("no " + kind + " " + namespace + "/" + name);
        }
        return s;
    }

    private static String plural(String kind) {
        return switch (kind) {
            case KIND -> "seldondeployments.machinelearning.seldon.io";
            case PIPELINE -> "pipelines.mlops.seldon.io";
            case MODEL -> "models.mlops.seldon.io";
            default -> "experiments.mlops.seldon.io";
        };
    }

    private static Reply notFound(String kind, String name, int status, String requestId) {
        String message = kind.equals(EXPERIMENT) ? "no experiment found for pipeline \"" + name + "\""
                : plural(kind) + " \"" + name + "\" not found";
        return error(status, message, requestId);
    }

    private static Reply error(int status, String message, String requestId) {
        return new Reply(status, Jwt.JSON.createObjectNode().put("code", status).put("message", message)
                .put("requestId", requestId));
    }

    private static Set<String> queryNames(String rawQuery) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(LocalHttpServer.form(rawQuery).keySet()));
    }

    // ---- operating what is deployed: predictions, validation, GitOps history, batch jobs, load tests, monitors,
    // ---- model metadata ------------------------------------------------------------------------------------------

    /** Where the cluster's inference gateway answers, on the fake's own host (outside the API's base path). */
    public static final String INFERENCE_PATH = "/v2/models/";
    /** The phases a batch job goes through unless {@link #batchJobPhases} says otherwise, one per read. */
    public static final List<String> DEFAULT_BATCH_PHASES = List.of("Pending", "Running", "Succeeded");

    /** The routes this section serves, by their {@link Route#sub()}. */
    private static final Set<String> OPERATE = Set.of("predict", "predictfile", "infer", "validate", "gitops-status",
            "gitlogs", "gitdiff", "gitrevert", "gitrestore", "batchjobs", "loadtestjobs", "monitor", "model-metadata");

    /** A payload a deployment, pipeline or model received: through which route, and the headers Seldon routes by. */
    public record Prediction(String route, String kind, String namespace, String name, JsonNode payload,
                             String seldonModelHeader, String hostHeader) {
    }

    /**
     * A commit of the fake's GitOps history: the resource (an Experiment by its own name), what happened, the audit
     * metadata, and the resource as the commit left it ({@code null} when it deleted it).
     */
    public record GitCommit(String hash, String kind, String namespace, String name, String action,
                            String auditAction, String message, String author, String when, ObjectNode state) {
    }

    /** A load test job the fake was asked to start. */
    public record LoadTest(String kind, String namespace, String name, String job, JsonNode payload,
                           Map<String, String> fields) {
    }

    /** One batch job: the phases still to show, one per read. */
    private static final class BatchJob {
        final String kind;
        final String namespace;
        final String name;
        final String workflow;
        final String uid = UUID.randomUUID().toString();
        final ObjectNode definition;
        final Deque<String> upcoming;
        String phase = "";
        String startedAt = "";
        String finishedAt = "";

        BatchJob(String kind, String namespace, String name, String workflow, ObjectNode definition,
                List<String> phases) {
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
            this.workflow = workflow;
            this.definition = definition;
            this.upcoming = new ArrayDeque<>(phases);
        }
    }

    // Guarded by this.
    private final Map<String, JsonNode> replies = new HashMap<>();
    private final List<Prediction> predictions = new ArrayList<>();
    private final List<GitCommit> history = new ArrayList<>();
    private final List<ObjectNode> metadataRecords = new ArrayList<>();
    private final Map<String, BatchJob> batchJobs = new LinkedHashMap<>();
    private List<String> nextBatchPhases;
    private final Map<String, LoadTest> loadTests = new LinkedHashMap<>();
    private final Map<String, ObjectNode> monitors = new LinkedHashMap<>();
    private final AtomicLong jobNumbers = new AtomicLong();

    /**
     * What {@code kind} ({@link #KIND}, {@link #PIPELINE} or {@link #MODEL}) {@code namespace/name} answers to every
     * prediction, whichever route it comes through.
     */
    public synchronized FakeSeldonApi predictionReply(String kind, String namespace, String name, JsonNode reply) {
        replies.put(key(kind, namespace, name), reply.deepCopy());
        return this;
    }

    /** The phases the next batch job goes through, one per read (once); e.g. {@code "Running", "Failed"}. */
    public synchronized FakeSeldonApi batchJobPhases(String... phases) {
        nextBatchPhases = List.of(phases);
        return this;
    }

    /** Replaces the phases batch job {@code workflow} shows next, one per read; the last one stays. */
    public synchronized FakeSeldonApi scriptBatchJob(String workflow, String... phases) {
        BatchJob job = batchJobs.get(workflow);
        if (job == null) {
            throw new IllegalArgumentException("no batch job " + workflow);
        }
        job.upcoming.clear();
        Collections.addAll(job.upcoming, phases);
        return this;
    }

    /** The workflow names of the batch jobs started so far, in order. */
    public synchronized List<String> batchJobNames() {
        return List.copyOf(batchJobs.keySet());
    }

    /** Stores a model metadata record directly, as if registered earlier. */
    public synchronized FakeSeldonApi seedModelMetadata(ObjectNode record) {
        ObjectNode r = record.deepCopy();
        r.put("creationTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
        metadataRecords.add(r);
        return this;
    }

    public synchronized List<Prediction> predictions() {
        return List.copyOf(predictions);
    }

    /** The GitOps history of every GitOps namespace, oldest first. */
    public synchronized List<GitCommit> gitHistory() {
        return List.copyOf(history);
    }

    /** The hashes of the commits that changed a resource, newest first (an Experiment by its own name). */
    public synchronized List<String> commitHashes(String kind, String namespace, String name) {
        List<String> hashes = new ArrayList<>();
        for (GitCommit c : history) {
            if (c.kind().equals(kind) && c.namespace().equals(namespace) && c.name().equals(name)) {
                hashes.add(0, c.hash());
            }
        }
        return hashes;
    }

    public synchronized List<ObjectNode> modelMetadata() {
        return metadataRecords.stream().map(ObjectNode::deepCopy).toList();
    }

    /** The load test jobs that exist. */
    public synchronized List<LoadTest> loadTests() {
        return List.copyOf(loadTests.values());
    }

    /** The monitors of one type ({@code drift-detector}...) on a resource, by name. */
    public synchronized Map<String, ObjectNode> monitors(String kind, String namespace, String name, String type) {
        Map<String, ObjectNode> found = new TreeMap<>();
        String prefix = key(kind, namespace, name) + "/" + type + "/";
        monitors.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                found.put(k.substring(prefix.length()), v.deepCopy());
            }
        });
        return found;
    }

    private static List<String> segments(String rawPath) {
        List<String> seg = new ArrayList<>();
        for (String s : rawPath.substring(BASE_PATH.length() + 1).split("/", -1)) {
            seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
        }
        return seg;
    }

    private Route inferenceRoute(String rawPath) {
        String[] rest = rawPath.substring(INFERENCE_PATH.length()).split("/", -1);
        return rest.length == 2 && rest[1].equals("infer")
                ? new Route(null, null, URLDecoder.decode(rest[0], StandardCharsets.UTF_8), "infer", Set.of("POST"))
                : null;
    }

    /** The routes of this section, or null; the methods of GitOps reverts and restores follow the server version. */
    private synchronized Route operateRoute(List<String> seg) {
        if (seg.equals(List.of("model", "metadata"))) {
            return new Route(null, null, null, "model-metadata", Set.of("GET", "POST", "PUT"));
        }
        if (seg.size() < 3 || !seg.get(0).equals("namespaces")) {
            return null;
        }
        String ns = seg.get(1);
        if (seg.size() == 3 && seg.get(2).equals("gitops-status")) {
            return new Route(null, ns, null, "gitops-status", Set.of("GET"));
        }
        if (seg.size() == 4 && seg.get(2).equals("seldondeployments") && seg.get(3).equals("validate")) {
            return new Route(KIND, ns, null, "validate", Set.of("GET"));
        }
        if (seg.size() < 5) {
            return null;
        }
        String kind = switch (seg.get(2)) {
            case "seldondeployments" -> KIND;
            case "pipelines" -> PIPELINE;
            case "models" -> MODEL;
            case "experiments" -> EXPERIMENT;
            default -> null;
        };
        String name = seg.get(3);
        String sub = seg.get(4);
        boolean v21 = buildVersion == null || !buildVersion.startsWith("2.0");
        boolean deploymentOrPipeline = kind != null && (kind.equals(KIND) || kind.equals(PIPELINE));
        if (kind == null) {
            return null;
        }
        if (seg.size() == 5) {
            return switch (sub) {
                case "gitlogs", "gitdiff" -> (kind.equals(KIND) || kind.equals(PIPELINE) || v21)
                        ? new Route(kind, ns, name, sub, Set.of("GET")) : null;
                case "gitrevert", "gitrestore" -> kind.equals(KIND)
                        ? new Route(kind, ns, name, sub, Set.of(v21 ? "POST" : "GET")) : null;
                case "predict" -> kind.equals(KIND) ? new Route(kind, ns, name, sub, Set.of("POST")) : null;
                case "predictfile" -> deploymentOrPipeline ? new Route(kind, ns, name, sub, Set.of("POST")) : null;
                case "batchjobs" -> deploymentOrPipeline ? new Route(kind, ns, name, sub, Set.of("GET", "POST")) : null;
                case "loadtestjobs" -> deploymentOrPipeline ? new Route(kind, ns, name, sub, Set.of("GET", "POST"))
                        : null;
                default -> null;
            };
        }
        if (!deploymentOrPipeline) {
            return null;
        }
        if (seg.size() == 6 && sub.equals("batchjobs")) {
            return new Route(kind, ns, name, sub, Set.of("GET"));
        }
        if (seg.size() == 6 && sub.equals("loadtestjobs")) {
            return new Route(kind, ns, name, sub, Set.of("DELETE"));
        }
        if (sub.equals("monitor") && (seg.size() == 6 || seg.size() == 7)) {
            String type = seg.get(5);
            boolean known = type.equals("drift-detector") || type.equals("outlier-detector")
                    || (type.equals("metrics-server") && kind.equals(KIND));
            if (!known) {
                return null;
            }
            return new Route(kind, ns, name, sub, seg.size() == 6 ? Set.of("GET", "POST") : Set.of("GET", "DELETE"));
        }
        return null;
    }

    private Reply operate(HttpExchange ex, Call call) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        List<String> seg = path.startsWith(INFERENCE_PATH) ? List.of() : segments(path);
        return switch (call.route().sub()) {
            case "infer" -> infer(ex, call);
            case "predict", "predictfile" -> predict(ex, call);
            case "validate" -> validate(ex, call);
            case "gitops-status" -> new Reply(200, Jwt.JSON.createObjectNode()
                    .put("gitops", gitOpsNamespaces.containsKey(call.namespace()))
                    .put("namespace", call.namespace()));
            case "gitlogs" -> gitLogs(call);
            case "gitdiff" -> gitDiff(call);
            case "gitrevert", "gitrestore" -> gitRevertOrRestore(call);
            case "batchjobs" -> seg.size() == 6 ? readBatchJob(call, seg.get(5)) : call.method().equals("POST")
                    ? createBatchJob(ex, call) : error(405, "listing batch jobs is not faked", call.requestId());
            case "loadtestjobs" -> loadTestRequest(ex, call, seg.size() == 6 ? seg.get(5) : null);
            case "monitor" -> monitorRequest(ex, call, seg.get(5), seg.size() == 7 ? seg.get(6) : null);
            case "model-metadata" -> modelMetadataRequest(ex, call);
            default -> throw new IllegalStateException(call.route().sub());
        };
    }

    /** The live resource a request is about, or a 500 "not found" as the API's go-swagger side answers. */
    private Object target(Call call) {
        Stored s = live(key(call.kind(), call.namespace(), call.name()));
        return s != null ? s : error(500, plural(call.kind()) + " \"" + call.name() + "\" not found",
                call.requestId());
    }

    private Reply predict(HttpExchange ex, Call call) throws IOException {
        if (target(call) instanceof Reply missing) {
            return missing;
        }
        JsonNode payload;
        if (call.route().sub().equals("predictfile")) {
            Map<String, Part> parts = multipart(ex);
            Part file = parts.get("predictFile");
            if (file == null || file.fileName() == null) {
                return error(400, "predictFile in formData is required", call.requestId());
            }
            payload = Json.parseOrNull(file.text());
        } else {
            payload = jsonBody(ex);
        }
        if (payload == null) {
            return error(400, "the prediction must be JSON", call.requestId());
        }
        predictions.add(new Prediction(call.route().sub(), call.kind(), call.namespace(), call.name(), payload, null,
                null));
        return new Reply(200, reply(call.kind(), call.namespace(), call.name()));
    }

    /**
     * The inference gateway of Seldon Core v2: the model in the path, {@code Seldon-Model: <pipeline>.pipeline} (or a
     * model's name) and {@code Host: <namespace>.inference.seldon}; 404 when they name nothing deployed.
     */
    private Reply infer(HttpExchange ex, Call call) throws IOException {
        String seldonModel = ex.getRequestHeaders().getFirst("Seldon-Model");
        String host = ex.getRequestHeaders().getFirst("Host");
        String namespace = host != null && host.endsWith(".inference.seldon")
                ? host.substring(0, host.length() - ".inference.seldon".length()) : null;
        String kind = seldonModel != null && seldonModel.equals(call.name() + ".pipeline") ? PIPELINE
                : call.name().equals(seldonModel) ? MODEL : null;
        JsonNode payload = jsonBody(ex);
        if (kind == null || namespace == null || live(key(kind, namespace, call.name())) == null) {
            return new Reply(404, Jwt.JSON.createObjectNode().put("error", "model " + seldonModel + " not found"));
        }
        if (payload == null) {
            return new Reply(400, Jwt.JSON.createObjectNode().put("error", "the request must be JSON"));
        }
        predictions.add(new Prediction("infer", kind, namespace, call.name(), payload, seldonModel, host));
        return new Reply(200, reply(kind, namespace, call.name()));
    }

    private JsonNode reply(String kind, String namespace, String name) {
        JsonNode configured = replies.get(key(kind, namespace, name));
        if (configured != null) {
            return configured.deepCopy();
        }
        if (kind.equals(KIND)) {
            ObjectNode answer = Jwt.JSON.createObjectNode();
            answer.putObject("data").putArray("ndarray").addArray().add(0.1).add(0.2).add(0.7);
            answer.putObject("meta");
            return answer;
        }
        ObjectNode answer = Jwt.JSON.createObjectNode().put("model_name", name).put("id", "fake");
        answer.putArray("outputs").addObject().put("name", "predict").put("datatype", "INT64")
                .<ObjectNode>set("shape", Jwt.JSON.createArrayNode().add(1))
                .set("data", Jwt.JSON.createArrayNode().add(2));
        return answer;
    }

    /** As Seldon Core v1's admission webhook would: 200 for a valid manifest, 500 with its refusal otherwise. */
    private Reply validate(HttpExchange ex, Call call) throws IOException {
        Object parsed = parseManifest(ex, call, null);
        if (parsed instanceof Reply bad) {
            // The API declares no 4xx here: its refusals come as 500.
            return bad.status() == 400 ? error(500, "admission webhook \"v1.vseldondeployment.kb.io\" denied the"
                    + " request: " + bad.body().path("message").asText(), call.requestId()) : bad;
        }
        return new Reply(200, Jwt.JSON.createObjectNode().put("code", 200).put("message", "Seldon Deployment "
                + ((ObjectNode) parsed).at("/metadata/name").asText() + " is valid"));
    }

    /** Records a commit of a GitOps namespace, with the resource as the write left it. */
    private void gitCommit(String kind, String namespace, String pathName, String what, String action,
            String message, TokenVerifier.Principal principal) {
        Stored s = store.get(key(kind, namespace, pathName));
        String name = s == null ? pathName : s.object.path("metadata").path("name").asText(pathName);
        ObjectNode state = s == null || s.deleted ? null : s.object.deepCopy();
        String hash = sha1(history.size() + "/" + kind + "/" + namespace + "/" + name + "/" + what);
        history.add(new GitCommit(hash, kind, namespace, name, what, action, message, principal.name(),
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), state));
    }

    /** The commits of one resource, oldest first. */
    private List<GitCommit> historyOf(String kind, String namespace, String name) {
        return history.stream().filter(c -> c.kind().equals(kind) && c.namespace().equals(namespace)
                && c.name().equals(name)).toList();
    }

    private Reply notGitOps(Call call) {
        return error(500, "namespace " + call.namespace() + " is not managed by GitOps (no seldon.gitops label)",
                call.requestId());
    }

    private Reply gitLogs(Call call) {
        if (!gitOpsNamespaces.containsKey(call.namespace())) {
            return notGitOps(call);
        }
        ArrayNode logs = Jwt.JSON.createArrayNode();
        List<GitCommit> commits = new ArrayList<>(historyOf(call.kind(), call.namespace(), call.name()));
        Collections.reverse(commits);
        for (GitCommit c : commits) {
            logs.addObject().put("Hash", c.hash()).put("AuthorName", c.author()).put("AuthorWhen", c.when())
                    .put("CommitterName", "seldon-deploy").put("CommitterWhen", c.when());
        }
        return new Reply(200, logs);
    }

    private Reply gitDiff(Call call) {
        if (!gitOpsNamespaces.containsKey(call.namespace())) {
            return notGitOps(call);
        }
        List<GitCommit> commits = historyOf(call.kind(), call.namespace(), call.name());
        String hash = call.query().get("hash");
        int at = hash == null ? commits.size() - 1 : indexOf(commits, hash);
        if (at < 0) {
            return error(500, "reference not found: " + hash, call.requestId());
        }
        GitCommit commit = commits.get(at);
        ObjectNode before = at == 0 ? null : commits.get(at - 1).state();
        String from = pretty(before);
        String to = pretty(commit.state());
        StringBuilder diff = new StringBuilder();
        List<String> old = from.isEmpty() ? List.of() : List.of(from.split("\n"));
        List<String> now = to.isEmpty() ? List.of() : List.of(to.split("\n"));
        old.stream().filter(l -> !now.contains(l)).forEach(l -> diff.append("-").append(l).append('\n'));
        now.stream().filter(l -> !old.contains(l)).forEach(l -> diff.append("+").append(l).append('\n'));
        ObjectNode fileDiff = Jwt.JSON.createObjectNode()
                .put("CommitHash", commit.hash())
                .put("PrevCommitHash", at == 0 ? "" : commits.get(at - 1).hash())
                .put("FileName", call.namespace() + "/" + plural(call.kind()) + "/" + call.name() + ".json")
                .put("ChangeType", before == null ? "Insert" : commit.state() == null ? "Delete" : "Modify")
                .put("From", from).put("To", to)
                // HTML-escaped, as the API's FileDiff is.
                .put("Diff", diff.toString().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                        .replace("\"", "&#34;"))
                .put("GitHubUrl", "");
        return new Reply(200, fileDiff);
    }

    private static int indexOf(List<GitCommit> commits, String hash) {
        for (int i = 0; i < commits.size(); i++) {
            if (commits.get(i).hash().equals(hash)) {
                return i;
            }
        }
        return -1;
    }

    private static String pretty(ObjectNode state) {
        if (state == null) {
            return "";
        }
        try {
            return Jwt.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A revert undoes the commit {@code hash}, which must be the deployment's latest (the fake does not merge); a
     * restore brings back the deployment as the commit left it. Both are new commits, and the deployment's status
     * starts over as after an update.
     */
    private Reply gitRevertOrRestore(Call call) {
        if (!gitOpsNamespaces.containsKey(call.namespace())) {
            return notGitOps(call);
        }
        List<GitCommit> resourceCommits = historyOf(KIND, call.namespace(), call.name());
        String hash = call.query().get("hash");
        int at = hash == null ? resourceCommits.size() - 1 : indexOf(resourceCommits, hash);
        if (at < 0) {
            return error(500, "reference not found: " + hash, call.requestId());
        }
        boolean revert = call.route().sub().equals("gitrevert");
        ObjectNode state;
        if (revert) {
            if (at != resourceCommits.size() - 1) {
                return error(500, "cannot revert " + resourceCommits.get(at).hash() + ": later commits changed "
                        + plural(KIND) + " \"" + call.name() + "\"; restore a commit instead", call.requestId());
            }
            state = at == 0 ? null : resourceCommits.get(at - 1).state();
        } else {
            state = resourceCommits.get(at).state();
            if (state == null) {
                return error(500, "cannot restore " + resourceCommits.get(at).hash() + ": " + plural(KIND) + " \""
                        + call.name() + "\" did not exist after it", call.requestId());
            }
        }
        String storeKey = key(KIND, call.namespace(), call.name());
        Stored s = live(storeKey);
        if (state == null) {
            if (s != null) {
                store.remove(storeKey);
            }
        } else if (s == null) {
            ObjectNode obj = state.deepCopy();
            Stored created = new Stored(KIND, initialMetadata(obj, call.namespace()));
            created.pendingStatuses.addAll(scriptFor(KIND, call.namespace(), call.name()));
            store.put(storeKey, created);
        } else {
            ObjectNode meta = (ObjectNode) s.object.get("metadata");
            ObjectNode obj = state.deepCopy();
            ObjectNode newMeta = metadata(obj);
            for (String kept : List.of("uid", "creationTimestamp", "namespace")) {
                newMeta.set(kept, meta.get(kept));
            }
            long generation = meta.path("generation").asLong(1);
            newMeta.put("generation", obj.path("spec").equals(s.object.path("spec")) ? generation : generation + 1);
            newMeta.put("resourceVersion", String.valueOf(resourceVersions.incrementAndGet()));
            s.object = obj;
            s.pendingStatuses.clear();
            s.pendingStatuses.addAll(scriptFor(KIND, call.namespace(), call.name()));
        }
        String what = revert ? "reverted" : "restored";
        String target = resourceCommits.get(at).hash();
        writes.add(new Write(call.method(), KIND, call.namespace(), call.name(), call.query().get("action"),
                call.query().get("message"), call.principal().id(), null));
        this.commits.add(new Commit(KIND + " " + call.route().sub(), call.namespace(), call.name(), what,
                call.query().get("action"), call.query().get("message")));
        gitCommit(KIND, call.namespace(), call.name(), what, call.query().get("action"), call.query().get("message"),
                call.principal());
        return new Reply(200, Jwt.JSON.createObjectNode().put("code", 200).put("message", what + " " + target));
    }

    private Reply createBatchJob(HttpExchange ex, Call call) throws IOException {
        if (target(call) instanceof Reply missing) {
            return missing;
        }
        JsonNode body = jsonBody(ex);
        if (!(body instanceof ObjectNode definition)) {
            return error(400, "the workflow (a BatchJobDefinition) is required and must be an object",
                    call.requestId());
        }
        String workflow = "seldon-batch-process-" + jobNumbers.incrementAndGet();
        List<String> phases = nextBatchPhases != null ? nextBatchPhases : DEFAULT_BATCH_PHASES;
        nextBatchPhases = null;
        BatchJob job = new BatchJob(call.kind(), call.namespace(), call.name(), workflow, definition.deepCopy(),
                phases);
        batchJobs.put(workflow, job);
        writes.add(new Write("POST", call.kind() + " batchjob", call.namespace(), call.name(), null, null,
                call.principal().id(), definition.deepCopy()));
        return new Reply(200, Jwt.JSON.createObjectNode().put("workflowName", workflow).put("workflowUID", job.uid));
    }

    private Reply readBatchJob(Call call, String workflow) {
        BatchJob job = batchJobs.get(workflow);
        if (job == null || !job.kind.equals(call.kind()) || !job.namespace.equals(call.namespace())
                || !job.name.equals(call.name())) {
            return error(500, "workflows.argoproj.io \"" + workflow + "\" not found", call.requestId());
        }
        String next = job.upcoming.poll();
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        if (next != null) {
            job.phase = next;
            if (job.startedAt.isEmpty() && !next.equals("Pending")) {
                job.startedAt = now;
            }
            if (Set.of("Succeeded", "Failed", "Error").contains(next)) {
                job.finishedAt = now;
            }
        }
        ObjectNode answer = Jwt.JSON.createObjectNode();
        answer.set("Definition", job.definition.deepCopy());
        answer.putObject("Description").put("workflowName", job.workflow).put("workflowUID", job.uid)
                .put("workflowStatus", job.phase).put("StartedAt", job.startedAt).put("FinishedAt", job.finishedAt);
        return new Reply(200, answer);
    }

    private Reply loadTestRequest(HttpExchange ex, Call call, String job) throws IOException {
        if (target(call) instanceof Reply missing) {
            return missing;
        }
        String prefix = key(call.kind(), call.namespace(), call.name()) + "/";
        switch (call.method()) {
            case "POST" -> {
                Map<String, Part> parts = multipart(ex);
                Part file = parts.get("loadFile");
                if (file == null || file.fileName() == null) {
                    return error(500, "loadFile in formData is required", call.requestId());
                }
                Map<String, String> fields = new TreeMap<>();
                for (String field : List.of("connectionsNumber", "requestsNumber", "duration")) {
                    Part p = parts.get(field);
                    if (p != null) {
                        if (!p.text().matches("\\d+")) {
                            return error(500, field + " must be a number, not " + p.text(), call.requestId());
                        }
                        fields.put(field, p.text());
                    }
                }
                String name = "loadtest-" + call.name() + "-" + jobNumbers.incrementAndGet();
                loadTests.put(prefix + name, new LoadTest(call.kind(), call.namespace(), call.name(), name,
                        Json.parseOrNull(file.text()), fields));
                return new Reply(200, message(200, "load test " + name + " created"));
            }
            case "DELETE" -> {
                if (loadTests.remove(prefix + job) == null) {
                    return error(500, "jobs.batch \"" + job + "\" not found", call.requestId());
                }
                return new Reply(200, message(200, "load test " + job + " deleted"));
            }
            default -> {
                List<String> names = loadTests.keySet().stream().filter(k -> k.startsWith(prefix))
                        .map(k -> k.substring(prefix.length())).toList();
                return new Reply(200, message(200, String.join(",", names)));
            }
        }
    }

    private Reply monitorRequest(HttpExchange ex, Call call, String type, String detector) throws IOException {
        if (target(call) instanceof Reply missing) {
            return missing;
        }
        String prefix = key(call.kind(), call.namespace(), call.name()) + "/" + type + "/";
        if (detector != null) {
            ObjectNode existing = monitors.get(prefix + detector);
            if (existing == null) {
                return error(500, "detector \"" + detector + "\" not found", call.requestId());
            }
            if (call.method().equals("GET")) {
                return new Reply(200, existing.deepCopy());
            }
            monitors.remove(prefix + detector);
            return new Reply(200, message(200, type + " " + detector + " deleted"));
        }
        if (call.method().equals("GET")) {
            ArrayNode list = Jwt.JSON.createArrayNode();
            monitors.forEach((k, v) -> {
                if (k.startsWith(prefix)) {
                    list.add(v.deepCopy());
                }
            });
            return new Reply(200, list);
        }
        JsonNode body = jsonBody(ex);
        String name = body == null ? "" : body.path("name").asText("");
        if (name.isEmpty()) {
            return error(400, "detectorData.name is required", call.requestId());
        }
        if (monitors.containsKey(prefix + name)) {
            return error(500, "detector \"" + name + "\" already exists", call.requestId());
        }
        ObjectNode data = Jwt.JSON.createObjectNode().put("name", name).put("namespace", call.namespace())
                .put("deployment_name", call.name())
                .put("deployment_kind", call.kind().equals(KIND) ? "SeldonDeployment" : "SeldonPipeline")
                .put("detector_type", type);
        data.set("config", body.path("config").deepCopy());
        data.put("status", "Ready");
        monitors.put(prefix + name, data);
        return new Reply(200, data.deepCopy());
    }

    /** The model metadata service: a grpc-gateway service, whose errors are {@code rpcStatus}. */
    private Reply modelMetadataRequest(HttpExchange ex, Call call) throws IOException {
        if (call.method().equals("GET")) {
            List<ObjectNode> matching = new ArrayList<>();
            for (ObjectNode r : metadataRecords) {
                boolean match = true;
                for (String field : List.of("URI", "name", "version", "artifactType", "taskType", "project")) {
                    String wanted = call.query().get(field);
                    match &= wanted == null || wanted.equals(r.path(field).asText(""));
                }
                if (match) {
                    matching.add(r);
                }
            }
            if (matching.isEmpty()) {
                return new Reply(204, null);
            }
            int size = Integer.parseInt(call.query().getOrDefault("pageSize", "100"));
            int from = Integer.parseInt(call.query().getOrDefault("pageToken", "0"));
            ObjectNode page = Jwt.JSON.createObjectNode();
            ArrayNode models = page.putArray("models");
            matching.subList(Math.min(from, matching.size()), Math.min(from + size, matching.size()))
                    .forEach(r -> models.add(r.deepCopy()));
            page.put("nextPageToken", from + size < matching.size() ? String.valueOf(from + size) : "");
            return new Reply(200, page);
        }
        JsonNode body = jsonBody(ex);
        if (!(body instanceof ObjectNode model)) {
            return rpcError(400, 3, "the model is required");
        }
        String uri = model.path("URI").asText("");
        if (uri.isEmpty() || uri.length() > 200 || model.path("name").asText("").length() > 200
                || model.path("version").asText("").length() > 50) {
            return rpcError(400, 3, "invalid model: the URI is required and at most 200 characters, the name at most"
                    + " 200 and the version at most 50");
        }
        String project = model.path("project").asText("");
        ObjectNode existing = null;
        for (ObjectNode r : metadataRecords) {
            if (r.path("URI").asText().equals(uri) && r.path("project").asText("").equals(project)) {
                existing = r;
            }
        }
        ObjectNode stored = model.deepCopy();
        if (call.method().equals("POST")) {
            if (existing != null) {
                return rpcError(409, 6, "model metadata with URI " + uri + " already exists");
            }
            stored.put("creationTime", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
            metadataRecords.add(stored);
        } else {
            if (existing == null) {
                return rpcError(404, 5, "model metadata with URI " + uri + " not found");
            }
            stored.set("creationTime", existing.get("creationTime"));
            metadataRecords.set(metadataRecords.indexOf(existing), stored);
        }
        writes.add(new Write(call.method(), "ModelMetadata", null, uri, null, null, call.principal().id(),
                model.deepCopy()));
        return new Reply(200, Jwt.JSON.createObjectNode());
    }

    private static Reply rpcError(int status, int grpcCode, String message) {
        ObjectNode body = Jwt.JSON.createObjectNode().put("code", grpcCode).put("message", message);
        body.putArray("details");
        return new Reply(status, body);
    }

    private static ObjectNode message(int code, String text) {
        return Jwt.JSON.createObjectNode().put("code", code).put("message", text);
    }

    /** The body as JSON, or null when it is empty or not JSON. */
    private static JsonNode jsonBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return Json.parseOrNull(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    /** One part of a {@code multipart/form-data} body: its file name (null for a plain field) and content. */
    private record Part(String fileName, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    /** The parts of a {@code multipart/form-data} body by field name; empty for any other body. */
    private static Map<String, Part> multipart(HttpExchange ex) throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Map<String, Part> parts = new LinkedHashMap<>();
        if (type == null || !type.toLowerCase().startsWith("multipart/form-data")) {
            return parts;
        }
        java.util.regex.Matcher b = java.util.regex.Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type);
        if (!b.find()) {
            return parts;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        // Latin-1 maps bytes to chars one to one, so the parts' bytes survive the split.
        String all = new String(body, StandardCharsets.ISO_8859_1);
        for (String chunk : all.split(java.util.regex.Pattern.quote("--" + b.group(1)))) {
            if (!chunk.startsWith("\r\n")) {
                continue; // the preamble, or the closing "--"
            }
            int headersEnd = chunk.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = chunk.substring(2, headersEnd);
            String content = chunk.substring(headersEnd + 4, chunk.length() - (chunk.endsWith("\r\n") ? 2 : 0));
            java.util.regex.Matcher name = java.util.regex.Pattern.compile("(?i)name=\"([^\"]*)\"").matcher(headers);
            java.util.regex.Matcher file = java.util.regex.Pattern.compile("(?i)filename=\"([^\"]*)\"")
                    .matcher(headers);
            // "filename=" contains "name=": take the first name= that is not preceded by "file".
            String field = null;
            while (name.find()) {
                if (name.start() < 4 || !headers.substring(name.start() - 4, name.start()).equalsIgnoreCase("file")) {
                    field = name.group(1);
                    break;
                }
            }
            if (field != null) {
                parts.put(field, new Part(file.find() ? file.group(1) : null,
                        content.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return parts;
    }

    private static String sha1(String text) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte d : digest) {
                hex.append(String.format("%02x", d));
            }
            return hex.toString();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One resource: the object as last written, its visible status and what the next reads will show. */
    private static final class Stored {
        final String kind;
        ObjectNode object;
        /** The status step on show, or null before the operator has seen the resource. */
        StatusStep step;
        ObjectNode status;
        final Deque<StatusStep> pendingStatuses = new ArrayDeque<>();
        int hiddenReads;
        boolean deleted;
        int readsUntilGone;

        Stored(String kind, ObjectNode object) {
            this.kind = kind;
            this.object = object;
        }

        /** Whether a reader would see the resource, without counting as a read of it. */
        boolean visibleNow() {
            return deleted ? readsUntilGone > 0 : hiddenReads == 0;
        }

        /** Counts one read; true when the reader sees the resource (then advancing its status by one step). */
        boolean visibleOnRead(Clock clock) {
            if (deleted) {
                return readsUntilGone-- > 0; // GitOps: the deletion is not synced yet
            }
            if (hiddenReads > 0) {
                hiddenReads--;
                return false;
            }
            StatusStep next = pendingStatuses.poll();
            if (next != null) {
                setStatus(next, clock);
            }
            return true;
        }

        void setStatus(StatusStep next, Clock clock) {
            String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            ObjectNode st = Jwt.JSON.createObjectNode();
            if (kind.equals(KIND)) {
                st.put("state", next.state());
                if (!next.description().isEmpty()) {
                    st.put("description", next.description());
                }
                st.put("replicas", 1);
                if (next.state().equals("Available")) {
                    // The Service of each predictor, as the operator names it: <deployment>-<predictor>.
                    ObjectNode services = st.putObject("serviceStatus");
                    String name = object.path("metadata").path("name").asText();
                    String namespace = object.path("metadata").path("namespace").asText();
                    for (JsonNode p : object.path("spec").path("predictors")) {
                        String service = name + "-" + p.path("name").asText();
                        services.putObject(service).put("svcName", service)
                                .put("httpEndpoint", service + "." + namespace + ":8000")
                                .put("grpcEndpoint", service + "." + namespace + ":5001");
                    }
                }
            }
            ArrayNode conditions = st.putArray("conditions");
            for (ObjectNode c : conditions(next)) {
                // A condition keeps its transition time while its status stays the same, as Kubernetes does.
                JsonNode before = previousCondition(c.path("type").asText());
                boolean same = before != null && before.path("status").equals(c.path("status"));
                c.put("lastTransitionTime", same ? before.path("lastTransitionTime").asText() : now);
                conditions.add(c);
            }
            if (kind.equals(MODEL)) {
                st.put("replicas", 1);
            }
            step = next;
            status = st;
        }

        private JsonNode previousCondition(String type) {
            if (status != null) {
                for (JsonNode c : status.path("conditions")) {
                    if (c.path("type").asText().equals(type)) {
                        return c;
                    }
                }
            }
            return null;
        }

        /** The conditions the kind's operator sets for {@code step}, the aggregate {@code Ready} last. */
        private List<ObjectNode> conditions(StatusStep step) {
            boolean ready = step.state().equals("Available");
            List<ObjectNode> list = new ArrayList<>();
            switch (kind) {
                case KIND -> {
                    if (!ready) {
                        list.add(condition("Ready", false, step.state(), step.description()));
                        return list;
                    }
                }
                case PIPELINE -> {
                    String reason = ready ? "PipelineReady" : step.state().equals("Failed") ? "PipelineFailed"
                            : "PipelineCreating";
                    String message = (step.description().isEmpty() ? "Empty reason" : step.description()) + " | "
                            + (step.description().isEmpty() ? "Empty reason" : step.description());
                    list.add(condition("ModelsReady", ready, null,
                            ready ? "Models all available" : "Some models are not available"));
                    list.add(condition("PipelineGwReady", ready, reason, message));
                    list.add(condition("PipelineReady", ready, reason, message));
                }
                case MODEL -> {
                    String state = ready ? "ModelAvailable" : step.state().equals("Failed") ? "ModelFailed"
                            : step.state().equals("ScheduleFailed") ? "ScheduleFailed" : "ModelProgressing";
                    list.add(condition("ModelReady", ready, step.description().isEmpty() ? null : step.description(),
                            state));
                }
                default -> {
                    list.add(condition("CandidatesReady", ready, null, ready ? "Candidates ready" : "Candidates not ready"));
                    list.add(condition("ExperimentReady", ready, step.description().isEmpty() ? null
                            : step.description(), ready ? "Experiment active" : "Experiment not active"));
                    list.add(condition("MirrorReady", true, null, null));
                }
            }
            list.add(condition("Ready", ready, null, null));
            return list;
        }

        private static ObjectNode condition(String type, boolean isTrue, String reason, String message) {
            ObjectNode c = Jwt.JSON.createObjectNode().put("type", type).put("status", isTrue ? "True" : "False");
            if (reason != null && !reason.isEmpty()) {
                c.put("reason", reason);
            }
            if (message != null && !message.isEmpty()) {
                c.put("message", message);
            }
            return c;
        }

        ObjectNode view() {
            ObjectNode v = object.deepCopy();
            if (status != null) {
                v.set("status", status.deepCopy());
            }
            return v;
        }
    }
}
