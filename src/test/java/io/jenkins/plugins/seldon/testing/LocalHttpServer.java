package io.jenkins.plugins.seldon.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * A JDK HTTP(S) server on 127.0.0.1 with an ephemeral port, dispatching on exact paths (else on the longest matching
 * path prefix) and recording requests.
 */
public final class LocalHttpServer implements AutoCloseable {

    /** One request as the server saw it. */
    public record Recorded(String method, String path, String rawQuery, String authorization, String body) {}

    @FunctionalInterface
    public interface Handler {
        void handle(HttpExchange exchange, Recorded request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, Handler> prefixHandlers = new ConcurrentHashMap<>();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();

    private LocalHttpServer(HttpServer server) {
        this.server = server;
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    public static LocalHttpServer http() {
        try {
            return new LocalHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A plain http server on the IPv6 loopback address, {@code ::1}, for what IPv6 literals change; {@link #url()}
     * still names 127.0.0.1, use the port. Fails when the machine has no IPv6 loopback.
     */
    public static LocalHttpServer httpOnIpv6Loopback() throws IOException {
        return new LocalHttpServer(HttpServer.create(new InetSocketAddress(InetAddress.getByName("::1"), 0), 0));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public static LocalHttpServer https(SSLContext context) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.setHttpsConfigurator(new HttpsConfigurator(context));
            return new LocalHttpServer(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An HTTPS server that requires a client certificate trusted by {@code context}'s trust managers (mutual TLS):
     * handshakes without one, or with another, fail.
     */
    public static LocalHttpServer httpsRequiringClientCertificate(SSLContext context) {
        try {
            HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.setHttpsConfigurator(new HttpsConfigurator(context) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = context.getDefaultSSLParameters();
                    p.setNeedClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            return new LocalHttpServer(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public LocalHttpServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** Handles every path that starts with {@code prefix} and has no exact handler; the longest prefix wins. */
    public LocalHttpServer onPrefix(String prefix, Handler handler) {
        prefixHandlers.put(prefix, handler);
        return this;
    }

    /** {@code http(s)://127.0.0.1:port}, no trailing slash. */
    public String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    public long hits(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).count();
    }

    private void dispatch(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Recorded r = new Recorded(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                    ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst("Authorization"), body);
            requests.add(r);
            Handler h = handlers.get(r.path());
            if (h == null) {
                h = prefixHandlers.entrySet().stream().filter(e -> r.path().startsWith(e.getKey()))
                        .max(Comparator.comparingInt(e -> e.getKey().length())).map(Map.Entry::getValue)
                        .orElse(null);
            }
            if (h == null) {
                respond(ex, 404, "text/plain", "no handler for " + r.path());
            } else {
                h.handle(ex, r);
            }
        }
    }

    public static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public static void json(HttpExchange ex, int status, String body) throws IOException {
        respond(ex, status, "application/json", body);
    }

    /** Decodes an {@code application/x-www-form-urlencoded} body or query; the first of repeated names wins. */
    public static Map<String, String> form(String encoded) {
        Map<String, String> m = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return m;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            m.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
