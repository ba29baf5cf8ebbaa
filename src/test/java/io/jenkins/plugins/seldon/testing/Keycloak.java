package io.jenkins.plugins.seldon.testing;

import io.jenkins.plugins.seldon.client.auth.SecretText;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.tls.HeldCertificate;

/**
 * A real Keycloak, started from the distribution the build unpacks (system property {@code keycloak.home}) in
 * development mode with an in-memory database and the test realms imported, on {@code 127.0.0.1} and free ports:
 * {@value #REALM} with a confidential client, a public client and two clients that authenticate with signed JWTs
 * (their keys made for each start), and {@value #ROTATING_REALM}, which revokes refresh tokens once used. Its output
 * goes to {@code keycloak-<port>.log} beside the distribution. {@link #close()} stops the whole process tree; a
 * shutdown hook does the same if the JVM ends first, and a pid file lets the next start stop one whose JVM was
 * killed.
 */
public final class Keycloak implements AutoCloseable {

    public static final String REALM = "deploy-realm";
    public static final String CLIENT_ID = "sd-api";
    /** Test-only values, also in {@code deploy-realm.json}. */
    public static final String CLIENT_SECRET = "sd-api-test-secret";
    public static final String USERNAME = "deployer";
    public static final String PASSWORD = "deployer-test-password";
    /** The realm's {@code accessTokenLifespan}; ID tokens expire with the access token. */
    public static final Duration TOKEN_LIFESPAN = Duration.ofSeconds(20);
    /** A public client of {@value #REALM} with direct access grants. */
    public static final String PUBLIC_CLIENT_ID = "sd-public";
    /** Clients of {@value #REALM} with Keycloak's "Signed JWT" authenticator: RS256 and ES256. */
    public static final String JWT_CLIENT_ID = "sd-jwt";
    public static final String JWT_EC_CLIENT_ID = "sd-jwt-ec";
    /** A realm that revokes a refresh token once used (and the session when one is used again), with the same user. */
    public static final String ROTATING_REALM = "rotating-realm";

    private static final List<String> REALMS = List.of(REALM, ROTATING_REALM);

    private static final String PID_SUFFIX = ".pid";

    private final Process process;
    private final Path log;
    private final Path pidFile;
    private final URI issuer;
    private final Instant started;
    private final ClientKeys keys;
    private final Thread shutdownHook;
    private Duration startupTime;

    /** The keys of the JWT clients, whose certificates the realm was imported with. */
    private record ClientKeys(HeldCertificate rsa, HeldCertificate ec) {
        static ClientKeys generate() {
            return new ClientKeys(new HeldCertificate.Builder().commonName(JWT_CLIENT_ID).rsa2048().build(),
                    new HeldCertificate.Builder().commonName(JWT_EC_CLIENT_ID).ecdsa256().build());
        }
    }

