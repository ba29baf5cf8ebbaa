package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.seldon.client.error.GatewayLoginException;
import io.jenkins.plugins.seldon.client.error.GatewayLoginException.Reason;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.client.http.AnswerLimits;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the session login travels: https kept once used, the password never over plain http when the API is https,
 * outages asked again only before the password was sent, and the password's POST on a connection of its own. Each
 * against scripted gateways.
 */
class SessionLoginTransportTest {

    private static final String API_PATH = "/seldon-deploy/api/v1alpha1";
    private static final String PASSWORD = "pw-7c1e";
    private static final String LOGIN_FORM = "<form method=post><input name=username>"
            + "<input type=password name=password></form>";
    private static final HeldCertificate ROOT = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Test CA").build();
    private static final HeldCertificate LOCALHOST = new HeldCertificate.Builder().signedBy(ROOT)
            .commonName("127.0.0.1").addSubjectAlternativeName("127.0.0.1").build();

    private final HttpClientFactory http = TestHttp.factory();
    private final List<LocalHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(LocalHttpServer::close);
    }

    private LocalHttpServer http() {
        LocalHttpServer s = LocalHttpServer.http();
        servers.add(s);
        return s;
    }

    private LocalHttpServer https() {
        LocalHttpServer s = LocalHttpServer.https(new HandshakeCertificates.Builder()
                .heldCertificate(LOCALHOST, ROOT.certificate()).build().sslContext());
        servers.add(s);
        return s;
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        LocalHttpServer.respond(ex, 302, null, "");
    }

    /** A gateway whose API sends browsers to /login, whose POST answers with {@code posted}. */
    private static void script(LocalHttpServer gateway, String loginPage, LocalHttpServer.Handler posted) {
        gateway.on(API_PATH, (ex, r) -> {
            if (String.valueOf(ex.getRequestHeaders().getFirst("Cookie")).contains("session=")) {
                LocalHttpServer.json(ex, 200, "{}");
            } else {
                redirect(ex, "/login");
            }
        });
        gateway.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                posted.handle(ex, r);
            } else {
                LocalHttpServer.respond(ex, 200, "text/html", loginPage);
            }
        });
    }

    /** Sets the session cookie and sends the browser back to the API. */
    private static void session(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().add("Set-Cookie", "session=s1; Path=/; HttpOnly");
        redirect(ex, API_PATH);
    }

    private SessionAuthenticator authenticator(LocalHttpServer gateway, TlsSettings tls) {
        SessionSettings s = SessionSettings.builder(URI.create(gateway.url() + API_PATH), GatewayKind.OTHER)
                .cookieName("session").user("alice", SecretText.of(PASSWORD)).build();
        return new SessionAuthenticator(s, tls, Duration.ofSeconds(5), Duration.ofSeconds(10), http,
                new TokenCache());
    }

    private static TlsSettings trusted() {
        return TlsSettings.withExtraCa(ROOT.certificatePem());
    }

    private static <T extends SeldonException> T fails(Class<T> type, SessionAuthenticator auth) {
        T e = assertThrows(type, auth::authenticate);
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        return e;
    }

    private static long posts(LocalHttpServer s) {
        return s.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    @Test
    void anHttpsLoginStaysOnHttps() throws Exception {
        LocalHttpServer gateway = https();
        script(gateway, LOGIN_FORM, (ex, r) -> session(ex));
        assertEquals("session=s1", authenticator(gateway, trusted()).authenticate().value().reveal());

        LocalHttpServer plain = http();
        plain.onPrefix("/", (ex, r) -> LocalHttpServer.respond(ex, 200, "text/html", LOGIN_FORM));
        gateway.on(API_PATH, (ex, r) -> redirect(ex, plain.url() + "/login"));
        GatewayLoginException e = fails(GatewayLoginException.class, authenticator(gateway, trusted()));
        assertEquals(Reason.BAD_REDIRECT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("redirected from https to plain http (GET " + gateway.url() + API_PATH
                + " to " + plain.url() + "/login)"), e.getMessage());
        assertTrue(plain.requests().isEmpty(), "the redirect was not followed");
    }

    @Test
    void thePasswordOfAnHttpsApiGoesOverHttpsOnly() {
        LocalHttpServer gateway = https();
        LocalHttpServer plain = http();
        script(gateway, "<form method=post action='" + plain.url() + "/collect'><input name=username>"
                + "<input type=password name=password></form>", (ex, r) -> session(ex));
        GatewayLoginException overHttp = fails(GatewayLoginException.class, authenticator(gateway, trusted()));
        assertEquals(Reason.PASSWORD_NOT_SENT, overHttp.reason(), overHttp.getMessage());
        assertTrue(overHttp.getMessage().contains("it would go over plain http (" + plain.url() + "/collect)"),
                overHttp.getMessage());

        LocalHttpServer foreign = https();
        script(gateway, "<form method=post action='" + foreign.url() + "/collect'><input name=username>"
                + "<input type=password name=password></form>", (ex, r) -> session(ex));
        GatewayLoginException elsewhere = fails(GatewayLoginException.class, authenticator(gateway, trusted()));
        assertTrue(elsewhere.getMessage().contains("the form would send it to " + foreign.url() + ", which is neither "
                + "the gateway's origin nor the allowed login origin (the password only goes to " + gateway.url()
                + ", over https)."), elsewhere.getMessage());
        assertTrue(plain.requests().isEmpty() && foreign.requests().isEmpty(), "nothing was sent to either");
    }

    @Test
    void anUntrustedGatewayFailsAsTlsAtOnce() {
        LocalHttpServer gateway = https();
        script(gateway, LOGIN_FORM, (ex, r) -> session(ex));
        TlsException e = fails(TlsException.class, authenticator(gateway, TlsSettings.verify()));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
        assertTrue(gateway.requests().isEmpty());
    }

    @Test
    void aConnectionLostBeforeThePasswordIsAskedAgainButNotAfter() throws Exception {
        LocalHttpServer gateway = http();
        script(gateway, LOGIN_FORM, (ex, r) -> session(ex));
        AtomicInteger first = new AtomicInteger();
        LocalHttpServer.Handler api = (ex, r) -> {
            if (first.incrementAndGet() == 1) {
                // Closed without an answer, as by a gateway restarting.
                return;
            }
            if (String.valueOf(ex.getRequestHeaders().getFirst("Cookie")).contains("session=")) {
                LocalHttpServer.json(ex, 200, "{}");
            } else {
                redirect(ex, "/login");
            }
        };
        gateway.on(API_PATH, api);
        AuthHeader h = authenticator(gateway, TlsSettings.verify()).authenticate();
        assertEquals("session=s1", h.value().reveal());
        assertEquals(3, gateway.hits(API_PATH), "lost, asked again, and the way back from the login");

        LocalHttpServer lost = http();
        script(lost, LOGIN_FORM, (ex, r) -> { });
        NetworkException e = fails(NetworkException.class, authenticator(lost, TlsSettings.verify()));
        assertTrue(e.getMessage().contains("/login"), e.getMessage());
        assertEquals(1, posts(lost), "the password is never sent twice");
    }

    @Test
    void thePasswordIsPostedOnAConnectionOfItsOwn() throws Exception {
        LocalHttpServer gateway = http();
        List<String> connections = new ArrayList<>();
        gateway.on(API_PATH, (ex, r) -> {
            connections.add("GET " + ex.getRemoteAddress().getPort());
            if (String.valueOf(ex.getRequestHeaders().getFirst("Cookie")).contains("session=")) {
                LocalHttpServer.json(ex, 200, "{}");
            } else {
                redirect(ex, "/login");
            }
        });
        gateway.on("/login", (ex, r) -> {
            connections.add(r.method() + " " + ex.getRemoteAddress().getPort());
            if (r.method().equals("POST")) {
                session(ex);
            } else {
                LocalHttpServer.respond(ex, 200, "text/html", LOGIN_FORM);
            }
        });
        authenticator(gateway, TlsSettings.verify()).authenticate();
        assertEquals(List.of("GET", "GET", "POST", "GET"), connections.stream().map(c -> c.split(" ")[0]).toList());
        String[] port = connections.stream().map(c -> c.split(" ")[1]).toArray(String[]::new);
        // The pages share a connection; the POST, which must never be sent twice, takes a new one.
        assertEquals(port[0], port[1], connections.toString());
        assertNotEquals(port[1], port[2], connections.toString());
        assertNotEquals(port[2], port[3], connections.toString());
    }
    @Test
    void aGatewayHostThatCannotBeFoundIsNotAskedAgain() {
        // Resolved by the test, so that no name is looked up outside this machine.
        HttpClientFactory resolving = new HttpClientFactory(new OkHttpClient.Builder().dns(host -> {
            if (host.endsWith(".invalid")) {
                throw new UnknownHostException(host);
            }
            return Dns.SYSTEM.lookup(host);
        }).build(), AnswerLimits.fromSystemProperties(), TestHttp.FAST_RETRIES);
        LocalHttpServer gateway = http();
        gateway.on(API_PATH, (ex, r) -> redirect(ex, "http://sso.example.invalid/login"));
        SessionSettings s = SessionSettings.builder(URI.create(gateway.url() + API_PATH), GatewayKind.OTHER)
                .cookieName("session").user("alice", SecretText.of(PASSWORD)).build();
        NetworkException e = fails(NetworkException.class, new SessionAuthenticator(s, TlsSettings.verify(),
                Duration.ofSeconds(5), Duration.ofSeconds(10), resolving, new TokenCache()));
        assertFalse(e.mayPass(), e.getMessage());
        assertEquals(1, gateway.hits(API_PATH), "a name that cannot be found is a setting to fix, not an outage");
    }

    @Test
    void unusableTlsSettingsFailAsTlsBeforeAnythingIsSent() {
        LocalHttpServer gateway = https();
        script(gateway, LOGIN_FORM, (ex, r) -> session(ex));
        TlsException e = fails(TlsException.class, authenticator(gateway, TlsSettings.withExtraCa("not a PEM")));
        assertTrue(e.getMessage().startsWith("Cannot log in through the gateway at " + gateway.url() + API_PATH + ": "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("Check the server's TLS settings."), e.getMessage());
        assertTrue(gateway.requests().isEmpty());
    }
}
