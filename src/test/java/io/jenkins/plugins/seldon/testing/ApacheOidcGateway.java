package io.jenkins.plugins.seldon.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real authenticating gateway for the tests: Debian's Apache httpd with {@code mod_auth_openidc}, started as a
 * child process on {@code 127.0.0.1} and a free port with its own configuration, server root and pid file in a
 * temporary directory (no system service), in front of an upstream (the fake API). It protects the API path with an
 * OpenID Connect provider's authorization code flow (client {@value #CLIENT_ID} of the test realm), redirects
 * unauthenticated API-style requests to the provider's login page too ({@code OIDCUnAuthAction auth true}), keeps the
 * session in a cookie split into chunks ({@code OIDCSessionType client-cookie}) and passes the ID token on as a bearer
 * token, as gateways in front of Seldon do. {@code .ci/run} installs the packages where they are missing; a test that
 * cannot get them reports itself skipped with the reason.
 */
public final class ApacheOidcGateway implements AutoCloseable {

    /** The test realm's client for the gateway; test-only values, also in {@code deploy-realm.json}. */
    public static final String CLIENT_ID = "sd-gateway";
    public static final String CLIENT_SECRET = "sd-gateway-test-secret";
    public static final String SESSION_COOKIE = "mod_auth_openidc_session";

    private static final List<Path> BINARIES = List.of(Path.of("/usr/sbin/apache2"), Path.of("/usr/sbin/httpd"));
    private static final List<Path> MODULE_DIRS = List.of(Path.of("/usr/lib/apache2/modules"),
            Path.of("/usr/lib64/httpd/modules"), Path.of("/usr/lib/httpd/modules"));
    private static final List<String> MODULES = List.of("mpm_event", "authn_core", "authz_core", "authz_user",
            "headers", "proxy", "proxy_http", "auth_openidc");

    private final Process process;
    private final Path dir;
    private final int port;

    private ApacheOidcGateway(Process process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts Apache in front of {@code upstream} (scheme, host and port), logging in with {@code issuer}'s client
     * {@value #CLIENT_ID}; skips the calling test without Apache httpd or mod_auth_openidc.
     */
    public static ApacheOidcGateway start(URI issuer, URI upstream) throws IOException, InterruptedException {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(binary != null, "Apache httpd is not installed (Debian package apache2; .ci/run "
                + "installs it when it runs as root)");
        Path modules = MODULE_DIRS.stream().filter(d -> Files.isRegularFile(d.resolve("mod_auth_openidc.so")))
                .findFirst().orElse(null);
        Assumptions.assumeTrue(modules != null, "mod_auth_openidc is not installed (Debian package "
                + "libapache2-mod-auth-openidc; .ci/run installs it when it runs as root)");
        Path dir = Files.createTempDirectory("apache-oidc");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        byte[] passphrase = new byte[32];
        new SecureRandom().nextBytes(passphrase);
        List<String> conf = new ArrayList<>(List.of(
                "ServerRoot \"" + dir + "\"",
                "Listen 127.0.0.1:" + port,
                "ServerName 127.0.0.1",
                "PidFile \"" + dir.resolve("httpd.pid") + "\"",
                "DefaultRuntimeDir \"" + dir + "\"",
                "ErrorLog \"" + dir.resolve("error.log") + "\"",
                "LogLevel warn auth_openidc:info",
                "StartServers 1",
                "ServerLimit 1",
                "ThreadsPerChild 16",
                "MinSpareThreads 1",
                "MaxSpareThreads 16",
                "MaxRequestWorkers 16"));
        if ("root".equals(System.getProperty("user.name"))) {
            // As root (CI), Apache's workers must run as an unprivileged user; they need no file of their own.
            conf.add("User #65534");
            conf.add("Group #65534");
        }
        for (String m : MODULES) {
            conf.add("LoadModule " + m + "_module \"" + modules.resolve("mod_" + m + ".so") + "\"");
        }
        conf.addAll(List.of(
                "OIDCProviderMetadataURL " + issuer + "/.well-known/openid-configuration",
                "OIDCClientID " + CLIENT_ID,
                "OIDCClientSecret " + CLIENT_SECRET,
                "OIDCRedirectURI " + base + "/seldon-deploy/oidc-callback",
                "OIDCCryptoPassphrase " + Base64.getEncoder().encodeToString(passphrase),
                "OIDCScope \"openid profile email\"",
                "OIDCPassIDTokenAs serialized",
                // The session in the cookie itself, split into chunks as large sessions are; such a session keeps
                // the ID token, which the upstream needs, only when told to.
                "OIDCSessionType client-cookie:store_id_token",
                "OIDCSessionCookieChunkSize 1000",
                // All chunks travel in one Cookie header, which Keycloak's tokens take past Apache's default limit of
                // 8190 bytes (refused with 400 before any module runs); such deployments raise it, as here.
                "LimitRequestFieldSize 32768",
                "<Location /seldon-deploy/>",
                "  AuthType openid-connect",
                "  Require valid-user",
                // API-style requests (Accept: application/json) too are sent to the login page, not answered 401.
                "  OIDCUnAuthAction auth true",
                "  RequestHeader set Authorization \"Bearer %{OIDC_id_token}e\" env=OIDC_id_token",
                "  ProxyPass " + upstream + "/seldon-deploy/",
                "</Location>",
                ""));
        Files.write(dir.resolve("httpd.conf"), conf, StandardCharsets.UTF_8);
        Process process = new ProcessBuilder(binary.toString(), "-f", dir.resolve("httpd.conf").toString(), "-d",
                dir.toString(), "-D", "FOREGROUND")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        ApacheOidcGateway apache = new ApacheOidcGateway(process, dir, port);
        apache.awaitListening();
        return apache;
    }

    private void awaitListening() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("Apache httpd exited: " + Files.readString(dir.resolve("stdout.txt")) + "\n"
                        + log());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        close();
        throw new IOException("Apache httpd did not listen on port " + port + " within 15 seconds\n" + log());
    }

    /** The API URL behind the gateway, as a user configures it. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + port + FakeSeldonApi.BASE_PATH);
    }

    /** Apache's error log, for the message of a failed test. */
    public String log() {
        try {
            Path log = dir.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "(no error log)";
        } catch (IOException e) {
            return "(cannot read the error log: " + e.getMessage() + ")";
        }
    }

    /** Stops Apache (its parent, which stops its workers, and any worker left, by process id); removes its files. */
    @Override
    public void close() {
        List<ProcessHandle> workers = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        workers.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind does no harm.
        }
    }
}
