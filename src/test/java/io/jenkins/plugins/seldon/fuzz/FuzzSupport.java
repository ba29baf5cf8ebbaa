package io.jenkins.plugins.seldon.fuzz;

import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.http.AnswerLimits;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryPolicy;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the fuzz targets share: one local server whose answer each input sets, an HTTP client factory with tiny
 * retry waits and limits (so that each input runs in milliseconds), and a guard that keeps all traffic on this
 * machine: a request to any host but the loopback one goes to a port that refuses it, and is reported.
 */
final class FuzzSupport {

    static final LocalHttpServer SERVER = LocalHttpServer.http();
    static final HttpClientFactory HTTP = new HttpClientFactory(new okhttp3.OkHttpClient(),
            AnswerLimits.of(256 * 1024, 64 * 1024),
            new RetryPolicy(2, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2),
                    java.time.Duration.ofMillis(20)));
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");
    private static final AtomicReference<String> ELSEWHERE = new AtomicReference<>();

    static {
        int refusing;
        try (ServerSocket s = new ServerSocket(0)) {
            refusing = s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Proxy nowhere = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", refusing));
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                if (LOOPBACK.contains(uri.getHost())) {
                    return List.of(Proxy.NO_PROXY);
                }
                ELSEWHERE.compareAndSet(null, uri.toString());
                return List.of(nowhere);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // Expected for the refusing port.
            }
        });
    }

    private FuzzSupport() {
    }

    /** Fails when the client tried to reach another host than this one since the last call. */
    static void assertStayedLocal() {
        String where = reachedElsewhere();
        if (where != null) {
            throw new IllegalStateException("The client tried to reach " + where);
        }
    }

    /** Where the client tried to go outside this machine since the last call (refused there), or null. */
    static String reachedElsewhere() {
        return ELSEWHERE.getAndSet(null);
    }

    /** The client's declared failures are fine; anything else is a finding. */
    static void expected(Throwable t) {
        if (t instanceof SeldonException) {
            return;
        }
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("Undeclared failure", t);
    }
}
