package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HttpCalls#execute}: a call run by the thread that waits for it. */
class CallerRunCallTest {

    private static final AnswerLimits.Limit LIMIT = AnswerLimits.of(AnswerLimits.DEFAULT_API_BYTES, AnswerLimits.DEFAULT_PROVIDER_BYTES).api();

    private final LocalHttpServer server = LocalHttpServer.http();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stop() {
        release.countDown();
        server.close();
    }

    private Request request(String path) {
        return new Request.Builder().url(server.url() + path).build();
    }

    private void hang(String path) {
        server.on(path, (ex, r) -> {
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static Throwable failure(CompletableFuture<?> f) {
        assertTrue(f.isDone(), "complete when execute returns");
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class, f::get);
        return e.getCause();
    }

    @Test
    void theAnswerIsReadOnTheCallingThreadAndTheFutureIsComplete() throws Exception {
        server.on("/ok", (ex, r) -> LocalHttpServer.json(ex, 200, "{\"a\":1}"));
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<String> f = HttpCalls.execute(new OkHttpClient(), request("/ok"), "the test server", LIMIT,
                Duration.ofSeconds(30), answer -> {
                    reader.set(Thread.currentThread());
                    return answer.status() + " " + answer.text(100);
                });
        assertTrue(f.isDone());
        assertEquals("200 {\"a\":1}", f.get());
        assertSame(Thread.currentThread(), reader.get());
    }

    @Test
    void withoutACallTimeoutOfItsOwnTheCallEndsWhenTheTimeLeftIsUp() {
        hang("/hang");
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build();
        assertEquals(0, client.callTimeoutMillis());
        long start = System.nanoTime();
        Throwable e = failure(HttpCalls.execute(client, request("/hang"), "the test server", LIMIT,
                Duration.ofMillis(300), a -> a.status()));
        assertEquals(NetworkException.Reason.CALL_TIMEOUT, assertInstanceOf(NetworkException.class, e).reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "not after the read timeout");
    }

    @Test
    void theClientsShorterCallTimeoutWinsOverTheTimeLeft() {
        hang("/hang");
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60))
                .callTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        Throwable e = failure(HttpCalls.execute(client, request("/hang"), "the test server", LIMIT,
                Duration.ofSeconds(60), a -> a.status()));
        assertEquals(NetworkException.Reason.CALL_TIMEOUT, assertInstanceOf(NetworkException.class, e).reason());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "not after the time left");
    }

    /** A read timeout is an InterruptedIOException too, but no interrupt: a network failure, not an interruption. */
    @Test
    void aReadTimeoutIsANetworkFailureNotAnInterrupt() {
        hang("/hang");
        OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(200)).build();
        Throwable e = failure(HttpCalls.execute(client, request("/hang"), "the test server", LIMIT,
                Duration.ofSeconds(30), a -> a.status()));
        assertEquals(NetworkException.Reason.READ_TIMEOUT, assertInstanceOf(NetworkException.class, e).reason());
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void anInterruptWhileWaitingForTheServerEndsTheCallAsInterrupted() throws Exception {
        CountDownLatch arrived = new CountDownLatch(1);
        server.on("/hang", (ex, r) -> {
            arrived.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicReference<CompletableFuture<Integer>> result = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            result.set(HttpCalls.execute(new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(60)).build(),
                    request("/hang"), "the test server", LIMIT, Duration.ofSeconds(60), a -> a.status()));
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertTrue(arrived.await(30, TimeUnit.SECONDS));
        caller.interrupt();
        caller.join(10_000);
        assertFalse(caller.isAlive(), "the interrupt ended the call, not the read timeout");
        Throwable e = failure(result.get());
        assertInstanceOf(InterruptedException.class, e);
        assertTrue(e.getMessage().contains("the test server"), e.getMessage());
        assertFalse(stillInterrupted.get(), "the interrupt is consumed by the exception");
    }

    @Test
    void aGetWithABodyCarriesTheRequestsHeadersAndReadsTheAnswerAsAnyOther()
            throws Exception {
        AtomicReference<com.sun.net.httpserver.Headers> seen = new AtomicReference<>();
        server.on("/validate", (ex, r) -> {
            seen.set(ex.getRequestHeaders());
            ex.getResponseHeaders().add("X-Request-Id", "r-1");
            LocalHttpServer.json(ex, 201, "{\"method\":\"" + r.method() + "\",\"body\":" + r.body() + "}");
        });
        Request request = new Request.Builder().url(server.url() + "/validate").header("Authorization", "Bearer t")
                .header("Accept", "application/json").addHeader("X-Many", "one").addHeader("X-Many", "two").build();
        HttpClientFactory.BodyOnGetClient jdk = new HttpClientFactory.BodyOnGetClient(
                java.net.http.HttpClient.newHttpClient(), "Basic cHJveHk=");
        String answer = HttpCalls.sendBodyOnGet(jdk, request, "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                Duration.ofSeconds(30), "the test server", LIMIT, a -> a.status() + " " + a.contentType() + " "
                        + a.headers().get("X-Request-Id") + " " + a.text(200)).get(30, TimeUnit.SECONDS);
        assertEquals("201 application/json r-1 {\"method\":\"GET\",\"body\":{\"a\":1}}", answer);
        assertEquals("Bearer t", seen.get().getFirst("Authorization"));
        assertEquals("application/json", seen.get().getFirst("Accept"));
        assertEquals(java.util.List.of("one", "two"), seen.get().get("X-many"));
        // The JDK sends Proxy-Authorization to a proxy only, never to the server itself.
        assertEquals(null, seen.get().getFirst("Proxy-Authorization"));
    }

    @Test
    void aGetWithABodyReadsAnAnswerWithoutAMediaType() throws Exception {
        server.on("/validate", (ex, r) -> LocalHttpServer.respond(ex, 200, null, "valid"));
        HttpClientFactory.BodyOnGetClient jdk = new HttpClientFactory.BodyOnGetClient(
                java.net.http.HttpClient.newHttpClient(), null);
        assertEquals("200 '' valid", HttpCalls.sendBodyOnGet(jdk, request("/validate"), new byte[] {'{', '}'},
                Duration.ofSeconds(30), "the test server", LIMIT, a -> a.status() + " '" + a.contentType() + "' "
                        + a.text(100)).get(30, TimeUnit.SECONDS));
    }

    @Test
    void aTransportFailureIsClassifiedAsForAnyCall() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Throwable e = failure(HttpCalls.execute(new OkHttpClient(), new Request.Builder().url("http://127.0.0.1:"
                + port + "/x").build(), "the test server", LIMIT, Duration.ofSeconds(30), a -> a.status()));
        assertEquals(NetworkException.Reason.CONNECTION_REFUSED, assertInstanceOf(NetworkException.class, e).reason());
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
