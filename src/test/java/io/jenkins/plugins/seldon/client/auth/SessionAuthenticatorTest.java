package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.ServerVersions;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.GatewayLoginException;
import io.jenkins.plugins.seldon.client.error.GatewayLoginException.Reason;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.client.error.UnsupportedRequestException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.GatewayImitation;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.TestHttp;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The session login against local imitations of Kubeflow's gateways (oidc-authservice and oauth2-proxy, each with
 * Dex) in front of the fake API, and against scripted pages for what no real gateway should do.
 */
class SessionAuthenticatorTest {

    private final TestTokenIssuer issuer = new TestTokenIssuer();
    private final FakeSeldonApi api = start();
    private final HttpClientFactory http = TestHttp.factory();
    private final TokenCache cache = new TokenCache();
    private final List<AutoCloseable> closing = new ArrayList<>();

    private FakeSeldonApi start() {
        try {
            return FakeSeldonApi.start(issuer.verifier());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
        api.close();
    }

    private GatewayImitation gateway(GatewayImitation.Kind kind) {
        GatewayImitation gw = GatewayImitation.start(kind, api, issuer);
        closing.add(gw);
        return gw;
    }

    private LocalHttpServer server() {
        LocalHttpServer s = LocalHttpServer.http();
        closing.add(s);
        return s;
    }

    private static GatewayKind kindOf(GatewayImitation.Kind kind) {
        return kind == GatewayImitation.Kind.OIDC_AUTHSERVICE ? GatewayKind.OIDC_AUTHSERVICE : GatewayKind.OAUTH2_PROXY;
    }

    private static SessionSettings.Builder settings(URI apiUrl, GatewayKind kind, String password) {
        return SessionSettings.builder(apiUrl, kind).user(GatewayImitation.USER, SecretText.of(password));
    }

    private static SessionSettings.Builder settings(GatewayImitation gw, GatewayImitation.Kind kind) {
        return settings(gw.apiUrl(), kindOf(kind), GatewayImitation.PASSWORD);
    }

    private SessionAuthenticator authenticator(SessionSettings s) {
        return new SessionAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(10), http,
                cache);
    }

    private SeldonClient client(URI apiUrl, RequestAuthenticator auth) {
        return new SeldonClient(new ServerSettings(apiUrl.toString()), auth, http,
                new ServerVersions(java.time.Clock.systemUTC(), Duration.ofMinutes(10)));
    }

    private static GatewayLoginException loginFails(SessionAuthenticator auth, Reason reason) {
        GatewayLoginException e = assertThrows(GatewayLoginException.class, auth::authenticate);
        assertEquals(reason, e.reason(), e.getMessage());
        assertFalse(e.getMessage().contains(GatewayImitation.PASSWORD), e.getMessage());
        return e;
    }

    /** Every request a server received, as text: where a password or token would show if it had been sent. */
    private static String everything(List<LocalHttpServer.Recorded> requests) {
        StringBuilder b = new StringBuilder();
        requests.forEach(r -> b.append(r.method()).append(' ').append(r.path()).append('?').append(r.rawQuery())
                .append(' ').append(r.authorization()).append(' ').append(r.body()).append('\n'));
        return b.toString();
    }

