package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.GatewayLoginException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which cookies a scripted gateway sets count as its session (the named cookie and its numbered or {@code _chunks}
 * parts), and how long the session is reused: until the earliest of its parts expires, an hour at most.
 */
class SessionCookieChoiceTest {

    private static final String API_PATH = "/seldon-deploy/api/v1alpha1";

    private final LocalHttpServer gateway = LocalHttpServer.http();
    private final HttpClientFactory http = TestHttp.factory();

    @AfterEach
    void stop() {
        gateway.close();
    }

    /** A gateway whose login form, once posted, sets {@code cookies} and sends the browser back to the API. */
    private AuthHeader logIn(String... cookies) throws Exception {
        gateway.on(API_PATH, (ex, r) -> {
            if (ex.getRequestHeaders().getFirst("Cookie") != null) {
                LocalHttpServer.json(ex, 200, "{}");
            } else {
                redirect(ex, "/login");
            }
        });
        gateway.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                for (String c : cookies) {
                    ex.getResponseHeaders().add("Set-Cookie", c);
                }
                redirect(ex, API_PATH);
            } else {
                LocalHttpServer.respond(ex, 200, "text/html", "<form method=post><input name=username>"
                        + "<input type=password name=password></form>");
            }
        });
        SessionSettings s = SessionSettings.builder(URI.create(gateway.url() + API_PATH), GatewayKind.OTHER)
                .cookieName("session").user("alice", SecretText.of("pw")).build();
        return new SessionAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(10), http,
                new TokenCache()).authenticate();
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange ex, String location) throws java.io.IOException {
        ex.getResponseHeaders().set("Location", location);
        LocalHttpServer.respond(ex, 302, null, "");
    }

    private static void assertAbout(Instant expected, Instant actual) {
        assertTrue(!actual.isBefore(expected.minusSeconds(30)) && !actual.isAfter(expected.plusSeconds(2)),
                "expected about " + expected + ", was " + actual);
    }

    @Test
    void theSessionLastsUntilItsEarliestPartExpires() throws Exception {
        AuthHeader h = logIn("session_0=a; Path=/; Max-Age=900", "session_1=b; Path=/; Max-Age=300",
                "tracking=t; Path=/; Max-Age=5", "session_x=n; Path=/; Max-Age=10");
        assertEquals("Cookie", h.name());
        assertEquals("session_0=a; session_1=b; tracking=t; session_x=n", h.value().reveal());
        assertAbout(Instant.now().plusSeconds(300), h.expiresAt());
    }

    @Test
    void aSessionIsReusedForAnHourAtMost() throws Exception {
        assertAbout(Instant.now().plus(SessionAuthenticator.MAX_REUSE),
                logIn("session=s; Path=/; Max-Age=86400").expiresAt());
    }

    @Test
    void aBrowserSessionCookieIsReusedForAnHour() throws Exception {
        assertAbout(Instant.now().plus(SessionAuthenticator.MAX_REUSE), logIn("session_chunks=2; Path=/",
                "other=o; Path=/; Max-Age=60").expiresAt());
    }

    @Test
    void cookiesThatOnlyStartWithTheNameAreNoSession() {
        GatewayLoginException e = assertThrows(GatewayLoginException.class,
                () -> logIn("session_x=1; Path=/", "sessions=2; Path=/", "session_1a=3; Path=/", "session_=4; Path=/"));
        assertEquals(GatewayLoginException.Reason.NO_SESSION_COOKIE, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("cookies set: session_x, sessions, session_1a, session_"), e.getMessage());
    }
}
