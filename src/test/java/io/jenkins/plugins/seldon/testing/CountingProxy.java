package io.jenkins.plugins.seldon.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a local server, counting the connections clients open through it: in all, and
 * the most open at the same time.
 */
public final class CountingProxy implements AutoCloseable {

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final ExecutorService pumps = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "counting-proxy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();

    public CountingProxy(int targetPort) {
        target = new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort);
        try {
            listener = new ServerSocket(0, 256, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pumps.execute(this::accept);
    }

    /** {@code http://127.0.0.1:port} of the proxy. */
    public String url() {
        return "http://127.0.0.1:" + listener.getLocalPort();
    }

    /** Connections opened through the proxy so far. */
    public int opened() {
        return opened.get();
    }

    /** The most connections that were open at the same time. */
    public int peak() {
        return peak.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                opened.incrementAndGet();
                peak.accumulateAndGet(open.incrementAndGet(), Math::max);
                AtomicInteger halves = new AtomicInteger(2);
                Runnable closed = () -> {
                    if (halves.decrementAndGet() == 0) {
                        open.decrementAndGet();
                        closeQuietly(client);
                        closeQuietly(server);
                    }
                };
                pumps.execute(() -> pump(client, server, closed));
                pumps.execute(() -> pump(server, client, closed));
            } catch (IOException e) {
                // Closed.
            }
        }
    }

    private static void pump(Socket from, Socket to, Runnable done) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream()) {
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // Either side went away: the connection is over.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            done.run();
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        pumps.shutdownNow();
    }
}
