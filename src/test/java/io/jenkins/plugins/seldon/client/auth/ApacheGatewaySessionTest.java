package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.ServerVersions;
import io.jenkins.plugins.seldon.client.error.GatewayLoginException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.ApacheOidcGateway;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.KeycloakExtension;
import io.jenkins.plugins.seldon.testing.OidcProvider;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The session login through a real gateway: Apache httpd with mod_auth_openidc in front of the fake API, logging in
 * with the real Keycloak's login form. Skipped, with the reason, where Apache or the module is not installed.
 */
@ExtendWith(KeycloakExtension.class)
class ApacheGatewaySessionTest {

    private final HttpClientFactory http = TestHttp.factory();
    private FakeSeldonApi api;
    private ApacheOidcGateway apache;
    private OidcProvider keycloak;

    @BeforeEach
    void start(OidcProvider provider) throws Exception {
        assumeFalse(provider.external(), "needs the Keycloak the tests start, whose test realm has the gateway's "
                + "client " + ApacheOidcGateway.CLIENT_ID);
        keycloak = provider;
        api = FakeSeldonApi.start(provider.verifier(Clock.systemUTC()));
        apache = ApacheOidcGateway.start(provider.issuer(), api.baseUrl());
    }

    @AfterEach
    void stop() {
        if (apache != null) {
            apache.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private URI keycloakOrigin() {
        return URI.create(keycloak.issuer().getScheme() + "://" + keycloak.issuer().getAuthority());
    }

    private SessionSettings.Builder settings(SecretText password) {
        return SessionSettings.builder(apache.apiUrl(), GatewayKind.MOD_AUTH_OPENIDC)
                .user(keycloak.username(), password);
    }

    private SessionAuthenticator authenticator(SessionSettings settings, TokenCache cache) {
        return new SessionAuthenticator(settings, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(30),
                http, cache);
    }

    @Test
    void theGatewaySendsApiRequestsToKeycloaksLoginPage() throws Exception {
        OkHttpClient client = http.forServer(TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(30));
        Request request = new Request.Builder().url(apache.apiUrl() + "/user").header("Accept", "application/json")
                .build();
        try (Response r = client.newCall(request).execute()) {
            assertEquals(302, r.code(), apache.log());
            assertTrue(r.header("Location", "").startsWith(keycloak.issuer() + "/protocol/openid-connect/auth?"),
                    r.header("Location"));
        }
    }

    @Test
    void logsInWithKeycloaksLoginFormAndUsesTheApi() throws Exception {
        TokenCache cache = new TokenCache();
        SessionAuthenticator auth = authenticator(settings(keycloak.password()).loginOrigin(keycloakOrigin()).build(),
                cache);
        SeldonClient client = new SeldonClient(new ServerSettings(apache.apiUrl().toString()), auth, http,
                new ServerVersions(Clock.systemUTC(), Duration.ofMinutes(10)));
        assertEquals(keycloak.username(), client.user().path("Id").asText(), apache.log());
        client.list(ResourceKind.SELDON_DEPLOYMENT, "staging");
        AuthHeader session = auth.authenticate();
        assertSame(session, auth.authenticate(), "the session is reused");
        // mod_auth_openidc split its session into chunks; all of them are sent.
        String cookies = session.value().reveal();
        assertTrue(cookies.contains(ApacheOidcGateway.SESSION_COOKIE + "_chunks=")
                && cookies.contains(ApacheOidcGateway.SESSION_COOKIE + "_0="), "chunked session expected");
        assertFalse(cookies.contains("AUTH_SESSION_ID"), "Keycloak's own cookies stay with Keycloak");
        assertTrue(api.requests().stream().filter(r -> r.rawPath().endsWith("/user")).allMatch(r ->
                keycloak.username().equals(r.principal())), api.requests().toString());
    }

    @Test
    void keycloakOnItsOwnOriginGetsThePasswordOnlyWhenAllowed() {
        GatewayLoginException e = assertThrows(GatewayLoginException.class,
                () -> authenticator(settings(keycloak.password()).build(), null).authenticate());
        assertEquals(GatewayLoginException.Reason.PASSWORD_NOT_SENT, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("the form is served by " + keycloakOrigin().toString()), e.getMessage());
    }

    @Test
    void aWrongPasswordIsRefusedWithKeycloaksMessage() {
        GatewayLoginException e = assertThrows(GatewayLoginException.class, () -> authenticator(
                settings(SecretText.of("not-the-password")).loginOrigin(keycloakOrigin()).build(), null)
                .authenticate());
        assertEquals(GatewayLoginException.Reason.CREDENTIALS_REFUSED, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid username or password."), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"), e.getMessage());
    }
}