    @ParameterizedTest
    @EnumSource(GatewayImitation.Kind.class)
    void logsInThroughTheGatewayAndReusesTheSession(GatewayImitation.Kind kind) throws Exception {
        GatewayImitation gw = gateway(kind);
        SessionAuthenticator auth = authenticator(settings(gw, kind).build());
        SeldonClient client = client(gw.apiUrl(), auth);
        ObjectNode user = client.user();
        assertEquals(GatewayImitation.USER, user.path("Id").asText(), user.toString());
        for (int i = 0; i < 5; i++) {
            client.list(ResourceKind.SELDON_DEPLOYMENT, "staging");
        }
        assertEquals(1, gw.logins(), "one login for every call");
        assertEquals(0, gw.refusedLogins());
        // The API saw the user the gateway logged in, with Dex's token the gateway passed on; the login's own way
        // back to the API URL, which is no API operation, aside.
        assertTrue(api.requests().stream().filter(r -> !r.rawPath().equals(FakeSeldonApi.BASE_PATH))
                .allMatch(r -> GatewayImitation.USER.equals(r.principal())), api.requests().toString());
        // The user name and password went to Dex's form only, once; no bearer was sent on the way.
        List<LocalHttpServer.Recorded> posts = gw.gatewayRequests().stream()
                .filter(r -> r.method().equals("POST") && r.body().contains("password=")).toList();
        assertEquals(1, posts.size(), everything(gw.gatewayRequests()));
        assertEquals("/dex/auth/local/login", posts.get(0).path());
        assertEquals(Map.of("login", GatewayImitation.USER, "password", GatewayImitation.PASSWORD),
                LocalHttpServer.form(posts.get(0).body()));
        assertTrue(gw.gatewayRequests().stream().allMatch(r -> r.authorization() == null),
                everything(gw.gatewayRequests()));
        assertTrue(gw.gatewayRequests().stream().noneMatch(r -> String.valueOf(r.rawQuery())
                .contains(GatewayImitation.PASSWORD)));
        if (kind == GatewayImitation.Kind.OAUTH2_PROXY) {
            assertEquals(1, gw.gatewayRequests().stream()
                    .filter(r -> r.method().equals("POST") && r.path().equals("/dex/approval")).count(),
                    "Dex's approval page was approved once");
        }
    }

