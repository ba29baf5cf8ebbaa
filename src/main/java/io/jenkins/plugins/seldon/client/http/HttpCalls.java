package io.jenkins.plugins.seldon.client.http;

import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NetworkException.Reason;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Runs OkHttp calls so that they can always be abandoned: every call is asynchronous, and cancelling the future or
 * interrupting the waiting thread cancels the call. Transport failures become {@link NetworkException} or
 * {@link TlsException} with a message that says what failed, where, and what to check.
 */
public final class HttpCalls {

    private HttpCalls() {
    }

    /**
     * Starts the call. The future completes with the fully read response, or exceptionally with a
     * {@link SeldonException}; cancelling it cancels the call.
     *
     * @param what what is being called, for messages, e.g. {@code "the Seldon API"}
     */
    public static CompletableFuture<HttpResult> send(OkHttpClient client, Request request, String what) {
        Call call = client.newCall(request);
        CompletableFuture<HttpResult> future = new CompletableFuture<>();
        future.whenComplete((r, e) -> {
            if (e instanceof CancellationException) {
                call.cancel();
            }
        });
        call.enqueue(new Callback() {
            @Override
            public void onResponse(Call c, Response response) {
                // Read the body here so that timeouts and cancellation cover it too.
                try (response) {
                    future.complete(new HttpResult(response.code(), response.headers(), response.body().string()));
                } catch (IOException e) {
                    future.completeExceptionally(transportFailure(e, what, request));
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
     * Sends the request and waits for the response.
     *
     * @throws InterruptedException when the thread is interrupted; the call is cancelled
     */
    public static HttpResult execute(OkHttpClient client, Request request, String what)
            throws SeldonException, InterruptedException {
        return await(send(client, request, what));
    }

    /**
     * Waits for a future of this client; an interrupt cancels it.
     *
     * @throws SeldonException the failure the future completed with
     */
    public static <T> T await(CompletableFuture<T> future) throws SeldonException, InterruptedException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SeldonException s) {
                throw s;
            }
            throw new IllegalStateException("Unexpected failure", e.getCause());
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
    public static String location(HttpResult result, Request request) {
        String location = result.headers().get("Location");
        HttpUrl target = location == null ? null : request.url().resolve(location);
        return target == null ? null : withoutQuery(target);
    }

    /** Classifies a transport failure. */
    private static SeldonException transportFailure(IOException e, String what, Request request) {
        String host = request.url().host();
        String where = where(request);
        if (has(e, SSLPeerUnverifiedException.class) && !has(e, CertificateException.class)) {
            return new TlsException("The TLS certificate of " + what + " does not match the host name " + host + " ("
                    + where + "). Use the host name the certificate was issued for, or add the server's CA "
                    + "certificate in the server's TLS settings.", e);
        }
        if (has(e, SSLHandshakeException.class) && has(e, CertificateException.class)) {
            return new TlsException("The TLS certificate of " + what + " is not trusted (" + where + "): "
                    + rootMessage(e) + ". Add the server's CA certificate in the server's TLS settings.", e);
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
        return new NetworkException("The connection to " + what + " failed (" + where + "): " + rootMessage(e)
                + ". Check the URL and that the server is reachable from Jenkins.", Reason.CONNECTION_FAILED, host, e);
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static boolean has(Throwable t, Class<? extends Throwable> type) {
        return find(t, type) != null;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m;
    }
}
