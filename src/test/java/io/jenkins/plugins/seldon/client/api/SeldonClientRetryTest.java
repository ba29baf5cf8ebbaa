package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryListener.Retry;
import io.jenkins.plugins.seldon.client.http.RetryPolicy;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries against local servers that rate-limit, fail over, drop connections and hang: reads are retried with
 * backoff, honouring Retry-After; writes are never sent twice unless they provably never left; each retry is told to
 * the listener; the call's time limit always wins.
 */
class SeldonClientRetryTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String IRIS = API + "/namespaces/staging/seldondeployments/iris";
    private static final String LIST = API + "/namespaces/staging/seldondeployments";
    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;

    private final LocalHttpServer server = LocalHttpServer.http();
    private final HttpClientFactory http = TestHttp.factory();
    private final CountingAuthenticator auth = new CountingAuthenticator();
    private final List<Retry> retries = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private SeldonClient client() {
        return client(server.url(), null);
    }

    private SeldonClient client(String url, Duration readTimeout) {
        return new SeldonClient(new ServerSettings(url, TlsSettings.verify(), null, readTimeout), auth, http,
                retries::add);
    }

    private static ObjectNode manifest() {
        return (ObjectNode) Json.parseOrNull("{\"apiVersion\":\"machinelearning.seldon.io/v1\","
                + "\"kind\":\"SeldonDeployment\",\"metadata\":{\"name\":\"iris\"},\"spec\":{}}");
    }

    /** Answers {@code status} with {@code retryAfter} to the first {@code failing} requests, then 200. */
    private AtomicInteger failFirst(String path, int failing, int status, String retryAfter) {
        AtomicInteger n = new AtomicInteger();
        server.on(path, (ex, r) -> {
            if (n.incrementAndGet() <= failing) {
                if (retryAfter != null) {
                    ex.getResponseHeaders().set("Retry-After", retryAfter);
                }
                LocalHttpServer.json(ex, status, "{\"code\":" + status + ",\"message\":\"try later\"}");
            } else {
                LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"iris\"}}");
            }
        });
        return n;
    }

    @Test
    void a503WithRetryAfterSecondsIsRetriedAfterThatLong() throws Exception {
        failFirst(IRIS, 1, 503, "1");
        assertEquals("iris", client().get(SD, "staging", "iris").at("/metadata/name").asText());
        assertEquals(2, server.hits(IRIS));
        assertEquals(1, retries.size());
        Retry r = retries.get(0);
        assertEquals("answered HTTP 503", r.reason());
        assertEquals(2, r.attempt());
        assertEquals(3, r.maxAttempts());
        assertTrue(r.delay().compareTo(Duration.ofSeconds(1)) >= 0, "honours Retry-After: " + r.delay());
        assertTrue(r.message().startsWith("The Seldon API answered HTTP 503 (GET " + server.url() + IRIS
                + "); retrying in 1."), r.message());
        assertTrue(r.message().endsWith(" s (attempt 2 of 3)"), r.message());
    }

    @Test
    void a429WithAnHttpDateIsRetried() throws Exception {
        String inOneSecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                Instant.now().plusSeconds(1).atOffset(ZoneOffset.UTC));
        failFirst(IRIS, 1, 429, inOneSecond);
        client().get(SD, "staging", "iris");
        assertEquals(2, server.hits(IRIS));
        assertEquals("answered HTTP 429", retries.get(0).reason());
    }

    @Test
    void aRetryAfterLongerThanTheCapIsNotWaitedFor() {
        failFirst(IRIS, 1, 503, "3600");
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals(503, e.status());
        assertEquals(1, server.hits(IRIS));
        assertTrue(retries.isEmpty());
    }

    @Test
    void attemptsAreBounded() {
        failFirst(IRIS, 100, 502, null);
        ServerErrorException e = assertThrows(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals(502, e.status());
        assertEquals(3, server.hits(IRIS));
        assertEquals(List.of(2, 3), retries.stream().map(Retry::attempt).toList());
    }

    @Test
    void otherServerErrorsAreNotRetried() {
        failFirst(IRIS, 100, 500, null);
        assertThrows(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals(1, server.hits(IRIS));
    }

    @Test
    void writesAnsweredWithAnErrorAreNeverSentAgain() {
        failFirst(LIST, 1, 503, "0");
        assertThrows(ServerErrorException.class, () -> client().create(SD, "staging", manifest(), WriteAudit.NONE));
        failFirst(IRIS, 2, 429, "0");
        assertThrows(ServerErrorException.class,
                () -> client().update(SD, "staging", "iris", manifest(), WriteAudit.NONE));
        assertThrows(ServerErrorException.class, () -> client().delete(SD, "staging", "iris", WriteAudit.NONE));
        assertEquals(1, server.hits(LIST));
        assertEquals(2, server.hits(IRIS));
        assertTrue(retries.isEmpty());
    }

    @Test
    void droppedConnectionsAreRetriedForReads() throws Exception {
        try (RawServer raw = new RawServer(2)) {
            ObjectNode user = client(raw.url(), null).user();
            assertEquals("alice", user.get("name").asText());
            assertEquals(3, raw.requests.get());
            assertEquals(2, retries.size());
            assertEquals("closed the connection before answering", retries.get(0).reason());
        }
    }

    @Test
    void aWriteWhoseConnectionDroppedIsNotSentAgain() throws Exception {
        try (RawServer raw = new RawServer(1)) {
            NetworkException e = assertThrows(NetworkException.class,
                    () -> client(raw.url(), null).create(SD, "staging", manifest(), WriteAudit.NONE));
            assertEquals(NetworkException.Reason.CONNECTION_CLOSED, e.reason());
            assertEquals(1, raw.requests.get());
            assertTrue(retries.isEmpty());
        }
    }

    /** A refused connection provably never carried the request: the create is retried, and arrives once. */
    @Test
    void aWriteThatNeverLeftIsRetried() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        AtomicInteger[] requests = {null};
        RawServer[] started = {null};
        SeldonClient c = new SeldonClient(new ServerSettings("http://127.0.0.1:" + port), auth, http, retry -> {
            retries.add(retry);
            if (started[0] == null) {
                // The server comes up while the client waits for its retry.
                started[0] = new RawServer(0, port);
                requests[0] = started[0].requests;
            }
        });
        try {
            c.create(SD, "staging", manifest(), WriteAudit.NONE);
            assertEquals(1, requests[0].get());
            assertEquals("refused the connection", retries.get(0).reason());
        } finally {
            if (started[0] != null) {
                started[0].close();
            }
        }
    }

    @Test
    void aHangingReadIsRetriedAfterItsReadTimeout() throws Exception {
        AtomicInteger n = new AtomicInteger();
        server.on(IRIS, (ex, r) -> {
            if (n.incrementAndGet() == 1) {
                awaitRelease();
            }
            LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"iris\"}}");
        });
        client(server.url(), Duration.ofMillis(300)).get(SD, "staging", "iris");
        assertEquals(2, n.get());
        assertEquals("did not answer within the read timeout", retries.get(0).reason());
    }

    @Test
    void theCallTimeoutWinsOverAHangingServer() {
        server.on(IRIS, (ex, r) -> awaitRelease());
        NetworkException e = assertThrows(NetworkException.class,
                () -> client().withCallTimeout(Duration.ofMillis(800)).get(SD, "staging", "iris"));
        assertEquals(NetworkException.Reason.CALL_TIMEOUT, e.reason());
        assertTrue(e.getMessage().contains("within its time limit of 800 ms, retries included"), e.getMessage());
    }

    @Test
    void theCallTimeoutWinsOverRetryAfter() {
        failFirst(IRIS, 100, 503, "4");
        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> client().withCallTimeout(Duration.ofSeconds(2)).get(SD, "staging", "iris"));
        assertEquals(503, e.status());
        assertEquals(1, server.hits(IRIS));
        assertTrue(retries.isEmpty());
    }

    @Test
    void hugeTimeoutsAreBoundedInsteadOfOverflowing() throws Exception {
        server.on(IRIS, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"iris\"}}"));
        // Whole seconds as a server's settings allow them: far beyond what OkHttp accepts (24 days).
        Duration decades = Duration.ofSeconds(Integer.MAX_VALUE);
        SeldonClient client = new SeldonClient(new ServerSettings(server.url(), TlsSettings.verify(), decades, decades),
                auth, http, retries::add);
        assertEquals("iris", client.get(SD, "staging", "iris").at("/metadata/name").asText());
        assertEquals("iris", client.withCallTimeout(Duration.ofSeconds(Long.MAX_VALUE)).get(SD, "staging", "iris")
                .at("/metadata/name").asText());
        assertEquals(HttpClientFactory.MAX_TIMEOUT.multipliedBy(3),
                HttpClientFactory.callTimeout(decades, Duration.ofDays(2)));
        assertEquals(Duration.ofSeconds(5), HttpClientFactory.callTimeout(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @Test
    void theCallTimeoutMustBePositive() {
        for (Duration d : new Duration[] {Duration.ZERO, Duration.ofMillis(-1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> client().withCallTimeout(d));
            assertEquals("The call timeout must be positive: " + d, e.getMessage());
        }
        assertEquals(server.url() + API, client().withCallTimeout(Duration.ofMillis(1)).apiUrl().toString());
    }

    @Test
    void theMaximumAttemptsComeFromASystemProperty() {
        System.setProperty(RetryPolicy.MAX_ATTEMPTS_PROPERTY, "5");
        System.setProperty(RetryPolicy.MAX_RETRY_AFTER_PROPERTY, "120");
        try {
            RetryPolicy p = RetryPolicy.fromSystemProperties();
            assertEquals(5, p.maxAttempts());
            assertEquals(Duration.ofSeconds(120), p.maxRetryAfter());
        } finally {
            System.clearProperty(RetryPolicy.MAX_ATTEMPTS_PROPERTY);
            System.clearProperty(RetryPolicy.MAX_RETRY_AFTER_PROPERTY);
        }
        assertEquals(RetryPolicy.DEFAULT_MAX_ATTEMPTS, RetryPolicy.fromSystemProperties().maxAttempts());
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(Duration.ofSeconds(7), RetryPolicy.retryAfter(" 7 ", now));
        assertEquals(Duration.ofSeconds(30), RetryPolicy.retryAfter("Thu, 01 Jan 2026 00:00:30 GMT", now));
        assertEquals(Duration.ZERO, RetryPolicy.retryAfter("Wed, 31 Dec 2025 23:59:00 GMT", now));
        assertEquals(null, RetryPolicy.retryAfter("soon", now));
        assertEquals(null, RetryPolicy.retryAfter("-1", now));
        assertTrue(RetryPolicy.retryAfter("99999999999999999999", now).compareTo(Duration.ofDays(365)) > 0);
        RetryPolicy p = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofSeconds(30));
        for (int i = 0; i < 100; i++) {
            Duration d = p.delay(1, null);
            assertTrue(d.toMillis() >= 500 && d.toMillis() <= 1000, d.toString());
            Duration after = p.delay(1, Duration.ofSeconds(10));
            assertTrue(after.toMillis() >= 10_000 && after.toMillis() <= 11_000, after.toString());
            Duration late = p.delay(9, null);
            assertTrue(late.toMillis() >= 4000 && late.toMillis() <= 8000, late.toString());
        }
        assertEquals(null, p.delay(1, Duration.ofSeconds(31)));
    }

    @Test
    void aClosedConnectionSaysSoPlainly() throws Exception {
        try (RawServer raw = new RawServer(100)) {
            NetworkException e = assertThrows(NetworkException.class, () -> client(raw.url(), null).user());
            assertEquals(NetworkException.Reason.CONNECTION_CLOSED, e.reason());
            assertTrue(e.getMessage().startsWith("The Seldon API closed the connection before answering (GET "
                    + raw.url() + API + "/user)."), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertFalse(e.getMessage().contains("unexpected end of stream"), e.getMessage());
        }
    }

    private void awaitRelease() {
        try {
            release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A server on a plain socket that reads each request and closes the connection without answering the first
     * {@code drops} requests, then answers {@code {"name":"alice"}}.
     */
    private static final class RawServer implements AutoCloseable {
        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket;
        private final int drops;

        RawServer(int drops) throws IOException {
            this(drops, 0);
        }

        RawServer(int drops, int port) {
            this.drops = drops;
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            Thread t = new Thread(this::serve, "raw-server");
            t.setDaemon(true);
            t.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    InputStream in = s.getInputStream();
                    int length = readHead(in);
                    if (length < 0) {
                        continue;
                    }
                    in.readNBytes(length);
                    if (requests.incrementAndGet() <= drops) {
                        continue;
                    }
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 16\r\nConnection: close\r\n\r\n{\"name\":\"alice\"}")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // Closed by the test, or the client hung up.
                }
            }
        }

        private static int readHead(InputStream in) throws IOException {
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

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