    @Test
    void theSessionIsACookieHeaderWithEverySplitPartAndNoBearer() throws Exception {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OAUTH2_PROXY);
        SessionAuthenticator auth = authenticator(settings(gw, GatewayImitation.Kind.OAUTH2_PROXY).build());
        AuthHeader header = auth.authenticate();
        assertEquals("Cookie", header.name());
        String cookies = header.value().reveal();
        assertTrue(cookies.contains("oauth2_proxy_kubeflow_0=") && cookies.contains("oauth2_proxy_kubeflow_1="),
                "both parts of the split session");
        assertFalse(cookies.contains("_csrf="), "the CSRF cookie the gateway deleted is gone");
        assertNull(header.bearerToken(), "a session is not a bearer token, so withSeldon cannot expose one");
        assertFalse(header.toString().contains("oauth2_proxy_kubeflow_0="), header.toString());
        // Reused until shortly before the cookies' expiry, and never beyond the longest reuse.
        assertTrue(header.expiresAt().isBefore(java.time.Instant.now().plus(SessionAuthenticator.MAX_REUSE)
                .plusSeconds(5)));
        assertFalse(auth.describe().contains(GatewayImitation.PASSWORD));
        assertEquals("gateway session of user user@example.com through oauth2-proxy with Dex at "
                + gw.apiUrl().resolve("/").toString().replaceAll("/$", ""), auth.describe());
    }

    @Test
    void theSessionCookieGoesToNoInferenceUrlOnAnotherOrigin() throws Exception {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OAUTH2_PROXY);
        SeldonClient client = client(gw.apiUrl(), authenticator(settings(gw, GatewayImitation.Kind.OAUTH2_PROXY)
                .build()));
        client.user();
        LocalHttpServer inference = server();
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> client.infer(URI.create(inference.url()), "iris", Map.of(), JsonNodeFactory.instance
                        .objectNode(), "Pipeline 'iris' in namespace 'staging'"));
        assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
        assertTrue(inference.requests().isEmpty(), "the other origin received nothing");
        URI sameOrigin = URI.create(gw.apiUrl().getScheme() + "://" + gw.apiUrl().getRawAuthority() + "/");
        assertNull(authenticator(settings(gw, GatewayImitation.Kind.OAUTH2_PROXY).build()).notSentTo(sameOrigin));
    }

    @Test
    void concurrentBuildsOfOneUserLogInOnce() throws Exception {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OIDC_AUTHSERVICE);
        int builds = 8;
        ExecutorService pool = Executors.newFixedThreadPool(builds);
        try {
            CyclicBarrier together = new CyclicBarrier(builds);
            List<Future<ObjectNode>> calls = new ArrayList<>();
            for (int i = 0; i < builds; i++) {
                // A client and an authenticator per build, sharing the one cache, as builds do.
                SeldonClient client = client(gw.apiUrl(),
                        authenticator(settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE).build()));
                calls.add(pool.submit(() -> {
                    together.await(10, TimeUnit.SECONDS);
                    return client.user();
                }));
            }
            for (Future<ObjectNode> call : calls) {
                assertEquals(GatewayImitation.USER, call.get(30, TimeUnit.SECONDS).path("Id").asText());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, gw.logins());
    }

    @Test
    void anotherPasswordIsAnotherSession() throws Exception {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OIDC_AUTHSERVICE);
        authenticator(settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE).build()).authenticate();
        // The same user with a wrong password must not get the session of the right one.
        SessionAuthenticator wrong = authenticator(settings(gw.apiUrl(), GatewayKind.OIDC_AUTHSERVICE, "wrong")
                .build());
        loginFails(wrong, Reason.CREDENTIALS_REFUSED);
    }

    @ParameterizedTest
    @EnumSource(GatewayImitation.Kind.class)
    void anExpiredSessionLogsInAgain(GatewayImitation.Kind kind) throws Exception {
        GatewayImitation gw = gateway(kind);
        SeldonClient client = client(gw.apiUrl(), authenticator(settings(gw, kind).build()));
        client.user();
        gw.expireSessions();
        // authservice redirects the API call to Dex, oauth2-proxy answers it 401: either way, one new login.
        assertEquals(GatewayImitation.USER, client.user().path("Id").asText());
        assertEquals(2, gw.logins());
        client.user();
        assertEquals(2, gw.logins());
    }

    @ParameterizedTest
    @EnumSource(GatewayImitation.Kind.class)
    void aGatewayThatRefusesItsOwnSessionIsNamed(GatewayImitation.Kind kind) {
        GatewayImitation gw = gateway(kind).sessionsAccepted(false);
        GatewayLoginException e = loginFails(authenticator(settings(gw, kind).build()), Reason.SESSION_REFUSED);
        assertTrue(e.getMessage().contains("does not accept the session it set"), e.getMessage());
        assertTrue(e.getMessage().contains("a Secure cookie is never sent over plain http"), e.getMessage());
        assertEquals(1, gw.logins(), "the password is not sent again");
    }

    @ParameterizedTest
    @EnumSource(GatewayImitation.Kind.class)
    void aSessionThatEndsAtOnceFailsTheCallAfterOneNewLogin(GatewayImitation.Kind kind) throws Exception {
        // Each session serves the login's way back to the API URL, and ends before the API call.
        GatewayImitation gw = gateway(kind).sessionUses(1);
        SeldonClient client = client(gw.apiUrl(), authenticator(settings(gw, kind).build()));
        SeldonException e = assertThrows(SeldonException.class, client::user);
        if (kind == GatewayImitation.Kind.OIDC_AUTHSERVICE) {
            UnexpectedResponseException redirect = assertInstanceOf(UnexpectedResponseException.class, e);
            assertTrue(redirect.getMessage().contains("authentication required or session expired"),
                    redirect.getMessage());
            assertTrue(redirect.getMessage().contains("gateway session of user user@example.com"),
                    redirect.getMessage());
        } else {
            assertEquals(401, assertInstanceOf(ApiAuthException.class, e).status());
        }
        assertEquals(2, gw.logins(), "the first login, and one more after the refusal; then the call fails");
    }

    @ParameterizedTest
    @EnumSource(GatewayImitation.Kind.class)
    void aWrongPasswordIsRefusedWithDexsMessageAndNotRepeated(GatewayImitation.Kind kind) {
        GatewayImitation gw = gateway(kind);
        SessionAuthenticator auth = authenticator(settings(gw.apiUrl(), kindOf(kind), "not-the-password").build());
        GatewayLoginException e = loginFails(auth, Reason.CREDENTIALS_REFUSED);
        assertTrue(e.getMessage().contains("Invalid email address or password."), e.getMessage());
        assertTrue(e.getMessage().contains("user@example.com"), e.getMessage());
        assertTrue(e.getMessage().contains("Check the user name and password credential"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
        assertEquals(1, gw.refusedLogins(), "a refused password is never sent again: it counts against lockouts");
        assertEquals(0, gw.logins());
    }

    @Test
    void severalDexConnectorsFailNamingTheFix() {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OIDC_AUTHSERVICE).connectors("ldap", "local");
        GatewayLoginException e = loginFails(authenticator(settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE)
                .build()), Reason.CONNECTOR_CHOICE);
        assertTrue(e.getMessage().contains("connectors ldap, local"), e.getMessage());
        assertTrue(e.getMessage().contains("Set the Dex connector"), e.getMessage());
        assertTrue(e.getMessage().contains("single password connector"), e.getMessage());
        assertTrue(gw.gatewayRequests().stream().noneMatch(r -> r.method().equals("POST")), "nothing was posted");
    }

    @Test
    void theConfiguredDexConnectorIsChosen() throws Exception {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OAUTH2_PROXY).connectors("ldap", "local");
        SeldonClient client = client(gw.apiUrl(), authenticator(settings(gw, GatewayImitation.Kind.OAUTH2_PROXY)
                .dexConnector("local").build()));
        assertEquals(GatewayImitation.USER, client.user().path("Id").asText());
        assertEquals(1, gw.logins());
        assertEquals(0, gw.gatewayRequests().stream().filter(r -> r.path().startsWith("/dex/auth/ldap")).count());
    }

    @Test
    void aDexConnectorThatDexDoesNotOfferFails() {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OIDC_AUTHSERVICE).connectors("ldap", "github");
        GatewayLoginException e = loginFails(authenticator(settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE)
                .dexConnector("local").build()), Reason.CONNECTOR_CHOICE);
        assertTrue(e.getMessage().contains("does not offer the connector 'local' (it offers ldap, github)"),
                e.getMessage());
    }

    @Test
    void aPageWithoutALoginFormFails() {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OIDC_AUTHSERVICE).loginFormMissing(true);
        GatewayLoginException e = loginFails(authenticator(settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE)
                .build()), Reason.NO_LOGIN_FORM);
        assertTrue(e.getMessage().contains("/dex/auth/local/login answered HTTP 200 with an HTML page without a login "
                + "form"), e.getMessage());
        assertFalse(e.getMessage().contains("state="), "no query, which may hold state: " + e.getMessage());
    }

    @Test
    void dexOnAnotherOriginGetsThePasswordOnlyWhenAllowed() throws Exception {
        GatewayImitation gw = GatewayImitation.startWithDexElsewhere(GatewayImitation.Kind.OIDC_AUTHSERVICE, api,
                issuer);
        closing.add(gw);
        GatewayLoginException e = loginFails(authenticator(settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE)
                .build()), Reason.PASSWORD_NOT_SENT);
        assertTrue(e.getMessage().contains("the form is served by " + gw.dexOrigin()), e.getMessage());
        assertTrue(e.getMessage().contains("set it as the login origin"), e.getMessage());
        assertFalse(everything(gw.dexRequests()).contains(GatewayImitation.PASSWORD), everything(gw.dexRequests()));
        assertTrue(gw.dexRequests().stream().noneMatch(r -> r.method().equals("POST")));

        SeldonClient client = client(gw.apiUrl(), authenticator(settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE)
                .loginOrigin(gw.dexOrigin()).build()));
        assertEquals(GatewayImitation.USER, client.user().path("Id").asText());
        assertEquals(1, gw.logins());
    }

    @Test
    void aFormThatPostsToAnotherOriginGetsNoPassword() {
        LocalHttpServer foreign = server();
        foreign.onPrefix("/", (ex, r) -> LocalHttpServer.respond(ex, 200, "text/plain", "thanks"));
        LocalHttpServer gw = server();
        gw.on(FakeSeldonApi.BASE_PATH, (ex, r) -> redirect(ex, "/login?next=api"));
        gw.on("/login", (ex, r) -> LocalHttpServer.respond(ex, 200, "text/html",
                "<form method=post action='" + foreign.url() + "/collect'><input name=username>"
                        + "<input type=password name=password></form>"));
        GatewayLoginException e = loginFails(authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH),
                GatewayKind.OTHER, GatewayImitation.PASSWORD).cookieName("session").build()),
                Reason.PASSWORD_NOT_SENT);
        assertTrue(e.getMessage().contains("the form would send it to " + foreign.url() + ", which is neither the "
                + "gateway's origin nor the allowed login origin (the password only goes to " + gw.url() + ")."),
                e.getMessage());
        assertTrue(foreign.requests().isEmpty(), everything(foreign.requests()));
    }

    @Test
    void aLoginFormServedByAForeignHostGetsNoPasswordEvenForTheGateway() {
        LocalHttpServer gw = server();
        LocalHttpServer foreign = server();
        foreign.on("/login", (ex, r) -> LocalHttpServer.respond(ex, 200, "text/html", "<form method=post action='"
                + gw.url() + "/login'><input name=username><input type=password name=password></form>"));
        gw.on(FakeSeldonApi.BASE_PATH, (ex, r) -> redirect(ex, foreign.url() + "/login"));
        GatewayLoginException e = loginFails(authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH),
                GatewayKind.OTHER, GatewayImitation.PASSWORD).cookieName("session").build()),
                Reason.PASSWORD_NOT_SENT);
        assertTrue(e.getMessage().contains("the form is served by " + foreign.url() + ", which is neither"),
                e.getMessage());
        assertEquals(0, gw.hits("/login"));
    }

    @Test
    void aRedirectToAForeignHostBeforeTheFormDoesNotGetThePassword() {
        LocalHttpServer foreign = server();
        foreign.on("/login", (ex, r) -> LocalHttpServer.respond(ex, 200, "text/html",
                "<form method=post><input name=username><input type=password name=password></form>"));
        LocalHttpServer gw = server();
        gw.on(FakeSeldonApi.BASE_PATH, (ex, r) -> redirect(ex, foreign.url() + "/login"));
        loginFails(authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH), GatewayKind.OTHER,
                GatewayImitation.PASSWORD).cookieName("session").build()), Reason.PASSWORD_NOT_SENT);
        assertEquals(List.of("GET"), foreign.requests().stream().map(LocalHttpServer.Recorded::method).toList());
        assertFalse(everything(foreign.requests()).contains(GatewayImitation.PASSWORD));
    }

    @Test
    void aLoginFormThatWouldPutThePasswordInTheUrlIsRefused() {
        LocalHttpServer gw = server();
        gw.on(FakeSeldonApi.BASE_PATH, (ex, r) -> redirect(ex, "/login"));
        gw.on("/login", (ex, r) -> LocalHttpServer.respond(ex, 200, "text/html",
                "<form action=/login><input name=username><input type=password name=password></form>"));
        GatewayLoginException e = loginFails(authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH),
                GatewayKind.OTHER, GatewayImitation.PASSWORD).cookieName("session").build()),
                Reason.PASSWORD_NOT_SENT);
        assertTrue(e.getMessage().contains("in the URL (method GET)"), e.getMessage());
        assertEquals(1, gw.hits("/login"));
    }

    @Test
    void aRedirectLoopEnds() {
        LocalHttpServer gw = server();
        AtomicInteger n = new AtomicInteger();
        gw.onPrefix("/", (ex, r) -> redirect(ex, "/loop/" + n.incrementAndGet()));
        GatewayLoginException e = loginFails(authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH),
                GatewayKind.OTHER, GatewayImitation.PASSWORD).cookieName("session").build()), Reason.BAD_REDIRECT);
        assertTrue(e.getMessage().contains("did not end after " + SessionAuthenticator.MAX_REQUESTS + " requests"),
                e.getMessage());
        assertEquals(SessionAuthenticator.MAX_REQUESTS, gw.requests().size());
    }

    @Test
    void aRedirectToAnotherSchemeIsNotFollowed() {
        LocalHttpServer gw = server();
        gw.on(FakeSeldonApi.BASE_PATH, (ex, r) -> redirect(ex, "ftp://127.0.0.1/login"));
        loginFails(authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH), GatewayKind.OTHER,
                GatewayImitation.PASSWORD).cookieName("session").build()), Reason.BAD_REDIRECT);
    }

    @Test
    void anApiWithoutGatewayIsNamedAsSuch() {
        LocalHttpServer gw = server();
        gw.on(FakeSeldonApi.BASE_PATH, (ex, r) -> LocalHttpServer.json(ex, 200, "{}"));
        GatewayLoginException e = loginFails(authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH),
                GatewayKind.OIDC_AUTHSERVICE, GatewayImitation.PASSWORD).build()), Reason.NO_GATEWAY);
        assertTrue(e.getMessage().contains("without asking to log in"), e.getMessage());
    }

    @Test
    void aGatewayThatAnswersBrowsersLikeApiClientsIsNamed() {
        LocalHttpServer gw = server();
        gw.on(FakeSeldonApi.BASE_PATH, (ex, r) -> LocalHttpServer.json(ex, 401, "{\"error\":\"unauthorized\"}"));
        GatewayLoginException e = loginFails(authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH),
                GatewayKind.MOD_AUTH_OPENIDC, GatewayImitation.PASSWORD).build()), Reason.NO_LOGIN_FORM);
        assertTrue(e.getMessage().contains("OIDCUnAuthAction auth"), e.getMessage());
        // Asked as a browser does.
        assertEquals(1, gw.hits(FakeSeldonApi.BASE_PATH));
    }

    @Test
    void aWrongSessionCookieNameSaysWhichCookiesWereSet() {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OIDC_AUTHSERVICE);
        GatewayLoginException e = loginFails(authenticator(settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE)
                .cookieName("kubeflow_session").build()), Reason.NO_SESSION_COOKIE);
        assertTrue(e.getMessage().contains("no session cookie named 'kubeflow_session'"), e.getMessage());
        assertTrue(e.getMessage().contains("cookies set: authservice_session"), e.getMessage());
        assertTrue(e.getMessage().contains("uses authservice_session by default"), e.getMessage());
        assertFalse(e.getMessage().contains("authservice_session="), "names only, never values: " + e.getMessage());
    }

    @Test
    void anOutageBeforeThePasswordIsSentIsRetriedButNotAfter() throws Exception {
        LocalHttpServer gw = server();
        AtomicInteger first = new AtomicInteger();
        gw.on(FakeSeldonApi.BASE_PATH, (ex, r) -> {
            if (first.incrementAndGet() == 1) {
                LocalHttpServer.respond(ex, 503, "text/html", "<h1>Service Unavailable</h1>");
            } else if (String.valueOf(ex.getRequestHeaders().getFirst("Cookie")).contains("session=s1")) {
                LocalHttpServer.json(ex, 404, "{}");
            } else {
                redirect(ex, "/login");
            }
        });
        gw.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                ex.getResponseHeaders().add("Set-Cookie", "session=s1; Path=/; HttpOnly");
                redirect(ex, FakeSeldonApi.BASE_PATH);
            } else {
                LocalHttpServer.respond(ex, 200, "text/html", "<form method=post><input name=username>"
                        + "<input type=password name=password></form>");
            }
        });
        AuthHeader header = authenticator(settings(URI.create(gw.url() + FakeSeldonApi.BASE_PATH), GatewayKind.OTHER,
                GatewayImitation.PASSWORD).cookieName("session").build()).authenticate();
        assertEquals("session=s1", header.value().reveal());

        LocalHttpServer failing = server();
        failing.on(FakeSeldonApi.BASE_PATH, (ex, r) -> redirect(ex, "/login"));
        failing.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                LocalHttpServer.respond(ex, 503, "text/plain", "down");
            } else {
                LocalHttpServer.respond(ex, 200, "text/html", "<form method=post><input name=username>"
                        + "<input type=password name=password></form>");
            }
        });
        GatewayLoginException e = loginFails(authenticator(settings(URI.create(failing.url()
                + FakeSeldonApi.BASE_PATH), GatewayKind.OTHER, GatewayImitation.PASSWORD).cookieName("session")
                .build()), Reason.GATEWAY_FAILED);
        assertEquals(503, e.status());
        assertEquals(1, failing.requests().stream().filter(r -> r.method().equals("POST")).count());
    }

    @Test
    void anAuthenticatorWithoutCacheLogsInEachTime() throws Exception {
        GatewayImitation gw = gateway(GatewayImitation.Kind.OIDC_AUTHSERVICE);
        SessionSettings s = settings(gw, GatewayImitation.Kind.OIDC_AUTHSERVICE).build();
        AuthHeader a = new SessionAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(10),
                http, null).authenticate();
        AuthHeader b = new SessionAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(10),
                http, null).authenticate();
        assertNotEquals(a.value(), b.value());
        assertEquals(2, gw.logins());
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange ex, String location) throws java.io.IOException {
        ex.getResponseHeaders().set("Location", location);
        LocalHttpServer.respond(ex, 302, null, "");
    }
}
