package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.seldon.client.error.GatewayLoginException;
import io.jenkins.plugins.seldon.client.error.GatewayLoginException.Reason;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the session login does with pages no Kubeflow gateway shows but identity providers may: forms it cannot fill,
 * steps after the password it cannot answer, approval pages it must not approve. Each against a scripted gateway.
 */
class SessionLoginPagesTest {

    private static final String API_PATH = "/seldon-deploy/api/v1alpha1";
    private static final String PASSWORD = "pw-9f3a";
    private static final String LOGIN_FORM = "<form method=post><input name=username>"
            + "<input type=password name=password></form>";

    private final LocalHttpServer gateway = LocalHttpServer.http();
    private final LocalHttpServer other = LocalHttpServer.http();
    private final HttpClientFactory http = TestHttp.factory();

    @AfterEach
    void stop() {
        gateway.close();
        other.close();
    }

    private static void redirect(HttpExchange ex, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        LocalHttpServer.respond(ex, 302, null, "");
    }

    private static void html(HttpExchange ex, int status, String page) throws IOException {
        LocalHttpServer.respond(ex, status, "text/html; charset=utf-8", page);
    }

    /** The API sends browsers to /login, which shows {@code loginPage} and answers its POST with {@code posted}. */
    private void script(LocalHttpServer.Handler loginPage, LocalHttpServer.Handler posted) {
        gateway.on(API_PATH, (ex, r) -> redirect(ex, "/login"));
        gateway.on("/login", (ex, r) -> (r.method().equals("POST") ? posted : loginPage).handle(ex, r));
    }

    private GatewayLoginException fails(Reason reason, GatewayKind kind) {
        return fails(reason, kind, b -> b);
    }

