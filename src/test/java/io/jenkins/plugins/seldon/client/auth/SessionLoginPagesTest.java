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
import java.time.Duration;
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
        SessionSettings s = SessionSettings.builder(URI.create(gateway.url() + API_PATH), kind).cookieName("session")
                .user("alice", SecretText.of(PASSWORD)).build();
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
}
