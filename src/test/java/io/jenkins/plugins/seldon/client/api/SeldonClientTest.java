package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.ApiException;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.client.error.InvalidRequestException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeldonClientTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String IRIS = API + "/namespaces/staging/seldondeployments/iris";
    private static final String LIST = API + "/namespaces/staging/seldondeployments";
    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;

    private final LocalHttpServer server = LocalHttpServer.http();
    private final HttpClientFactory http = TestHttp.factory();
    private final CountingAuthenticator auth = new CountingAuthenticator();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private SeldonClient client() {
        return new SeldonClient(new ServerSettings(server.url()), auth, http);
    }

    private SeldonClient client(Duration readTimeout) {
        return new SeldonClient(new ServerSettings(server.url(), TlsSettings.verify(), null, readTimeout), auth, http);
    }

    private static ObjectNode manifest() throws Exception {
        return (ObjectNode) Json.parseOrNull("{\"apiVersion\":\"machinelearning.seldon.io/v1\","
                + "\"kind\":\"SeldonDeployment\","
                + "\"metadata\":{\"name\":\"iris\"},\"spec\":{}}");
    }

    private void answer(String path, int status, String body) {
        server.on(path, (ex, r) -> LocalHttpServer.json(ex, status, body));
    }

    @Test
    void readsWithTheBearerTokenAndReturnsTheTree() throws Exception {
        answer(IRIS, 200, "{\"metadata\":{\"name\":\"iris\"}}");
        ObjectNode sd = client().get(SD, "staging", "iris");
        assertEquals("iris", sd.at("/metadata/name").asText());
        LocalHttpServer.Recorded r = server.requests().get(0);
        assertEquals("GET", r.method());
        assertEquals("Bearer token-1", r.authorization());
        assertNull(r.rawQuery());
    }

    @Test
    void listReturnsTheItems() throws Exception {
        answer(LIST, 200, "{\"kind\":\"SeldonDeploymentList\",\"items\":[{\"metadata\":{\"name\":\"a\"}},{}]}");
        ArrayNode items = client().list(SD, "staging");
        assertEquals(2, items.size());
        answer(LIST, 200, "{\"kind\":\"SeldonDeploymentList\",\"items\":null}");
        assertEquals(0, client().list(SD, "staging").size());
    }

    @Test
    void writesSendJsonAndTheAuditParameters() throws Exception {
        answer(LIST, 200, "{\"metadata\":{\"name\":\"iris\",\"uid\":\"1\"}}");
        answer(IRIS, 200, "{\"metadata\":{\"name\":\"iris\",\"uid\":\"1\"}}");
        SeldonClient c = client();
        assertEquals("1", c.create(SD, "staging", manifest(), new WriteAudit("Deployment created", "Jenkins job #1"))
                .at("/metadata/uid").asText());
        c.update(SD, "staging", "iris", manifest(), new WriteAudit(null, "only a message"));
        c.delete(SD, "staging", "iris", null);
        var reqs = server.requests();
        assertEquals("POST", reqs.get(0).method());
        assertEquals(LocalHttpServer.form(reqs.get(0).rawQuery()),
                java.util.Map.of("action", "Deployment created", "message", "Jenkins job #1"));
        assertEquals("SeldonDeployment", Json.parseOrNull(reqs.get(0).body()).get("kind").asText());
        assertEquals("PUT", reqs.get(1).method());
        assertEquals("message=only%20a%20message", reqs.get(1).rawQuery());
        assertEquals("DELETE", reqs.get(2).method());
        assertNull(reqs.get(2).rawQuery());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "\"deleted\"", "null", "[]"})
    void deleteAcceptsAnyBody(String body) throws Exception {
        server.on(IRIS, (ex, r) -> LocalHttpServer.respond(ex, 200, "application/json", body));
        client().delete(SD, "staging", "iris", WriteAudit.NONE);
        assertEquals(1, server.hits(IRIS));
        assertEquals("DELETE", server.requests().get(0).method());
    }

    /** Which error each status means, for a read, a delete and an update of a named resource. */
    @ParameterizedTest
    @CsvSource({
        // status, message,                    GET,                    DELETE,                 PUT
        "404, nothing here,                     NotFound,               NotFound,               NotFound",
        "500, 'pipelines \"iris\" not found', NotFound,               NotFound,               ServerError",
        "424, 'iris not found',                 NotFound,               NotFound,               ServerError",
        "500, 'iris notfound or gone',          ServerError,            ServerError,            ServerError",
        "503, 'iris not found',                 ServerError,            ServerError,            ServerError",
        "403, 'iris not found',                 ApiAuth,                ApiAuth,                ApiAuth",
        "409, 'iris not found',                 Conflict,               Conflict,               Conflict",
        "422, 'spec.x: not found',              InvalidRequest,         InvalidRequest,         InvalidRequest",
        "400, 'bad',                            InvalidRequest,         InvalidRequest,         InvalidRequest",
        "405, 'iris not found',                 ServerError,            ServerError,            ServerError",
        "499, 'gone',                           ServerError,            ServerError,            ServerError",
    })
    void eachStatusIsOneKindOfError(int status, String message, String read, String delete, String update) {
        server.on(IRIS, (ex, r) -> LocalHttpServer.json(ex, status,
                Json.object().put("code", status).put("message", message).toString()));
        SeldonClient c = client().withCallTimeout(Duration.ofSeconds(20));
        assertError(read, status, () -> c.get(SD, "staging", "iris"));
        assertError(delete, status, () -> c.delete(SD, "staging", "iris", WriteAudit.NONE));
        assertError(update, status, () -> c.update(SD, "staging", "iris", manifest(), WriteAudit.NONE));
    }

    private static void assertError(String kind, int status, org.junit.jupiter.api.function.Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(kind + "Exception", e.getClass().getSimpleName(), e.getMessage());
        assertEquals(status, e.status());
    }

    @Test
    void pathSegmentsAreEncoded() throws Exception {
        server.on(API + "/namespaces/a%20b/seldondeployments/c%2Fd", (ex, r) -> LocalHttpServer.json(ex, 200, "{}"));
        client().get(SD, "a b", "c/d");
        assertEquals(1, server.requests().size());
        assertThrows(IllegalArgumentException.class, () -> client().get(SD, "staging", ".."));
    }

    @Test
    void userAndVersion() throws Exception {
        answer(API + "/user", 200, "{\"name\":\"alice\"}");
        answer(API + "/version", 200, "{\"BuildVersion\":\"2.4.0\"}");
        assertEquals("alice", client().user().get("name").asText());
        assertEquals("2.4.0", client().version().get("BuildVersion").asText());
    }

    @Test
    void a401GetsANewTokenAndRetriesOnce() throws Exception {
        server.on(IRIS, (ex, r) -> {
            if ("Bearer token-1".equals(r.authorization())) {
                LocalHttpServer.json(ex, 401, "{\"code\":401,\"message\":\"token expired\"}");
            } else {
                LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"iris\"}}");
            }
        });
        assertEquals("iris", client().get(SD, "staging", "iris").at("/metadata/name").asText());
        assertEquals(java.util.List.of("token-1"), auth.invalidated);
        assertEquals(2, server.hits(IRIS));
    }

    @Test
    void writesAreAlsoRetriedAfterA401() throws Exception {
        server.on(LIST, (ex, r) -> LocalHttpServer.json(ex, "Bearer token-1".equals(r.authorization()) ? 401 : 200, "{}"));
        client().create(SD, "staging", manifest(), WriteAudit.NONE);
        assertEquals(2, server.hits(LIST));
        assertEquals(server.requests().get(0).body(), server.requests().get(1).body());
    }

    @Test
    void aSecond401IsAnAuthError() {
        answer(IRIS, 401, "{\"code\":401,\"message\":\"invalid token\",\"requestId\":\"req-401\"}");
        ApiAuthException e = assertThrows(ApiAuthException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals(401, e.status());
        assertEquals(2, server.hits(IRIS));
        assertEquals(2, auth.invalidated.size());
        assertTrue(e.getMessage().contains("test principal"), e.getMessage());
        assertTrue(e.getMessage().contains("req-401"), e.getMessage());
    }

    @Test
    void a403NamesTheNamespace() {
        answer(IRIS, 403, "{\"code\":403,\"message\":\"user alice cannot read in staging\",\"requestId\":\"r-1\"}");
        ApiAuthException e = assertThrows(ApiAuthException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals(403, e.status());
        assertEquals(1, server.hits(IRIS));
        assertTrue(e.getMessage().contains("namespace 'staging'"), e.getMessage());
        assertTrue(e.getMessage().contains("user alice cannot read in staging"), e.getMessage());
    }

    @Test
    void a404IsNotFound() {
        answer(IRIS, 404, "{\"code\":404,\"message\":\"seldondeployments.machinelearning.seldon.io \\\"iris\\\" not found\"}");
        NotFoundException e = assertThrows(NotFoundException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains("SeldonDeployment 'iris' in namespace 'staging' does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("GET " + server.url() + IRIS), e.getMessage());
    }

    @Test
    void aServerErrorSayingNotFoundIsNotFoundForReadsOnly() {
        answer(IRIS, 500, "{\"code\":500,\"message\":\"seldondeployments.machinelearning.seldon.io \\\"iris\\\" not found\"}");
        assertThrows(NotFoundException.class, () -> client().get(SD, "staging", "iris"));
        assertThrows(ServerErrorException.class, () -> client().update(SD, "staging", "iris", manifest(), WriteAudit.NONE));
    }

    @Test
    void a404HtmlPageMeansAWrongUrl() {
        server.on(IRIS, (ex, r) -> LocalHttpServer.respond(ex, 404, "text/html", "<html><body>Not Found</body></html>"));
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> client().get(SD, "staging", "iris"));
        assertTrue(e.getMessage().contains("check the API URL"), e.getMessage());
    }

    @Test
    void a409IsAConflict() {
        answer(IRIS, 409, "{\"code\":409,\"message\":\"the object has been modified\",\"requestId\":\"r-409\"}");
        ConflictException e = assertThrows(ConflictException.class,
                () -> client().update(SD, "staging", "iris", manifest(), WriteAudit.NONE));
        assertEquals("the object has been modified", e.serverMessage());
        assertEquals("r-409", e.requestId());
    }

    @Test
    void a400CarriesSeldonsMessageAndRequestId() {
        answer(LIST, 400, "{\"code\":400,\"message\":\"spec.predictors: Required value\",\"requestId\":\"abc-123\"}");
        InvalidRequestException e = assertThrows(InvalidRequestException.class,
                () -> client().create(SD, "staging", manifest(), WriteAudit.NONE));
        assertEquals(400, e.status());
        assertEquals("spec.predictors: Required value", e.serverMessage());
        assertEquals("abc-123", e.requestId());
        assertTrue(e.getMessage().contains("spec.predictors: Required value"), e.getMessage());
        assertTrue(e.getMessage().contains("abc-123"), e.getMessage());
        assertTrue(e.getMessage().contains("POST " + server.url() + LIST + " failed"), e.getMessage());
        assertFalse(e.getMessage().contains("?"), "no query in the message: " + e.getMessage());
    }

    @Test
    void serverErrorsAndOtherStatuses() {
        answer(IRIS, 500, "{\"code\":500,\"message\":\"git push failed\",\"requestId\":\"r-500\"}");
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("git push failed"), e.getMessage());
        answer(IRIS, 424, "{\"code\":424,\"message\":\"dependency failed\"}");
        assertEquals(424, assertThrows(ServerErrorException.class, () -> client().get(SD, "staging", "iris")).status());
        server.on(IRIS, (ex, r) -> LocalHttpServer.respond(ex, 502, "text/html", "<html>Bad gateway</html>"));
        ServerErrorException gw = assertThrows(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertTrue(gw.getMessage().contains("HTML page"), gw.getMessage());
        assertFalse(gw.getMessage().contains("Bad gateway"), gw.getMessage());
    }

    @Test
    void aRedirectToTheLoginPageIsNotFollowedButAskedOnceMoreWithNewCredentials() {
        server.on(IRIS, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "/dex/auth/local?req=secretstate&x=1");
            LocalHttpServer.respond(ex, 302, null, "");
        });
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> client().get(SD, "staging", "iris"));
        assertEquals(302, e.status());
        assertEquals(server.url() + "/dex/auth/local", e.location());
        assertTrue(e.getMessage().contains("authentication required or session expired"), e.getMessage());
        assertFalse(e.getMessage().contains("secretstate"), e.getMessage());
        assertEquals(0, server.hits("/dex/auth/local"));
        // A session that expired at the gateway is replaced once, as after a 401; both were refused.
        assertEquals(2, server.hits(IRIS));
        assertEquals(List.of("token-1", "token-2"), auth.invalidated);
    }

    @Test
    void otherRedirectsPointAtTheApiUrl() {
        server.on(IRIS, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "https://ml.example.com" + IRIS);
            LocalHttpServer.respond(ex, 301, null, "");
        });
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> client().get(SD, "staging", "iris"));
        assertEquals("https://ml.example.com" + IRIS, e.location());
        assertTrue(e.getMessage().contains("Check the API URL"), e.getMessage());
        assertFalse(e.getMessage().contains("authentication required"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://[::1", "mailto:x@example.com"})
    void aRedirectWithoutAUsableLocationPointsNowhere(String location) {
        server.on(IRIS, (ex, r) -> {
            if (!location.isEmpty()) {
                ex.getResponseHeaders().set("Location", location);
            }
            LocalHttpServer.respond(ex, 307, null, "");
        });
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> client().get(SD, "staging", "iris"));
        assertEquals(307, e.status());
        assertNull(e.location());
        assertTrue(e.getMessage().startsWith("The Seldon API redirected GET " + server.url() + IRIS
                + " (HTTP 307) to nowhere. Check the API URL"), e.getMessage());
    }

    @Test
    void anHtmlPageInsteadOfJsonIsUnexpected() {
        server.on(IRIS, (ex, r) -> LocalHttpServer.respond(ex, 200, "text/html; charset=utf-8",
                "<!doctype html><html><title>Seldon Deploy</title></html>"));
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> client().get(SD, "staging", "iris"));
        assertTrue(e.getMessage().contains("HTML page"), e.getMessage());
        server.on(IRIS, (ex, r) -> LocalHttpServer.respond(ex, 200, "text/plain", "hello"));
        assertThrows(UnexpectedResponseException.class, () -> client().get(SD, "staging", "iris"));
        answer(IRIS, 200, "[1,2]");
        assertThrows(UnexpectedResponseException.class, () -> client().get(SD, "staging", "iris"));
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        SeldonClient c = new SeldonClient(new ServerSettings("http://127.0.0.1:" + port), auth, http);
        NetworkException e = assertThrows(NetworkException.class, () -> c.get(SD, "staging", "iris"));
        assertEquals(NetworkException.Reason.CONNECTION_REFUSED, e.reason());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void connectTimeout() throws Exception {
        // A listener that never accepts: once its backlog is full, the kernel ignores further connection attempts.
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            java.util.List<Socket> queued = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket();
                    try {
                        s.connect(full.getLocalSocketAddress(), 200);
                        queued.add(s);
                    } catch (java.io.IOException e) {
                        s.close();
                        break;
                    }
                }
                SeldonClient c = new SeldonClient(new ServerSettings("http://127.0.0.1:" + full.getLocalPort(),
                        TlsSettings.verify(), Duration.ofMillis(500), null), auth, http);
                NetworkException e = assertThrows(NetworkException.class, () -> c.get(SD, "staging", "iris"));
                org.junit.jupiter.api.Assumptions.assumeFalse(e.reason() == NetworkException.Reason.CONNECTION_REFUSED,
                        "this OS refuses connections beyond the backlog instead of ignoring them");
                assertEquals(NetworkException.Reason.CONNECT_TIMEOUT, e.reason());
                assertTrue(e.getMessage().contains("connect timeout"), e.getMessage());
            } finally {
                for (Socket s : queued) {
                    s.close();
                }
            }
        }
    }

    @Test
    void unknownHost() {
        SeldonClient c = new SeldonClient(new ServerSettings("https://seldon.does-not-exist.invalid"), auth, http);
        NetworkException e = assertThrows(NetworkException.class, () -> c.get(SD, "staging", "iris"));
        assertEquals(NetworkException.Reason.UNKNOWN_HOST, e.reason());
        assertEquals("seldon.does-not-exist.invalid", e.host());
        assertTrue(e.getMessage().contains("Unknown host seldon.does-not-exist.invalid"), e.getMessage());
    }

    @Test
    void readTimeout() {
        server.on(IRIS, (ex, r) -> {
            awaitRelease();
            LocalHttpServer.json(ex, 200, "{}");
        });
        NetworkException e = assertThrows(NetworkException.class,
                () -> client(Duration.ofMillis(300)).get(SD, "staging", "iris"));
        assertEquals(NetworkException.Reason.READ_TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("read timeout"), e.getMessage());
    }

    @Test
    void anInterruptCancelsAHangingCall() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server.on(IRIS, (ex, r) -> {
            arrived.countDown();
            awaitRelease();
        });
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                client().get(SD, "staging", "iris");
            } catch (Throwable t) {
                outcome.set(t);
            }
        });
        caller.start();
        assertTrue(arrived.await(30, TimeUnit.SECONDS));
        caller.interrupt();
        // The read timeout is 60 s: only cancellation ends the call within the join.
        caller.join(30_000);
        assertFalse(caller.isAlive());
        assertInstanceOf(InterruptedException.class, outcome.get());
        awaitNoRunningCalls();
    }

    @Test
    void aWaitingCallerSendsItsRequestItselfAndAnAsynchronousCallDoesNot() throws Exception {
        answer(IRIS, 200, "{\"metadata\":{\"name\":\"iris\"}}");
        List<Thread> senders = new java.util.concurrent.CopyOnWriteArrayList<>();
        HttpClientFactory recording = new HttpClientFactory(new okhttp3.OkHttpClient.Builder().addInterceptor(chain -> {
            senders.add(Thread.currentThread());
            return chain.proceed(chain.request());
        }).build());
        SeldonClient c = new SeldonClient(new ServerSettings(server.url()), auth, recording);
        // More calls than a host has slots for callers: each gives its slot back.
        int calls = HttpClientFactory.MAX_REQUESTS_PER_HOST + 1;
        for (int i = 0; i < calls; i++) {
            assertEquals("iris", c.get(SD, "staging", "iris").at("/metadata/name").asText());
        }
        assertEquals(java.util.Collections.nCopies(calls, Thread.currentThread()), senders);
        senders.clear();
        assertEquals("iris", c.getAsync(SD, "staging", "iris").get(30, TimeUnit.SECONDS).at("/metadata/name").asText());
        assertEquals(1, senders.size());
        assertFalse(senders.get(0) == Thread.currentThread(), "sent by the HTTP client's thread");
        // With the host's slots for callers taken, a waiting caller's call goes through the dispatcher too.
        okhttp3.HttpUrl url = okhttp3.HttpUrl.get(server.url() + IRIS);
        while (recording.tryCallerSlot(url)) {
            // take them all
        }
        assertEquals("iris", c.get(SD, "staging", "iris").at("/metadata/name").asText());
        assertEquals(2, senders.size());
        assertFalse(senders.get(1) == Thread.currentThread(), "sent by the HTTP client's thread");
    }

    @Test
    void aCallerInterruptedBeforeItsCallGetsAnInterruptedExceptionAndNoMore() {
        server.on(IRIS, (ex, r) -> awaitRelease());
        Thread.currentThread().interrupt();
        long start = System.nanoTime();
        assertThrows(InterruptedException.class, () -> client().get(SD, "staging", "iris"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 20, "not after the 60 s read timeout");
        // As a blocking wait does when it throws InterruptedException: the interrupt is consumed.
        assertFalse(Thread.interrupted());
    }

    @Test
    void getAsyncCompletesAndCancelCancelsTheCall() throws Exception {
        answer(API + "/namespaces/staging/seldondeployments/ready", 200, "{\"status\":{\"state\":\"Available\"}}");
        assertEquals("Available", client().getAsync(SD, "staging", "ready").get(30, TimeUnit.SECONDS)
                .at("/status/state").asText());
        answer(API + "/namespaces/staging/seldondeployments/gone", 404, "{\"code\":404,\"message\":\"not found\"}");
        ExecutionException missing = assertThrows(ExecutionException.class,
                () -> client().getAsync(SD, "staging", "gone").get(30, TimeUnit.SECONDS));
        assertInstanceOf(NotFoundException.class, missing.getCause());

        CountDownLatch arrived = new CountDownLatch(1);
        server.on(IRIS, (ex, r) -> {
            arrived.countDown();
            awaitRelease();
        });
        CompletableFuture<ObjectNode> f = client().getAsync(SD, "staging", "iris");
        assertTrue(arrived.await(30, TimeUnit.SECONDS));
        f.cancel(true);
        assertThrows(CancellationException.class, f::join);
        awaitNoRunningCalls();
    }

    @Test
    void getAsyncRetriesAfterA401() throws Exception {
        server.on(IRIS, (ex, r) -> LocalHttpServer.json(ex, "Bearer token-1".equals(r.authorization()) ? 401 : 200, "{}"));
        client().getAsync(SD, "staging", "iris").get(30, TimeUnit.SECONDS);
        assertEquals(2, server.hits(IRIS));
    }

    /**
     * A server (or a proxy) that closes each connection after one request breaks every request sent on a pooled
     * connection. Reads are sent again on a new connection; writes never use a pooled connection, so they are not
     * broken in the first place.
     */
    @Test
    void aWriteNeverUsesAPooledConnection() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket raw = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serve(raw, requests, 1));
            acceptor.setDaemon(true);
            acceptor.start();
            SeldonClient c = new SeldonClient(new ServerSettings("http://127.0.0.1:" + raw.getLocalPort()), auth, http);
            c.user();
            c.create(SD, "staging", manifest(), WriteAudit.NONE);
            c.user();
            c.delete(SD, "staging", "iris", WriteAudit.NONE);
            // The second read arrived twice (reset on the pooled connection, then sent again); each write once.
            assertEquals(5, requests.get());
        }
    }

    /** A write whose connection breaks after the request was sent may have been received: it is not sent again. */
    @Test
    void aWriteIsNotResentAfterItsConnectionBreaks() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket raw = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> serve(raw, requests, 0));
            acceptor.setDaemon(true);
            acceptor.start();
            SeldonClient c = new SeldonClient(new ServerSettings("http://127.0.0.1:" + raw.getLocalPort()), auth, http);
            NetworkException e = assertThrows(NetworkException.class,
                    () -> c.create(SD, "staging", manifest(), WriteAudit.NONE));
            assertTrue(e.getMessage().contains("POST http://127.0.0.1:" + raw.getLocalPort()), e.getMessage());
            assertEquals(1, requests.get());
            assertThrows(NetworkException.class, () -> c.delete(SD, "staging", "iris", WriteAudit.NONE));
            assertEquals(2, requests.get());
        }
    }

    /** Answers the first {@code answered} requests of each connection and resets the connection on the next. */
    private static void serve(ServerSocket raw, AtomicInteger requests, int answered) {
        while (!raw.isClosed()) {
            Socket accepted;
            try {
                accepted = raw.accept();
            } catch (java.io.IOException e) {
                return;
            }
            Thread connection = new Thread(() -> {
                try (Socket s = accepted) {
                    InputStream in = s.getInputStream();
                    for (int onConnection = 0; ; onConnection++) {
                        int length = readRequestHead(in);
                        if (length < 0) {
                            return;
                        }
                        in.readNBytes(length);
                        requests.incrementAndGet();
                        if (onConnection >= answered) {
                            s.setSoLinger(true, 0);
                            return;
                        }
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\n\r\n{}").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                        s.getOutputStream().flush();
                    }
                } catch (java.io.IOException e) {
                    // The client went away.
                }
            });
            connection.setDaemon(true);
            connection.start();
        }
    }

    /** Reads a request head; returns its Content-Length (0 when absent), or -1 at the end of the stream. */
    private static int readRequestHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            head.append((char) b);
        }
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitNoRunningCalls() throws InterruptedException {
        okhttp3.Dispatcher d = http.forServer(TlsSettings.verify(), ServerSettings.DEFAULT_CONNECT_TIMEOUT,
                ServerSettings.DEFAULT_READ_TIMEOUT).dispatcher();
        for (int i = 0; i < 300 && d.runningCallsCount() > 0; i++) {
            Thread.sleep(100);
        }
        assertEquals(0, d.runningCallsCount(), "the call was cancelled");
    }
}