    private GatewayLoginException fails(Reason reason, GatewayKind kind,
            UnaryOperator<SessionSettings.Builder> more) {
        SessionSettings s = more.apply(SessionSettings.builder(URI.create(gateway.url() + API_PATH), kind)
                .cookieName("session").user("alice", SecretText.of(PASSWORD))).build();
        SessionAuthenticator auth = new SessionAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), http, new TokenCache());
        GatewayLoginException e = assertThrows(GatewayLoginException.class, auth::authenticate);
        assertEquals(reason, e.reason(), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        return e;
    }

    private GatewayLoginException fails(Reason reason) {
        return fails(reason, GatewayKind.OTHER);
    }

    private long posts() {
        return gateway.requests().stream().filter(r -> r.method().equals("POST")).count()
                + other.requests().stream().filter(r -> r.method().equals("POST")).count();
    }

    @Test
    void aStepAfterThePasswordThatAsksForMoreIsNamed() {
        script((ex, r) -> html(ex, 200, LOGIN_FORM),
                (ex, r) -> html(ex, 200, "<form method=post><input name=otp><button>Verify</button></form>"));
        GatewayLoginException e = fails(Reason.LOGIN_INCOMPLETE);
        assertTrue(e.getMessage().contains("did not send the login as alice back to the gateway"), e.getMessage());
        assertTrue(e.getMessage().contains("It asks for more than a user name and password"), e.getMessage());
        assertEquals(1, posts());
    }

    @Test
    void aRefusalWithoutAFormAfterThePasswordPointsAtTheProvidersLog() {
        script((ex, r) -> html(ex, 200, LOGIN_FORM),
                (ex, r) -> html(ex, 400, "<form><input name=x></form><p class=error>Bad request</p>"));
        GatewayLoginException e = fails(Reason.LOGIN_INCOMPLETE);
        assertTrue(e.getMessage().contains("Check the identity provider's log"), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 400: \"Bad request\""), e.getMessage());
        assertEquals(400, e.status());
    }

    @Test
    void aRefusedPasswordSaysWhatTheLoginPageSaidAndWhatToCheck() {
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> html(ex, 200, LOGIN_FORM
                + "<div class=alert-error>Invalid \"alice\" or password " + PASSWORD + "</div>"));
        GatewayLoginException other = fails(Reason.CREDENTIALS_REFUSED);
        assertTrue(other.getMessage().endsWith("refused the user name and password of alice: \"Invalid 'alice' or "
                + "password ****\". Check the user name and password credential."), other.getMessage());
        GatewayLoginException dex = fails(Reason.CREDENTIALS_REFUSED, GatewayKind.OAUTH2_PROXY);
        assertTrue(dex.getMessage().endsWith("(Dex logs in with the user's email address)."), dex.getMessage());
        GatewayLoginException authservice = fails(Reason.CREDENTIALS_REFUSED, GatewayKind.OIDC_AUTHSERVICE);
        assertTrue(authservice.getMessage().endsWith("(Dex logs in with the user's email address)."),
                authservice.getMessage());
        assertTrue(fails(Reason.CREDENTIALS_REFUSED, GatewayKind.MOD_AUTH_OPENIDC).getMessage()
                .endsWith("credential."));
    }

    @Test
    void formsThatAreNoLoginFormsGetNoPassword() {
        script((ex, r) -> html(ex, 200, "<form method=post><input name=u><input type=password name=old>"
                + "<input type=password name=new></form>"), (ex, r) -> html(ex, 500, ""));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("several password fields"));
        script((ex, r) -> html(ex, 200, "<form method=post><input type=password name=pin></form>"),
                (ex, r) -> html(ex, 500, ""));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("no field for the user name"));
        script((ex, r) -> html(ex, 200, "<form method=post action='javascript:send()'><input name=u>"
                + "<input type=password name=p></form>"), (ex, r) -> html(ex, 500, ""));
        assertTrue(fails(Reason.PASSWORD_NOT_SENT).getMessage().contains("its action is not an http(s) URL"));
        // Whatever the status of the page: a form that cannot be filled is not asked for again.
        script((ex, r) -> html(ex, 503, "<form method=post><input type=password name=pin></form>"),
                (ex, r) -> html(ex, 500, ""));
        long before = gateway.hits("/login");
        assertEquals(503, fails(Reason.NO_LOGIN_FORM).status());
        assertEquals(before + 1, gateway.hits("/login"));
        assertEquals(0, posts());
    }

    @Test
    void anApprovalPageOnAnotherOriginIsNotApproved() {
        other.on("/approval", (ex, r) -> html(ex, 200, "<form method=post><input type=hidden name=approval "
                + "value=approve><button>Grant</button></form>"));
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> redirect(ex, other.url() + "/approval"));
        GatewayLoginException e = fails(Reason.NO_LOGIN_FORM);
        assertTrue(e.getMessage().contains("an approval page at GET " + other.url() + "/approval asks to grant"),
                e.getMessage());
        assertEquals(1, posts(), "the password only");
    }

    @Test
    void anApprovalThatWouldBeAGetIsNotApproved() {
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> html(ex, 200, "<form method=get>"
                + "<input type=hidden name=approval value=approve><button>Grant</button></form>"));
        fails(Reason.NO_LOGIN_FORM);
        assertEquals(1, posts());
    }

    @Test
    void anApprovalPageIsApprovedOnce() {
        gateway.on("/approval", (ex, r) -> html(ex, 200, "<form method=post><input type=hidden name=req value=1>"
                + "<input type=hidden name=approval value=approve><button>Grant</button></form>"));
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> redirect(ex, "/approval"));
        GatewayLoginException e = fails(Reason.LOGIN_INCOMPLETE);
        assertTrue(e.getMessage().contains("It asks for more than a user name and password"), e.getMessage());
        assertEquals(1, gateway.requests().stream().filter(r -> r.method().equals("POST")
                && r.path().equals("/approval") && r.body().equals("req=1&approval=approve")).count());
    }
    @Test
    void onlyRedirectionsWithALocationAreFollowed() {
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> html(ex, 500, ""));
        gateway.on(API_PATH, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "/login");
            LocalHttpServer.respond(ex, 300, null, "");
        });
        // Followed to the form: the login fails only after the password, at the gateway's 500.
        fails(Reason.GATEWAY_FAILED);
        assertEquals(1, posts());

        gateway.on(API_PATH, (ex, r) -> LocalHttpServer.respond(ex, 300, null, ""));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("answered HTTP 300 with no login page"));
        gateway.on(API_PATH, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "/login");
            LocalHttpServer.json(ex, 400, "{}");
        });
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("answered HTTP 400 with no login page"));
        gateway.on(API_PATH, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "/login");
            LocalHttpServer.json(ex, 200, "{}");
        });
        fails(Reason.NO_GATEWAY);
        assertEquals(2, gateway.hits("/login"), "the form and its POST after the 300 with a Location only");
    }

    @Test
    void anOutageBeforeTheLoginFormIsAskedAgainOnlyWhenItMayPass() {
        gateway.on(API_PATH, (ex, r) -> html(ex, 500, "<p class=error>Internal error</p>"));
        GatewayLoginException e = fails(Reason.GATEWAY_FAILED);
        assertEquals(500, e.status());
        assertTrue(e.getMessage().contains("answered HTTP 500: \"Internal error\". The gateway or its identity provider "
                + "may be down"), e.getMessage());
        assertEquals(1, gateway.hits(API_PATH), "a 500 is not asked again");

        gateway.on(API_PATH, (ex, r) -> LocalHttpServer.respond(ex, 503, "text/plain", "down"));
        e = fails(Reason.GATEWAY_FAILED);
        assertTrue(e.getMessage().contains("answered HTTP 503. The gateway"), e.getMessage());
        assertEquals(1 + TestHttp.FAST_RETRIES.maxAttempts(), gateway.hits(API_PATH), "a 503 is asked again");
    }

    @Test
    void pagesWithoutALoginFormAreNamedByWhatTheyAre() {
        gateway.on(API_PATH, (ex, r) -> html(ex, 200, "<h1>Welcome</h1><p class=error>Nothing here</p>"));
        GatewayLoginException page = fails(Reason.NO_LOGIN_FORM);
        assertTrue(page.getMessage().contains("answered HTTP 200 with an HTML page without a login form (a form with "
                + "a user name and a password field): \"Nothing here\". The plugin fills login forms"),
                page.getMessage());

        gateway.on(API_PATH, (ex, r) -> redirect(ex, "/login"));
        gateway.on("/login", (ex, r) -> LocalHttpServer.json(ex, 200, "{}"));
        GatewayLoginException json = fails(Reason.NO_LOGIN_FORM);
        assertTrue(json.getMessage().contains("/login answered HTTP 200 with no login page (content type "
                + "'application/json'). The plugin fills login forms"), json.getMessage());

        gateway.on(API_PATH, (ex, r) -> LocalHttpServer.respond(ex, 403, "text/plain", "Forbidden"));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("OIDCUnAuthAction auth"));
        gateway.on(API_PATH, (ex, r) -> html(ex, 401, "<h1>Unauthorized</h1>"));
        GatewayLoginException unauthorized = fails(Reason.NO_LOGIN_FORM);
        assertTrue(unauthorized.getMessage().contains("HTTP 401 with an HTML page without a login form"),
                unauthorized.getMessage());
        assertFalse(unauthorized.getMessage().contains("OIDCUnAuthAction"), unauthorized.getMessage());
    }

    @Test
    void aLoginThatEndsWithoutTheSessionSaysWhereItEnded() {
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> html(ex, 500, "<p class=error>Oops</p>"));
        GatewayLoginException failed = fails(Reason.GATEWAY_FAILED);
        assertTrue(failed.getMessage().contains("failed after the user name and password were accepted (the login "
                + "ended at POST " + gateway.url() + "/login, HTTP 500: \"Oops\")"), failed.getMessage());
        assertEquals(1, posts(), "nothing is sent again after the password");

        // Still at the identity provider: it says nothing the plugin could answer.
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> LocalHttpServer.respond(ex, 200, "text/plain", "ok"));
        assertTrue(fails(Reason.LOGIN_INCOMPLETE).getMessage().contains("Check the identity provider's log"));
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> html(ex, 200, "<p>Welcome, alice</p>"));
        assertTrue(fails(Reason.LOGIN_INCOMPLETE).getMessage().contains("Check the identity provider's log"));

        // Sent on elsewhere, where no session cookie came from.
        other.on("/welcome", (ex, r) -> html(ex, 200, "<p>Welcome, alice</p>"));
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> redirect(ex, other.url() + "/welcome"));
        GatewayLoginException none = fails(Reason.NO_SESSION_COOKIE);
        assertTrue(none.getMessage().contains("no session cookie named 'session' for " + gateway.url() + API_PATH
                + "/ (the login ended"), none.getMessage());
        assertTrue(none.getMessage().endsWith("(the login ended at GET " + other.url() + "/welcome, HTTP 200); "
                + "cookies set: none. Check the session cookie name in the server's gateway session settings."),
                none.getMessage());
    }

    @Test
    void aRefusedPasswordThatRedirectsBackToTheLoginPageIsARefusedPassword() {
        script((ex, r) -> html(ex, 200, LOGIN_FORM + (r.rawQuery() == null ? ""
                : "<p class=error>Invalid password</p>")), (ex, r) -> redirect(ex, "/login?error=1"));
        GatewayLoginException e = fails(Reason.CREDENTIALS_REFUSED);
        assertTrue(e.getMessage().contains("refused the user name and password of alice: \"Invalid password\""),
                e.getMessage());
        assertEquals(1, posts());
    }

    @Test
    void aGatewayThatRefusesItsSessionSaysWhichCookiesItSet() {
        gateway.on(API_PATH, (ex, r) -> redirect(ex, "/login"));
        gateway.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                redirect(ex, API_PATH);
            } else {
                html(ex, 200, LOGIN_FORM);
            }
        });
        assertTrue(fails(Reason.SESSION_REFUSED).getMessage().contains("(cookies set: none; GET " + gateway.url()
                + "/login)"));
        gateway.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                ex.getResponseHeaders().add("Set-Cookie", "session=s; Path=/");
                redirect(ex, API_PATH);
            } else {
                html(ex, 200, LOGIN_FORM);
            }
        });
        assertTrue(fails(Reason.SESSION_REFUSED).getMessage().contains("(cookies set: session; GET "));
        assertEquals(2, posts());
    }

    /**
     * A gateway whose public host ({@code localhost}) is not the API URL's ({@code 127.0.0.1}): after the password,
     * its callback sets the session there and sends the browser on to {@code next}.
     */
    private void publicHostElsewhere(String next) {
        String publicUrl = "http://localhost:" + gateway.port();
        gateway.on(API_PATH, (ex, r) -> {
            String cookie = ex.getRequestHeaders().getFirst("Cookie");
            if (cookie != null && cookie.contains("session=ok")) {
                LocalHttpServer.respond(ex, 200, "application/json", "{}");
            } else {
                redirect(ex, "/login");
            }
        });
        gateway.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                redirect(ex, publicUrl + "/callback");
            } else {
                html(ex, 200, LOGIN_FORM);
            }
        });
        gateway.on("/callback", (ex, r) -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=ok; Path=/");
            redirect(ex, next.startsWith("/") ? publicUrl + next : next);
        });
    }

    @Test
    void aSessionSetForTheGatewaysPublicHostInsteadOfTheApiUrlsIsNamedWhereverTheLoginEnds() {
        String elsewhere = "went through, but the gateway set its session cookie ('session') for localhost, not for "
                + "127.0.0.1, the host of the API URL " + gateway.url() + API_PATH + "/ (the login ended at GET ";
        // On to the API at the public host, which takes the session: the API URL's host has none.
        publicHostElsewhere(API_PATH);
        GatewayLoginException there = fails(Reason.SESSION_ELSEWHERE);
        assertTrue(there.getMessage().contains(elsewhere + "http://localhost:" + gateway.port() + API_PATH
                + ", HTTP 200)"), there.getMessage());
        assertTrue(there.getMessage().endsWith("set the API URL to the gateway's public host, or the gateway's public "
                + "and redirect URLs to the API URL's host."), there.getMessage());
        // Back to the API URL, whose host never gets the session: the gateway shows its login page again.
        publicHostElsewhere(gateway.url() + API_PATH);
        assertTrue(fails(Reason.SESSION_ELSEWHERE).getMessage().contains(elsewhere + gateway.url() + "/login"));
        // To the login page of the public host: not a refused password.
        publicHostElsewhere("/login");
        assertTrue(fails(Reason.SESSION_ELSEWHERE).getMessage().contains(elsewhere + "http://localhost:"));
        assertEquals(3, posts());
    }

    @Test
    void anIdentityProvidersOwnCookieOfTheSessionsNameOnItsHostIsNoSessionElsewhere() {
        // A provider on a host of its own (cookies are per host, not per port) keeps a cookie of the same name from
        // its login page on.
        String idp = "http://localhost:" + other.port();
        gateway.on(API_PATH, (ex, r) -> redirect(ex, idp + "/login"));
        other.on("/login", (ex, r) -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=idp-" + r.method() + "; Path=/");
            html(ex, 200, LOGIN_FORM);
        });
        UnaryOperator<SessionSettings.Builder> loginThere = b -> b.loginOrigin(URI.create(idp));
        assertTrue(fails(Reason.CREDENTIALS_REFUSED, GatewayKind.OTHER, loginThere).getMessage()
                .contains("refused the user name and password of alice"));
        // One that sets it only with its answer to the password, on a page saying why it refused.
        other.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                ex.getResponseHeaders().add("Set-Cookie", "session=flash; Path=/");
                html(ex, 200, LOGIN_FORM + "<p class=error>Invalid password</p>");
            } else {
                html(ex, 200, LOGIN_FORM);
            }
        });
        assertTrue(fails(Reason.CREDENTIALS_REFUSED, GatewayKind.OTHER, loginThere).getMessage()
                .contains("refused the user name and password of alice: \"Invalid password\""));
        // The same cookie set on the API URL's host too: the gateway refuses its session, nothing is elsewhere.
        gateway.on(API_PATH, (ex, r) -> redirect(ex, "/login"));
        gateway.on("/login", (ex, r) -> {
            if (r.method().equals("POST")) {
                ex.getResponseHeaders().add("Set-Cookie", "session=s; Path=/");
                redirect(ex, idp + "/set");
            } else {
                html(ex, 200, LOGIN_FORM);
            }
        });
        other.on("/set", (ex, r) -> {
            ex.getResponseHeaders().add("Set-Cookie", "session=s; Path=/");
            redirect(ex, gateway.url() + API_PATH);
        });
        assertTrue(fails(Reason.SESSION_REFUSED).getMessage().contains("does not accept the session it set"));
    }

    @Test
    void anApprovalPageBeforeThePasswordIsNotApproved() {
        gateway.on(API_PATH, (ex, r) -> redirect(ex, "/approval"));
        gateway.on("/approval", (ex, r) -> html(ex, 200, "<form method=post><input type=hidden name=approval "
                + "value=approve><button>Grant</button></form>"));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("an HTML page without a login form"));
        assertEquals(0, posts());
    }

    /** Dex's choice of connectors at {@code /dex/auth}, each a link to {@code /dex/auth/<id>} (and other links). */
    private void dexChoice(String... links) {
        gateway.on(API_PATH, (ex, r) -> redirect(ex, "/dex/auth?client_id=kubeflow"));
        StringBuilder page = new StringBuilder("<h2>Log in with</h2>");
        for (String l : links) {
            page.append("<a href='").append(l).append("'>").append(l).append("</a>");
        }
        gateway.on("/dex/auth", (ex, r) -> html(ex, 200, page.toString()));
    }

    @Test
    void dexsConnectorsAreTheLinksOneStepBelowItsAuthorizationPage() {
        dexChoice("/dex/auth/", "/dex/auth/ldap/login", other.url() + "/dex/auth/github", "/documentation",
                "/dex/auth/local?client_id=kubeflow");
        GatewayLoginException e = fails(Reason.CONNECTOR_CHOICE, GatewayKind.OIDC_AUTHSERVICE,
                b -> b.dexConnector("ldap"));
        assertTrue(e.getMessage().contains("Dex does not offer the connector 'ldap' (it offers local)."),
                e.getMessage());

        dexChoice("/help", "/dex/theme/logo.png");
        assertTrue(fails(Reason.NO_LOGIN_FORM, GatewayKind.OIDC_AUTHSERVICE, b -> b.dexConnector("local"))
                .getMessage().contains("/dex/auth answered HTTP 200 with an HTML page without a login form"));

        // Only Dex's authorization endpoint offers connectors: links below another page are none.
        gateway.on(API_PATH, (ex, r) -> redirect(ex, "/login"));
        gateway.on("/login", (ex, r) -> html(ex, 200, "<a href=/login/ldap>LDAP</a><a href=/login/local>Email</a>"));
        fails(Reason.NO_LOGIN_FORM, GatewayKind.OIDC_AUTHSERVICE, b -> b.dexConnector("local"));
        assertEquals(0, gateway.hits("/login/local"));
    }

    @Test
    void aConnectorThatLeadsBackToTheChoiceIsNotChosenAgain() {
        dexChoice("/dex/auth/ldap", "/dex/auth/local");
        gateway.on("/dex/auth/local", (ex, r) -> redirect(ex, "/dex/auth?client_id=kubeflow"));
        GatewayLoginException e = fails(Reason.CONNECTOR_CHOICE, GatewayKind.OIDC_AUTHSERVICE,
                b -> b.dexConnector("local"));
        assertTrue(e.getMessage().startsWith("Dex showed its choice of connectors again after the connector 'local' "
                + "was chosen (GET " + gateway.url() + "/dex/auth)"), e.getMessage());
        assertEquals(1, gateway.hits("/dex/auth/local"));
    }

    @Test
    void aChoiceOfConnectorsAfterThePasswordIsNoChoiceToMake() {
        dexChoice("/dex/auth/ldap", "/dex/auth/local");
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> redirect(ex, "/dex/auth?client_id=kubeflow"));
        fails(Reason.LOGIN_INCOMPLETE, GatewayKind.OIDC_AUTHSERVICE, b -> b.dexConnector("local"));
        assertEquals(0, gateway.hits("/dex/auth/local"));
    }
    @Test
    void anApprovalIsPostedOnlyToTheOriginThatTookThePassword() {
        String approval = "<input type=hidden name=approval value=approve><button>Grant</button></form>";
        other.on("/approval", (ex, r) -> html(ex, 200, "<form method=post action='" + gateway.url() + "/approval'>"
                + approval));
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> redirect(ex, other.url() + "/approval"));
        fails(Reason.NO_LOGIN_FORM);
        gateway.on("/approval", (ex, r) -> html(ex, 200, "<form method=post action='" + other.url() + "/approval'>"
                + approval));
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> redirect(ex, "/approval"));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("asks to grant access on behalf of another "
                + "origin than the login form's (" + gateway.url() + ")"));
        gateway.on("/approval", (ex, r) -> html(ex, 200, "<form method=post action='javascript:grant()'>"
                + approval));
        fails(Reason.NO_LOGIN_FORM);
        assertEquals(3, posts(), "the password only, each time");
    }

    /** Answers {@code body} in {@code charset}, with {@code contentType} as given (none if null). */
    private static void raw(HttpExchange ex, String contentType, String body, java.nio.charset.Charset charset)
            throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        byte[] bytes = body.getBytes(charset);
        ex.sendResponseHeaders(200, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Test
    void pagesAreReadByWhatTheyHoldAndInTheirCharset() {
        gateway.on(API_PATH, (ex, r) -> raw(ex, "text/html; charset=iso-8859-1",
                "Anmeldung <p class=error>Zugriff für Jörg verweigert</p>", StandardCharsets.ISO_8859_1));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("an HTML page without a login form (a form with "
                + "a user name and a password field): \"Zugriff für Jörg verweigert\""));
        gateway.on(API_PATH, (ex, r) -> raw(ex, null, "\n  <p class=error>Nicht für Jörg</p>",
                StandardCharsets.UTF_8));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("HTML page without a login form (a form with "
                + "a user name and a password field): \"Nicht für Jörg\""));
        gateway.on(API_PATH, (ex, r) -> raw(ex, "nonsense", "<p class=error>Nein</p>", StandardCharsets.UTF_8));
        assertTrue(fails(Reason.NO_LOGIN_FORM).getMessage().contains("\"Nein\""));
        gateway.on(API_PATH, (ex, r) -> raw(ex, "application/json", "<p class=error>Nein</p>",
                StandardCharsets.UTF_8));
        // JSON is no page, whatever it starts with: the API answered.
        fails(Reason.NO_GATEWAY);

        // A login form served as plain text is still filled.
        script((ex, r) -> raw(ex, "text/plain", " " + LOGIN_FORM, StandardCharsets.UTF_8),
                (ex, r) -> html(ex, 500, ""));
        fails(Reason.GATEWAY_FAILED);
        assertEquals(1, posts());
    }

    @Test
    void anApiUrlWithATrailingSlashIsTheSameSessionUrl() {
        other.on("/welcome", (ex, r) -> html(ex, 200, "<p>Welcome, alice</p>"));
        script((ex, r) -> html(ex, 200, LOGIN_FORM), (ex, r) -> redirect(ex, other.url() + "/welcome"));
        gateway.on(API_PATH + "/", (ex, r) -> redirect(ex, "/login"));
        SessionSettings s = SessionSettings.builder(URI.create(gateway.url() + API_PATH + "/"), GatewayKind.OTHER)
                .cookieName("session").user("alice", SecretText.of(PASSWORD)).build();
        GatewayLoginException e = assertThrows(GatewayLoginException.class, new SessionAuthenticator(s,
                TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(10), http, new TokenCache())
                ::authenticate);
        assertTrue(e.getMessage().contains("no session cookie named 'session' for " + gateway.url() + API_PATH
                + "/ (the login ended"), e.getMessage());
    }
}
