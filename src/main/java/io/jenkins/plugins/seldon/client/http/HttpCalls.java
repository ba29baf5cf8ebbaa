package io.jenkins.plugins.seldon.client.http;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NetworkException.Reason;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.client.error.AnswerTooLargeException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs OkHttp calls so that they can always be abandoned and always end: every call is asynchronous, cancelling the
 * future or interrupting the waiting thread cancels the call, and the future completes whatever happens on OkHttp's
 * thread (errors included). The answer is consumed on OkHttp's thread by the call's {@link AnswerReader}, through the
 * call's size limit, so that a parser reads the body directly and no server can make the client hold more than the
 * limit. Transport failures become {@link NetworkException} or {@link TlsException} with a message that says what
 * failed, where, and what to check.
 */
public final class HttpCalls {

    // How long a blocking wait outlasts the bound its caller computed, before it gives up on a lost future.
    private static final Duration AWAIT_MARGIN = Duration.ofSeconds(2);

    // TLS alerts (RFC 8446, 6.2) a server sends about the certificate a client presented, or did not present.
    private static final List<String> CLIENT_CERTIFICATE_ALERTS = List.of("bad_certificate", "certificate_required",
            "unknown_ca", "certificate_unknown", "certificate_expired", "certificate_revoked",
            "unsupported_certificate", "access_denied");

    private HttpCalls() {
    }

    /**
     * Consumes one answer on OkHttp's thread. Reads the body from {@link Answer#body()} (for parsers) or
     * {@link Answer#text(int)} (bounded text for messages); what it returns completes the call's future.
     */
    @FunctionalInterface
    public interface AnswerReader<T> {
        T read(Answer answer) throws IOException;
    }

