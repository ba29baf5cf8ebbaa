package io.jenkins.plugins.seldon.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

/**
 * An HTTPS server on 127.0.0.1 that requires a client certificate and, when the handshake fails, behaves as a careful
 * server does: it sends the TLS alert and reads what the client already sent before closing, so that the client
 * receives the alert rather than a reset (the JDK's own HTTPS server closes at once, and the client's request still in
 * its buffer turns the close into a reset). Answers every request with one JSON object; for the TLS version given.
 */
public final class MutualTlsServer implements AutoCloseable {

    private final ServerSocket listener;
    private final SSLContext context;
    private final String protocol;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<String> clients = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    /** @param protocol {@code TLSv1.2} (the client's certificate is checked in the handshake) or {@code TLSv1.3} */
    public MutualTlsServer(SSLContext context, String protocol) throws IOException {
        this.context = context;
        this.protocol = protocol;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    public String url() {
        return "https://127.0.0.1:" + listener.getLocalPort();
    }

    /** The subject of each client certificate accepted. */
    public List<String> clients() {
        return List.copyOf(clients);
    }

    /** Why each refused handshake failed, as the server saw it. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket plain = listener.accept();
                executor.execute(() -> serve(plain));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket plain) {
        try (plain) {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), false);
            tls.setUseClientMode(false);
            tls.setNeedClientAuth(true);
            tls.setEnabledProtocols(new String[] {protocol});
            try {
                tls.startHandshake();
                // TLS 1.3 verifies the client's certificate when it first reads after the handshake.
                InputStream in = tls.getInputStream();
                readHead(in);
                clients.add(tls.getSession().getPeerPrincipal().getName());
                byte[] body = "{\"Id\":\"jenkins\"}".getBytes(StandardCharsets.UTF_8);
                OutputStream out = tls.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
                tls.close();
            } catch (SSLException refused) {
                failures.add(String.valueOf(refused.getMessage()));
                drain(plain);
            }
        } catch (IOException e) {
            failures.add("I/O: " + e.getMessage());
        }
    }

    /** Reads the request line and headers; the requests of these tests have no body. */
    private static void readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the client closed the connection before its request ended");
            }
            head.write(b);
        }
    }

    /** Reads what the client sent until it closes or half a second passes, so that closing sends no reset. */
    private static void drain(Socket plain) {
        try {
            plain.setSoTimeout(500);
            InputStream in = plain.getInputStream();
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // discarded
            }
        } catch (SocketTimeoutException done) {
            // the client keeps the connection open; closing now sends no reset, the input having been read
        } catch (IOException e) {
            // the client closed or reset it first
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        executor.shutdownNow();
    }
}