    private Keycloak(Process process, Path log, Path pidFile, URI issuer, Instant started, ClientKeys keys) {
        this.process = process;
        this.log = log;
        this.pidFile = pidFile;
        this.issuer = issuer;
        this.started = started;
        this.keys = keys;
        this.shutdownHook = new Thread(this::stop, "stop-keycloak");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts Keycloak and waits until the realm's discovery document is served. Starts from the same distribution
     * take turns (Keycloak rewrites its build files when it starts in development mode), and a Keycloak left behind
     * by a test JVM that died without stopping it is stopped first.
     */
    public static Keycloak start(Path home, Duration timeout) throws IOException, InterruptedException {
        if (!Files.isDirectory(home.resolve("bin"))) {
            throw new IOException("No Keycloak distribution at " + home + " (the build unpacks it; run the tests "
                    + "through Maven, or set the SELDON_IT_* variables to use another provider)");
        }
        try (FileChannel lockFile = FileChannel.open(home.getParent().resolve("keycloak.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            stopOrphans(home);
            return startLocked(home, timeout);
        }
    }

    private static Keycloak startLocked(Path home, Duration timeout) throws IOException, InterruptedException {
        Path importDir = home.resolve("data").resolve("import");
        Files.createDirectories(importDir);
        ClientKeys keys = ClientKeys.generate();
        for (String name : REALMS) {
            try (InputStream realm = Keycloak.class.getResourceAsStream(name + ".json")) {
                if (realm == null) {
                    throw new IOException("test resource " + name + ".json is missing");
                }
                String json = new String(realm.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("@SD_JWT_RSA_CERTIFICATE@", base64(keys.rsa()))
                        .replace("@SD_JWT_EC_CERTIFICATE@", base64(keys.ec()));
                // Keycloak only imports files named <realm>-realm.json.
                Files.writeString(importDir.resolve(name + "-realm.json"), json, StandardCharsets.UTF_8);
            }
        }
        int port = freePort();
        int managementPort = freePort();
        Path log = home.getParent().resolve("keycloak-" + port + ".log");
        boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
        List<String> command = new ArrayList<>(windows
                ? List.of("cmd.exe", "/c", home.resolve("bin").resolve("kc.bat").toString())
                : List.of(home.resolve("bin").resolve("kc.sh").toString()));
        command.addAll(List.of("start-dev", "--import-realm", "--db=dev-mem",
                "--http-host=127.0.0.1", "--http-port=" + port, "--http-relative-path=/auth",
                "--hostname-strict=false", "--http-management-port=" + managementPort, "--health-enabled=false"));
        ProcessBuilder pb = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // The default heap is a share of the machine's memory; the tests need little and share the machine.
        env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        Instant started = Instant.now();
        Process process = pb.start();
        Path pidFile = home.getParent().resolve("keycloak-" + port + PID_SUFFIX);
        URI issuer = URI.create("http://127.0.0.1:" + port + "/auth/realms/" + REALM);
        // Registers the shutdown hook before anything else can fail, so that no failure below leaves it running.
        Keycloak kc = new Keycloak(process, log, pidFile, issuer, started, keys);
        try {
            Files.writeString(pidFile, process.pid() + " " + ProcessHandle.current().pid());
            kc.awaitDiscovery(started.plus(timeout));
        } catch (InterruptedException e) {
            kc.close();
            throw e;
        } catch (IOException | RuntimeException e) {
            kc.close();
            throw new IOException(e.getMessage() + "\n--- last lines of " + log + " ---\n" + tail(log, 40), e);
        }
        return kc;
    }

    /** Stops Keycloaks recorded in pid files whose test JVM is gone (killed before it could stop them). */
    private static void stopOrphans(Path home) throws IOException {
        try (DirectoryStream<Path> pidFiles = Files.newDirectoryStream(home.getParent(), "keycloak-*" + PID_SUFFIX)) {
            for (Path pidFile : pidFiles) {
                String[] pids = Files.readString(pidFile).trim().split(" ");
                // A file cut short by a killed JVM names no process to stop; it must not block every later start.
                if (pids.length != 2 || !pids[0].matches("\\d+") || !pids[1].matches("\\d+")) {
                    Files.deleteIfExists(pidFile);
                    continue;
                }
                if (ProcessHandle.of(Long.parseLong(pids[1])).map(ProcessHandle::isAlive).orElse(false)) {
                    continue;
                }
                // Only a process that still runs this distribution: the id may have been reused since.
                ProcessHandle.of(Long.parseLong(pids[0]))
                        .filter(p -> p.info().commandLine().map(c -> c.contains(home.toString())).orElse(false))
                        .ifPresent(Keycloak::stopTree);
                Files.deleteIfExists(pidFile);
            }
        }
    }

    private void awaitDiscovery(Instant deadline) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak exited with status " + process.exitValue() + " during startup");
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    startupTime = Duration.between(started, Instant.now());
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("Keycloak did not serve " + request.uri() + " in time");
            }
            Thread.sleep(500);
        }
    }

    /** The certificate as Keycloak's {@code jwt.credential.certificate} attribute holds it: base64 DER. */
    private static String base64(HeldCertificate held) {
        try {
            return Base64.getEncoder().encodeToString(held.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI issuer() {
        return issuer;
    }

    /** The issuer of another realm of this Keycloak, e.g. {@value #ROTATING_REALM}. */
    public URI issuer(String realm) {
        return URI.create(issuer.toString().replace("/realms/" + REALM, "/realms/" + realm));
    }

    /** The key and certificate of {@value #JWT_CLIENT_ID} (RSA 2048). */
    public HeldCertificate rsaClientKey() {
        return keys.rsa();
    }

    /** The key and certificate of {@value #JWT_EC_CLIENT_ID} (EC P-256). */
    public HeldCertificate ecClientKey() {
        return keys.ec();
    }

    public Path log() {
        return log;
    }

    /** How long startup took, until the discovery document was served. */
    public Duration startupTime() {
        return startupTime;
    }

    public OidcProvider provider() {
        return new OidcProvider(issuer, CLIENT_ID, SecretText.of(CLIENT_SECRET), USERNAME, SecretText.of(PASSWORD),
                this);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will run
        }
        stop();
    }

    /** Stops Keycloak and whatever its launcher script started, by process id. */
    private void stop() {
        stopTree(process.toHandle());
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // the next start checks the recorded process and finds it gone
        }
    }

    private static void stopTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        tree.add(root);
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
