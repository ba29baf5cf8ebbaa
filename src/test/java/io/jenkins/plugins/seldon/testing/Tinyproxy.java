package io.jenkins.plugins.seldon.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real HTTP proxy for the tests: Debian's {@code tinyproxy}, started on {@code 127.0.0.1} and a free port with its
 * own configuration in a temporary directory, requiring Basic proxy authentication, allowing only loopback clients.
 * {@code .ci/run} installs it where it is missing; a test that cannot get it reports itself skipped with the reason.
 */
public final class Tinyproxy implements AutoCloseable {

    private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/tinyproxy"), Path.of("/usr/sbin/tinyproxy"));

    private final Process process;
    private final Path dir;
    private final int port;

    private Tinyproxy(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /** Starts a proxy that accepts only {@code user} with {@code password}; skips the calling test without tinyproxy. */
    public static Tinyproxy start(String user, String password) throws IOException, InterruptedException {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(binary != null,
                "tinyproxy is not installed (Debian package tinyproxy; .ci/run installs it when it runs as root)");
        Path dir = Files.createTempDirectory("tinyproxy");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Files.writeString(dir.resolve("tinyproxy.conf"), String.join("\n",
                "Port " + port,
                "Listen 127.0.0.1",
                "Timeout 30",
                "MaxClients 64",
                "LogLevel Info",
                "LogFile \"" + dir.resolve("tinyproxy.log") + "\"",
                "Allow 127.0.0.1",
                "BasicAuth " + user + " " + password,
                ""), StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(binary.toString(), "-d", "-c", dir.resolve("tinyproxy.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        Tinyproxy proxy = new Tinyproxy(process, dir, port);
        proxy.awaitListening();
        return proxy;
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("tinyproxy exited: " + Files.readString(dir.resolve("stdout.txt")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("tinyproxy did not listen on port " + port + " within 10 seconds");
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Whether the proxy opened a connection to this port of the loopback host, according to its log. */
    public boolean forwardedTo(int targetPort) throws IOException {
        Path log = dir.resolve("tinyproxy.log");
        return Files.exists(log) && Files.readString(log).contains("opening connection to 127.0.0.1:" + targetPort);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
