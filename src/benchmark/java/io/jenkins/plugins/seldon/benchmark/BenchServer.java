package io.jenkins.plugins.seldon.benchmark;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A local API server for the benchmarks: answers each path with bytes fixed beforehand (or made per request) and only
 * counts requests. HTTP/1.1 with keep-alive on plain sockets with TCP_NODELAY, allocating next to nothing, so that it
 * costs the client side as little as possible and keeps no buffers of its own on the heap (the JDK's HttpServer
 * retains copies of large answers, which would blur the heap figures of the client measured in the same JVM).
 */
final class BenchServer implements AutoCloseable {

    static final String API = "/seldon-deploy/api/v1alpha1";

    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "benchmark server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Supplier<byte[]>> answers = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    BenchServer() throws IOException {
        socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        threads.execute(this::accept);
    }

    String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
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

    /** Requests so far. */
    long requests() {
        return requests.get();
    }

    void reset() {
        requests.set(0);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connection.setTcpNoDelay(true);
                threads.execute(() -> serve(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection; InputStream in = new BufferedInputStream(connection.getInputStream());
                OutputStream out = connection.getOutputStream()) {
            while (true) {
                String requestLine = line(in);
                if (requestLine == null || requestLine.isEmpty()) {
                    return;
                }
                long length = 0;
                for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                    if (header.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                        length = Long.parseLong(header.substring(15).trim());
                    }
                }
                in.skipNBytes(length);
                requests.incrementAndGet();
                String target = requestLine.split(" ")[1];
                int query = target.indexOf('?');
                Supplier<byte[]> answer = answers.get(query < 0 ? target : target.substring(0, query));
                byte[] body = answer == null ? new byte[0] : answer.get();
                byte[] head = ("HTTP/1.1 " + (answer == null ? "404 Not Found" : "200 OK")
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                // Two writes, no copy of the body: with TCP_NODELAY the head does not wait for an acknowledgement.
                out.write(head);
                out.write(body);
                out.flush();
            }
        } catch (SocketException e) {
            // The client closed the connection.
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One line of the request head without its CRLF, or {@code null} at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        threads.shutdownNow();
    }
}
