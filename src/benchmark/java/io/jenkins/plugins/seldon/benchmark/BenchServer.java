package io.jenkins.plugins.seldon.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A local API server for the benchmarks: answers each path with bytes fixed beforehand (or made per request) and only
 * counts requests, so that it costs the client side as little as possible.
 */
final class BenchServer implements AutoCloseable {

    static final String API = "/seldon-deploy/api/v1alpha1";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final Map<String, Supplier<byte[]>> answers = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    BenchServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code path} (below the API) with these bytes. */
    BenchServer answer(String path, byte[] body) {
        answers.put(API + path, () -> body);
        return this;
    }

    /** Answers {@code path} (below the API) with what {@code body} makes at each request. */
    BenchServer answer(String path, Supplier<byte[]> body) {
        answers.put(API + path, body);
        return this;
    }

    /** Requests of every path so far. */
    long requests() {
        return counts.values().stream().mapToLong(AtomicLong::get).sum();
    }

    void reset() {
        counts.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            counts.computeIfAbsent(path, p -> new AtomicLong()).incrementAndGet();
            ex.getRequestBody().readAllBytes();
            Supplier<byte[]> answer = answers.get(path);
            if (answer == null) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = answer.get();
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
