package io.jenkins.plugins.seldon.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stateful fake of the SeldonDeployment part of the Seldon Enterprise Platform API v1alpha1, on the JDK's HTTP
 * server at {@code 127.0.0.1} and a free port. Behaviour follows the published spec and what the real server is known
 * to do (see the project's API notes):
 * <ul>
 *   <li>every request needs {@code Authorization: Bearer <token>}, checked for real by a {@link TokenVerifier}
 *       (RS256 against the provider's keys, issuer, expiry); otherwise 401;</li>
 *   <li>list, read, create (200, sets uid, resourceVersion, generation, creationTimestamp), update (409 when
 *       {@code metadata.resourceVersion} is stale; a missing one is accepted), delete ({@code {}});</li>
 *   <li>{@code status} changes only through reads: after each write the deployment walks through a script of states
 *       (default {@code Creating} then {@code Available}), one step per read; after an update the previous status
 *       can stay visible for a few reads ({@link #staleReadsAfterUpdate}), as the real controller never sets
 *       {@code observedGeneration};</li>
 *   <li>GitOps namespaces: a created deployment reads as 404 until the change is "synced" (a number of reads), and
 *       a deleted one stays visible as long;</li>
 *   <li>errors are Seldon's {@code {"code","message","requestId"}}; the request id is also in {@value #REQUEST_ID_HEADER};</li>
 *   <li>every request (method, raw path, query parameter names, principal, token id) and every write (with its
 *       {@code action} and {@code message}) is recorded for assertions.</li>
 * </ul>
 * Use with try-with-resources: {@code try (FakeSeldonApi api = FakeSeldonApi.start(verifier)) { ... api.apiUrl() ... }}.
 */
public final class FakeSeldonApi implements AutoCloseable {

    public static final String BASE_PATH = "/seldon-deploy/api/v1alpha1";
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    public static final String API_VERSION = "machinelearning.seldon.io/v1";
    public static final String KIND = "SeldonDeployment";

    /** One request as the server saw it. {@code principal} and {@code tokenId} are null when authentication failed. */
    public record RecordedRequest(String method, String rawPath, Set<String> queryParameterNames, String principal,
                                  String tokenId, int status) {
    }

    /** One accepted write; {@code body} is what the client sent (null for DELETE). */
    public record Write(String method, String namespace, String name, String action, String message,
                        String principal, JsonNode body) {
    }

    /** One step of a deployment's status script. */
    public record StatusStep(String state, String description) {
        public static StatusStep creating() {
            return new StatusStep("Creating", "");
        }

        public static StatusStep available() {
            return new StatusStep("Available", "");
        }

        public static StatusStep failed(String description) {
            return new StatusStep("Failed", description);
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

    // Guarded by this.
    private final Map<String, Map<String, Stored>> namespaces = new HashMap<>();
    private final Map<String, Integer> gitOpsNamespaces = new HashMap<>();
    private final Map<String, Set<String>> namespaceRestrictions = new HashMap<>();
    private final Map<String, List<StatusStep>> nextWriteScripts = new HashMap<>();
    private final Deque<Failure> injectedFailures = new ArrayDeque<>();
    private final Set<String> revokedTokens = new LinkedHashSet<>();
    private List<StatusStep> defaultScript = List.of(StatusStep.creating(), StatusStep.available());
    private int staleReadsAfterUpdate;
    private int notFoundStatus = 404;

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

    /** The script every deployment follows after a write unless {@link #scriptNextWrite} says otherwise. */
    public synchronized FakeSeldonApi defaultStatusScript(StatusStep... steps) {
        defaultScript = List.of(steps);
        return this;
    }

    /** The script {@code namespace/name} follows after its next create or update (once). */
    public synchronized FakeSeldonApi scriptNextWrite(String namespace, String name, StatusStep... steps) {
        nextWriteScripts.put(namespace + "/" + name, List.of(steps));
        return this;
    }

    /** Replaces what the next reads of an existing deployment show, starting with the next read. */
    public synchronized FakeSeldonApi scriptReads(String namespace, String name, StatusStep... steps) {
        Stored s = require(namespace, name);
        s.pendingStatuses.clear();
        for (StatusStep step : steps) {
            s.pendingStatuses.add(step);
        }
        return this;
    }

    /** After an update, this many reads still show the status of the previous generation. */
    public synchronized FakeSeldonApi staleReadsAfterUpdate(int reads) {
        staleReadsAfterUpdate = reads;
        return this;
    }

    /** Writes in {@code namespace} reach the cluster only after {@code readsUntilSynced} reads of the deployment. */
    public synchronized FakeSeldonApi gitOpsNamespace(String namespace, int readsUntilSynced) {
        gitOpsNamespaces.put(namespace, readsUntilSynced);
        return this;
    }

    /** Only these principals ({@code preferred_username}, or a group) may use {@code namespace}; others get 403. */
    public synchronized FakeSeldonApi restrictNamespace(String namespace, String... allowedPrincipalsOrGroups) {
        namespaceRestrictions.put(namespace, Set.of(allowedPrincipalsOrGroups));
        return this;
    }

    /** Some installations answer a read of a missing deployment with 500 "... not found" instead of 404. */
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

    /** Stores {@code deployment} directly (no request, not recorded), with status {@code Available}. */
    public synchronized ObjectNode seed(String namespace, ObjectNode deployment) {
        ObjectNode obj = deployment.deepCopy();
        obj.remove("status");
        String name = obj.path("metadata").path("name").asText();
        Stored s = new Stored(initialMetadata(obj, namespace));
        s.setStatus(StatusStep.available(), clock);
        deployments(namespace).put(name, s);
        return s.view();
    }

    // ---- inspection ----------------------------------------------------------------------------------------------

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<Write> writes() {
        return List.copyOf(writes);
    }

    public void clearRecords() {
        requests.clear();
        writes.clear();
    }

    /** The deployment as stored (including hidden GitOps state), with its current status, or null. */
    public synchronized ObjectNode stored(String namespace, String name) {
        Stored s = deployments(namespace).get(name);
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

    // ---- HTTP ----------------------------------------------------------------------------------------------------

    private record Reply(int status, JsonNode body) {
    }

    private record Failure(int status, String message) {
    }

    private static final String PRINCIPAL = "principal";

    private void handle(HttpExchange ex) throws IOException {
        String requestId = "fake-" + requestIds.incrementAndGet();
        Reply reply;
        try {
            reply = route(ex, requestId);
        } catch (RuntimeException e) {
            reply = error(500, "internal error in the fake: " + e, requestId);
        }
        URI uri = ex.getRequestURI();
        TokenVerifier.Principal who = (TokenVerifier.Principal) ex.getAttribute(PRINCIPAL);
        requests.add(new RecordedRequest(ex.getRequestMethod(), uri.getRawPath(), queryNames(uri.getRawQuery()),
                who == null ? null : who.id(), who == null ? null : who.tokenId(), reply.status()));
        byte[] body = Jwt.JSON.writeValueAsBytes(reply.body());
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set(REQUEST_ID_HEADER, requestId);
        if (reply.status() == 401) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        try (OutputStream out = ex.getResponseBody()) {
            ex.sendResponseHeaders(reply.status(), body.length);
            out.write(body);
        }
    }

    private Reply route(HttpExchange ex, String requestId) throws IOException {
        String method = ex.getRequestMethod();
        String path = ex.getRequestURI().getRawPath();
        if (!path.startsWith(BASE_PATH + "/")) {
            return error(404, "path " + path + " was not found", requestId);
        }
        List<String> seg = new ArrayList<>();
        for (String s : path.substring(BASE_PATH.length() + 1).split("/", -1)) {
            seg.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
        }
        Set<String> allowed;
        if (seg.equals(List.of("user")) || seg.equals(List.of("version"))) {
            allowed = Set.of("GET");
        } else if (seg.size() == 3 && seg.get(0).equals("namespaces") && seg.get(2).equals("seldondeployments")) {
            allowed = Set.of("GET", "POST");
        } else if (seg.size() == 4 && seg.get(0).equals("namespaces") && seg.get(2).equals("seldondeployments")) {
            allowed = Set.of("GET", "PUT", "DELETE");
        } else {
            return error(404, "path " + path + " was not found", requestId);
        }
        if (!allowed.contains(method)) {
            ex.getResponseHeaders().set("Allow", String.join(",", allowed));
            return error(405, "method " + method + " is not allowed, but [" + String.join(",", allowed)
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
        ex.setAttribute(PRINCIPAL, principal);
        synchronized (this) {
            if (revokedTokens.contains(principal.tokenId())) {
                return error(401, "unauthorized: token revoked", requestId);
            }
            Failure failure = injectedFailures.poll();
            if (failure != null) {
                return error(failure.status(), failure.message(), requestId);
            }
            if (seg.get(0).equals("user")) {
                ObjectNode user = Jwt.JSON.createObjectNode().put("Id", principal.id()).put("Name", principal.name())
                        .put("Email", principal.email());
                ArrayNode groups = user.putArray("Groups");
                principal.groups().forEach(groups::add);
                return new Reply(200, user);
            }
            if (seg.get(0).equals("version")) {
                return new Reply(200, Jwt.JSON.createObjectNode().put("BuildVersion", "2.4.0")
                        .put("BuildTime", "2024-12-18T00:00:00Z").put("GitBranch", "release-2.4")
                        .put("GitCommit", "fake").put("GitStatus", "clean").put("ReleaseType", "fake"));
            }
            String namespace = seg.get(1);
            Set<String> restriction = namespaceRestrictions.get(namespace);
            if (restriction != null && !restriction.contains(principal.id())
                    && principal.groups().stream().noneMatch(restriction::contains)) {
                return error(403, "user " + principal.id() + " is not authorised to access namespace " + namespace,
                        requestId);
            }
            Map<String, String> query = LocalHttpServer.form(ex.getRequestURI().getRawQuery());
            if (seg.size() == 3) {
                return method.equals("GET") ? list(namespace) : create(ex, namespace, query, principal, requestId);
            }
            String name = seg.get(3);
            return switch (method) {
                case "GET" -> read(namespace, name, requestId);
                case "PUT" -> update(ex, namespace, name, query, principal, requestId);
                default -> delete(namespace, name, query, principal, requestId);
            };
        }
    }

    // ---- operations (called with the monitor held) ---------------------------------------------------------------

    private Reply list(String namespace) {
        ObjectNode list = Jwt.JSON.createObjectNode().put("apiVersion", API_VERSION).put("kind", KIND + "List");
        list.putObject("metadata").put("resourceVersion", String.valueOf(resourceVersions.get()));
        ArrayNode items = list.putArray("items");
        for (Stored s : new TreeMap<>(deployments(namespace)).values()) {
            if (s.visibleOnRead(clock)) {
                items.add(s.view());
            }
        }
        return new Reply(200, list);
    }

    private Reply read(String namespace, String name, String requestId) {
        Stored s = deployments(namespace).get(name);
        if (s == null || !s.visibleOnRead(clock)) {
            return notFound(name, notFoundStatus, requestId);
        }
        return new Reply(200, s.view());
    }

    private Reply create(HttpExchange ex, String namespace, Map<String, String> query,
                         TokenVerifier.Principal principal, String requestId) throws IOException {
        Object parsed = parseManifest(ex, namespace, null, requestId);
        if (parsed instanceof Reply bad) {
            return bad;
        }
        ObjectNode body = (ObjectNode) parsed;
        String name = body.path("metadata").path("name").asText();
        Stored existing = deployments(namespace).get(name);
        if (existing != null && !existing.deleted) {
            return error(409, "seldondeployments.machinelearning.seldon.io \"" + name + "\" already exists",
                    requestId);
        }
        ObjectNode obj = body.deepCopy();
        obj.remove("status");
        Stored s = new Stored(initialMetadata(obj, namespace));
        s.hiddenReads = gitOpsNamespaces.getOrDefault(namespace, 0);
        s.pendingStatuses.addAll(scriptFor(namespace, name));
        deployments(namespace).put(name, s);
        recordWrite("POST", namespace, name, query, principal, body);
        return new Reply(200, s.object.deepCopy());
    }

    private Reply update(HttpExchange ex, String namespace, String name, Map<String, String> query,
                         TokenVerifier.Principal principal, String requestId) throws IOException {
        Object parsed = parseManifest(ex, namespace, name, requestId);
        if (parsed instanceof Reply bad) {
            return bad;
        }
        ObjectNode body = (ObjectNode) parsed;
        Stored s = deployments(namespace).get(name);
        if (s == null || s.deleted) {
            return notFound(name, 404, requestId);
        }
        ObjectNode meta = (ObjectNode) s.object.get("metadata");
        String sentVersion = body.path("metadata").path("resourceVersion").asText("");
        if (!sentVersion.isEmpty() && !sentVersion.equals(meta.path("resourceVersion").asText())) {
            return error(409, "Operation cannot be fulfilled on seldondeployments.machinelearning.seldon.io \""
                    + name + "\": the object has been modified; please apply your changes to the latest version "
                    + "and try again", requestId);
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
        if (s.status != null) {
            StatusStep previous = new StatusStep(s.status.path("state").asText(),
                    s.status.path("description").asText(""));
            for (int i = 0; i < staleReadsAfterUpdate; i++) {
                s.pendingStatuses.add(previous);
            }
        }
        s.pendingStatuses.addAll(scriptFor(namespace, name));
        recordWrite("PUT", namespace, name, query, principal, body);
        return new Reply(200, s.view());
    }

    private Reply delete(String namespace, String name, Map<String, String> query, TokenVerifier.Principal principal,
                         String requestId) {
        Stored s = deployments(namespace).get(name);
        if (s == null || s.deleted) {
            return notFound(name, 404, requestId);
        }
        int delay = gitOpsNamespaces.getOrDefault(namespace, 0);
        if (delay > 0) {
            s.deleted = true;
            s.hiddenReads = 0;
            s.readsUntilGone = delay;
        } else {
            deployments(namespace).remove(name);
        }
        recordWrite("DELETE", namespace, name, query, principal, null);
        return new Reply(200, Jwt.JSON.createObjectNode());
    }

    /** The body as an ObjectNode, or a 4xx {@link Reply} saying what is wrong with it. */
    private Object parseManifest(HttpExchange ex, String namespace, String pathName, String requestId)
            throws IOException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/json")) {
            return error(415, "unsupported media type " + type + ", expected application/json", requestId);
        }
        JsonNode body;
        try (InputStream in = ex.getRequestBody()) {
            body = Jwt.JSON.readTree(in);
        } catch (JsonProcessingException e) {
            return error(400, "parsing mldeployment body from \"\" failed: " + e.getOriginalMessage(), requestId);
        }
        if (!(body instanceof ObjectNode obj)) {
            return error(400, "mldeployment in body is required and must be an object", requestId);
        }
        if (!KIND.equals(obj.path("kind").asText()) || !obj.path("apiVersion").asText().startsWith("machinelearning.seldon.io/")) {
            return error(400, "expected kind SeldonDeployment of machinelearning.seldon.io", requestId);
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
        if (!ns.isEmpty() && !ns.equals(namespace)) {
            return error(400, "the namespace of the provided object does not match the namespace sent on the request",
                    requestId);
        }
        return obj;
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

    private List<StatusStep> scriptFor(String namespace, String name) {
        List<StatusStep> once = nextWriteScripts.remove(namespace + "/" + name);
        return once != null ? once : defaultScript;
    }

    private void recordWrite(String method, String namespace, String name, Map<String, String> query,
                             TokenVerifier.Principal principal, JsonNode body) {
        writes.add(new Write(method, namespace, name, query.get("action"), query.get("message"), principal.id(),
                body == null ? null : body.deepCopy()));
    }

    private Map<String, Stored> deployments(String namespace) {
        return namespaces.computeIfAbsent(namespace, k -> new HashMap<>());
    }

    private Stored require(String namespace, String name) {
        Stored s = deployments(namespace).get(name);
        if (s == null) {
            throw new IllegalArgumentException("no deployment " + namespace + "/" + name);
        }
        return s;
    }

    private static Reply notFound(String name, int status, String requestId) {
        return error(status, "seldondeployments.machinelearning.seldon.io \"" + name + "\" not found", requestId);
    }

    private static Reply error(int status, String message, String requestId) {
        return new Reply(status, Jwt.JSON.createObjectNode().put("code", status).put("message", message)
                .put("requestId", requestId));
    }

    private static Set<String> queryNames(String rawQuery) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(LocalHttpServer.form(rawQuery).keySet()));
    }

    /** One deployment: the object as last written, its visible status and what the next reads will show. */
    private static final class Stored {
        ObjectNode object;
        ObjectNode status;
        final Deque<StatusStep> pendingStatuses = new ArrayDeque<>();
        int hiddenReads;
        boolean deleted;
        int readsUntilGone;

        Stored(ObjectNode object) {
            this.object = object;
        }

        /** Counts one read; true when the reader sees the deployment (then advancing its status by one step). */
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

        void setStatus(StatusStep step, Clock clock) {
            String previousState = status == null ? null : status.path("state").asText();
            String since = step.state().equals(previousState) ? status.path("conditions").path(0)
                    .path("lastTransitionTime").asText() : clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
            boolean ready = step.state().equals("Available");
            ObjectNode st = Jwt.JSON.createObjectNode().put("state", step.state());
            if (!step.description().isEmpty()) {
                st.put("description", step.description());
            }
            st.put("replicas", 1);
            ObjectNode condition = st.putArray("conditions").addObject().put("type", "Ready")
                    .put("status", ready ? "True" : "False").put("lastTransitionTime", since);
            if (!ready) {
                condition.put("reason", step.state()).put("message", step.description());
            }
            status = st;
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