    /**
     * Starts the call. The future completes with what {@code reader} makes of the answer, or exceptionally with a
     * {@link SeldonException} (an {@link AnswerTooLargeException} when the body exceeds {@code limit}) or whatever
     * else went wrong; cancelling it cancels the call.
     *
     * @param what what is being called, for messages, e.g. {@code "the Seldon API"}
     */
    public static <T> CompletableFuture<T> send(OkHttpClient client, Request request, String what,
            AnswerLimits.Limit limit, AnswerReader<T> reader) {
        Call call = client.newCall(request);
        CompletableFuture<T> future = new CompletableFuture<>();
        future.whenComplete((r, e) -> {
            if (e != null) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                // Read the body here so that timeouts and cancellation cover it too.
                try (response) {
                    future.complete(reader.read(new Answer(request, response, what, limit)));
                } catch (SeldonException e) {
                    future.completeExceptionally(e);
                } catch (IOException e) {
                    future.completeExceptionally(transportFailure(e, what, request));
                } catch (Throwable t) {
                    // Also errors such as OutOfMemoryError: an uncompleted future would leave its caller waiting.
                    future.completeExceptionally(t);
                }
            }

            @Override
            public void onFailure(Call c, IOException e) {
                future.completeExceptionally(transportFailure(e, what, request));
            }
        });
        return future;
    }

    /**
     * Runs the call on the calling thread, which is about to wait for it anyway, and returns its future completed: as
     * {@link #send}, without handing the call to OkHttp's dispatcher and the answer back, which costs a warm call about
     * as much as the call itself. An interrupt of the calling thread cancels the call ({@link InterruptWatch}) and
     * completes the future with an {@link InterruptedException}; the call takes at most {@code within}, or the client's
     * call timeout when that is shorter.
     */
    public static <T> CompletableFuture<T> execute(OkHttpClient client, Request request, String what,
            AnswerLimits.Limit limit, Duration within, AnswerReader<T> reader) {
        Call call = client.newCall(request);
        long ownTimeout = TimeUnit.MILLISECONDS.toNanos(client.callTimeoutMillis());
        long allowed = ownTimeout == 0 ? within.toNanos() : Math.min(ownTimeout, within.toNanos());
        // OkHttp's call timeout wakes its watchdog thread at every call, about 5% of a warm call on a busy machine;
        // the interrupt watch, which looks at the call every 50 ms anyway, ends it at its deadline instead.
        call.timeout().clearTimeout();
        CompletableFuture<T> future = new CompletableFuture<>();
        try (InterruptWatch.Watch watch = InterruptWatch.SHARED.watch(call, System.nanoTime() + allowed)) {
            try (Response response = call.execute()) {
                future.complete(reader.read(new Answer(request, response, what, limit)));
            } catch (SeldonException e) {
                future.completeExceptionally(e);
            } catch (IOException e) {
                if (watch.fired() || Thread.currentThread().isInterrupted()
                        || e instanceof InterruptedIOException && "interrupted".equals(e.getMessage())) {
                    // As a blocking wait does when interrupted: the flag is consumed by the exception.
                    Thread.interrupted();
                    InterruptedException interrupted = new InterruptedException("Interrupted while calling " + what);
                    interrupted.initCause(e);
                    future.completeExceptionally(interrupted);
                } else if (watch.expired()) {
                    // What OkHttp's own call timeout throws.
                    InterruptedIOException timeout = new InterruptedIOException("timeout");
                    timeout.initCause(e);
                    future.completeExceptionally(transportFailure(timeout, what, request));
                } else {
                    future.completeExceptionally(transportFailure(e, what, request));
                }
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        }
        return future;
    }

    /**
     * Sends {@code request} (a GET, by its method, URL and headers) with {@code body}, which OkHttp cannot send with a
     * GET, through the JDK client of {@link HttpClientFactory#forBodyOnGet}; otherwise as {@link #send}: the answer is
     * read by {@code reader} through the same limit, failures are classified the same way, and cancelling the future
     * abandons the call.
     *
     * @param timeout how long the server may take to start answering
     */
    public static <T> CompletableFuture<T> sendBodyOnGet(HttpClientFactory.BodyOnGetClient client, Request request,
            byte[] body, Duration timeout, String what, AnswerLimits.Limit limit, AnswerReader<T> reader) {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(request.url().uri())
                .method(request.method(), java.net.http.HttpRequest.BodyPublishers.ofByteArray(body))
                .timeout(timeout);
        for (String name : request.headers().names()) {
            request.headers().values(name).forEach(value -> b.header(name, value));
        }
        if (client.proxyAuthorization() != null) {
            b.header("Proxy-Authorization", client.proxyAuthorization());
        }
        CompletableFuture<java.net.http.HttpResponse<java.io.InputStream>> call;
        try {
            call = client.client().sendAsync(b.build(), java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<T> future = new CompletableFuture<>();
        future.whenComplete((r, e) -> {
            if (e != null) {
                call.cancel(true);
            }
        });
        call.whenComplete((response, failure) -> {
            if (failure != null) {
                Throwable cause = Futures.unwrap(failure);
                future.completeExceptionally(cause instanceof IOException io ? transportFailure(io, what, request)
                        : cause);
                return;
            }
            // The same reader as OkHttp's answers: the JDK's answer, as an OkHttp response.
            okhttp3.Headers.Builder headers = new okhttp3.Headers.Builder();
            response.headers().map().forEach((name, values) -> values.forEach(v -> headers.addUnsafeNonAscii(name, v)));
            okhttp3.Headers h = headers.build();
            long length = response.headers().firstValueAsLong("Content-Length").orElse(-1L);
            try (java.io.InputStream in = response.body();
                    Response ok = new Response.Builder().request(request).protocol(okhttp3.Protocol.HTTP_1_1)
                            .code(response.statusCode()).message("").headers(h)
                            // No media type: Answer reads the Content-Type header itself.
                            .body(okhttp3.ResponseBody.create(okio.Okio.buffer(okio.Okio.source(in)), null, length))
                            .build()) {
                future.complete(reader.read(new Answer(request, ok, what, limit)));
            } catch (SeldonException e) {
                future.completeExceptionally(e);
            } catch (IOException e) {
                future.completeExceptionally(transportFailure(e, what, request));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    /**
     * Waits for a future of this client; an interrupt cancels it. {@code bound} is a safety net for a future that is
     * never completed: the work behind the future has timeouts of its own, which {@code bound} must exceed.
     *
     * @param what what is being called, for the message when {@code bound} passes
     * @throws SeldonException the failure the future completed with
     */
    public static <T> T await(CompletableFuture<T> future, Duration bound, String what)
            throws SeldonException, InterruptedException {
        try {
            return future.get(bound.plus(AWAIT_MARGIN).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new NetworkException(capitalise(what) + " did not complete within " + bound.plus(AWAIT_MARGIN)
                    .toSeconds() + " s; the call was abandoned. Check the health of the server.", Reason.CALL_TIMEOUT,
                    null, e);
        } catch (ExecutionException e) {
            Throwable cause = Futures.unwrap(e);
            if (cause instanceof SeldonException s) {
                throw s;
            }
            if (cause instanceof InterruptedException i) {
                throw i;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Unexpected failure", cause);
        }
    }

    /** {@code METHOD url} without user information, query or fragment: the "where" of every message. */
    public static String where(Request request) {
        return request.method() + " " + withoutQuery(request.url());
    }

    public static String withoutQuery(HttpUrl url) {
        return url.newBuilder().username("").password("").query(null).fragment(null).build().toString();
    }

    /**
     * Where a redirect points, resolved against the request and without query or fragment (which may carry state or
     * codes), or {@code null} when the response has no usable {@code Location}.
     */
    public static String location(Answer answer) {
        Request request = answer.request();
        String location = answer.headers().get("Location");
        HttpUrl target = location == null ? null : request.url().resolve(location);
        return target == null ? null : withoutQuery(target);
    }

    /** Classifies a transport failure. */
    static SeldonException transportFailure(IOException e, String what, Request request) {
        String host = request.url().host();
        String where = where(request);
        if (has(e, SSLPeerUnverifiedException.class) && !has(e, CertificateException.class)) {
            return new TlsException("The TLS certificate of " + what + " does not match the host name " + host + " ("
                    + where + "). Use the host name the certificate was issued for, or add the server's CA "
                    + "certificate in the server's TLS settings.", e);
        }
        // Only the client's own checks of the server's certificate fail with a CertificateException.
        if (has(e, CertificateException.class)) {
            return new TlsException("The TLS certificate of " + what + " is not trusted (" + where + "): "
                    + rootMessage(e) + ". Add the server's CA certificate in the server's TLS settings.", e);
        }
        if (refusedClientCertificate(e)) {
            return new TlsException(capitalise(what) + " refused the client certificate, or requires one (" + where
                    + "): " + rootMessage(e) + ". Configure the client certificate it expects in the server's TLS "
                    + "settings: one issued by a CA it trusts, not expired.", e);
        }
        if (has(e, SSLException.class)) {
            return new TlsException("The TLS connection to " + what + " failed (" + where + "): " + rootMessage(e)
                    + ". Check that the URL's scheme and port are right, or add the server's CA certificate in the "
                    + "server's TLS settings.", e);
        }
        if (has(e, UnknownHostException.class)) {
            return new NetworkException("Unknown host " + host + ": the name of " + what + " could not be resolved ("
                    + where + "). Check the URL and the DNS of the Jenkins controller or agent.",
                    Reason.UNKNOWN_HOST, host, e);
        }
        if (has(e, ConnectException.class) || has(e, NoRouteToHostException.class)) {
            return new NetworkException("Connection to " + what + " refused (" + where + "). Check the URL and port, "
                    + "and that the server is running and reachable from Jenkins.", Reason.CONNECTION_REFUSED, host, e);
        }
        if (has(e, java.net.http.HttpConnectTimeoutException.class)) {
            return new NetworkException("Connecting to " + what + " timed out (" + where + "). Check the URL, "
                    + "firewalls and proxies, or raise the connect timeout.", Reason.CONNECT_TIMEOUT, host, e);
        }
        if (has(e, java.net.http.HttpTimeoutException.class)) {
            return new NetworkException(capitalise(what) + " did not answer within the read timeout (" + where
                    + "). The server may be overloaded; check its health, or raise the read timeout.",
                    Reason.READ_TIMEOUT, host, e);
        }
        SocketTimeoutException timeout = find(e, SocketTimeoutException.class);
        if (timeout != null) {
            boolean connect = String.valueOf(timeout.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
            return connect
                    ? new NetworkException("Connecting to " + what + " timed out (" + where + "). Check the URL, "
                            + "firewalls and proxies, or raise the connect timeout.", Reason.CONNECT_TIMEOUT, host, e)
                    : new NetworkException(capitalise(what) + " did not answer within the read timeout (" + where
                            + "). The server may be overloaded; check its health, or raise the read timeout.",
                            Reason.READ_TIMEOUT, host, e);
        }
        if (e instanceof InterruptedIOException && "timeout".equals(e.getMessage())) {
            return new NetworkException(capitalise(what) + " did not complete the call in time (" + where
                    + "). The server may be overloaded; check its health, or raise the read timeout.",
                    Reason.CALL_TIMEOUT, host, e);
        }
        if (has(e, EOFException.class) || String.valueOf(e.getMessage()).startsWith("unexpected end of stream")) {
            return new NetworkException(capitalise(what) + " closed the connection before answering (" + where
                    + "). The server or a proxy in between may have restarted or dropped the request; check its "
                    + "health and try again." + clientCertificateHint(request), Reason.CONNECTION_CLOSED, host, e);
        }
        SocketException socket = find(e, SocketException.class);
        String socketMessage = socket == null ? "" : String.valueOf(socket.getMessage()).toLowerCase(Locale.ROOT);
        if (socketMessage.contains("reset")) {
            return new NetworkException(capitalise(what) + " reset the connection (" + where + "). The server or a "
                    + "proxy in between may have restarted or dropped the request; check its health and try again."
                    + clientCertificateHint(request), Reason.CONNECTION_CLOSED, host, e);
        }
        if (socketMessage.contains("broken pipe")) {
            return new NetworkException(capitalise(what) + " closed the connection while the request was sent ("
                    + where + "). The server or a proxy in between may have restarted or dropped the request; check "
                    + "its health and try again." + clientCertificateHint(request), Reason.CONNECTION_CLOSED, host, e);
        }
        return new NetworkException("The connection to " + what + " failed (" + where + "): " + rootMessage(e)
                + ". Check the URL and that the server is reachable from Jenkins.", Reason.CONNECTION_FAILED, host, e);
    }

    /**
     * Whether the server ended the handshake with an alert about the client's certificate (only a TLS peer sends
     * alerts).
     */
    private static boolean refusedClientCertificate(IOException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("Received fatal alert: ") && CLIENT_CERTIFICATE_ALERTS.stream().anyMatch(m::endsWith)) {
                return true;
            }
        }
        return false;
    }

    /**
     * With TLS 1.3 a server checks the client certificate after the client's side of the handshake, and one that then
     * closes at once may reach the client as a reset, a broken pipe or an end of stream instead of its alert.
     */
    private static String clientCertificateHint(Request request) {
        return request.isHttps() ? " If it requires a client certificate (mutual TLS), check the one in the server's "
                + "TLS settings." : "";
    }

    /** {@code the Seldon API} as the start of a sentence. */
    public static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        return find(t, type) != null;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m == null || m.isBlank()) {
            return root.getClass().getSimpleName();
        }
        // Some transport messages start with a line break or carry raw protocol bytes: one short line.
        String line = m.replaceAll("\\s+", " ").strip();
        return line.length() > 200 ? line.substring(0, 200) + " [...]" : line;
    }
}
