package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** What the session settings accept, normalise and refuse, each rule on its own. */
class SessionSettingsRulesTest {

    private static final URI API = URI.create("https://kubeflow.example.com/seldon-deploy/api/v1alpha1");

    private static SessionSettings.Builder builder(URI api) {
        return SessionSettings.builder(api, GatewayKind.OIDC_AUTHSERVICE).user("alice", SecretText.of("pw"));
    }

    private static String refusal(SessionSettings.Builder b) {
        return assertThrows(IllegalArgumentException.class, b::build).getMessage();
    }

    @Test
    void aBlankCookieNameIsTheGatewaysDefaultAndABlankConnectorIsNone() {
        SessionSettings s = builder(API).cookieName("  ").dexConnector(" ").build();
        assertEquals("authservice_session", s.cookieName());
        assertNull(s.dexConnector());
        assertEquals("ldap", builder(API).dexConnector(" ldap ").build().dexConnector());
        assertEquals("a.b_c~d-1", builder(API).dexConnector("a.b_c~d-1").build().dexConnector());
        assertTrue(refusal(builder(API).dexConnector("a b")).contains("Dex connector"));
        assertTrue(refusal(builder(API).cookieName("a;b")).contains("may only contain"));
    }

    @Test
    void theApiUrlIsAnHttpUrlWithAHostAndNoUserInformation() {
        assertTrue(refusal(builder(URI.create("https://alice:hunter2@kubeflow.example.com/api")))
                .contains("must not contain user information"));
        // Typed without the scheme, or as a network path: still refused for the user information, not repeated.
        for (String url : new String[] {"alice:hunter2@kubeflow.example.com/api",
            "//alice:hunter2@kubeflow.example.com/api"}) {
            String refusal = refusal(builder(URI.create(url)));
            assertTrue(refusal.contains("must not contain user information"), refusal);
            assertFalse(refusal.contains("hunter2"), refusal);
        }
        assertTrue(refusal(builder(URI.create("ftp://kubeflow.example.com/api"))).contains("http(s) URL"));
        assertTrue(refusal(builder(URI.create("/seldon-deploy/api"))).contains("http(s) URL"));
        assertTrue(refusal(builder(URI.create("https:///api"))).contains("with a host"));
        assertEquals(URI.create("HTTP://127.0.0.1:8080/api"), builder(URI.create("HTTP://127.0.0.1:8080/api")).build()
                .apiUrl());
    }

    @Test
    void theLoginOriginIsSchemeHostAndPortOnly() {
        for (String origin : new String[] {"https://dex.example.com/?x=1", "https://dex.example.com#f",
            "https://dex.example.com/dex"}) {
            assertTrue(refusal(builder(API).loginOrigin(URI.create(origin))).contains("scheme, host and port only"),
                    origin);
        }
        assertEquals(URI.create("https://dex.example.com:443"), builder(API)
                .loginOrigin(URI.create("HTTPS://Dex.Example.com/")).build().loginOrigin());
        assertEquals(URI.create("http://127.0.0.1:5556"), builder(URI.create("http://127.0.0.1:8080/api"))
                .loginOrigin(URI.create("http://127.0.0.1:5556")).build().loginOrigin());
        assertTrue(refusal(builder(API).loginOrigin(URI.create("dex.example.com"))).contains("http(s) URL"));
    }

    @Test
    void withoutALoginOriginThePasswordGoesToTheGatewayAlone() {
        SessionSettings s = builder(API).build();
        assertEquals(List.of(URI.create("https://kubeflow.example.com:443")), s.secretDestinations());
        assertFalse(s.passwordMayGoTo(HttpUrl.get("https://dex.example.com/dex/auth/local/login")));
        assertTrue(s.passwordMayGoTo(HttpUrl.get("https://KUBEFLOW.example.com/dex/auth/local/login")));
    }

    @Test
    void theLoginNeedsAUserNameAndAPassword() {
        for (String user : new String[] {null, "", " \t"}) {
            assertTrue(refusal(SessionSettings.builder(API, GatewayKind.OAUTH2_PROXY).user(user, SecretText.of("pw")))
                    .contains("needs a user name and a password"));
        }
        assertTrue(refusal(SessionSettings.builder(API, GatewayKind.OAUTH2_PROXY).user("alice", null))
                .contains("needs a user name and a password"));
        SessionSettings s = SessionSettings.builder(API, GatewayKind.OAUTH2_PROXY).user("alice", SecretText.of("pw"))
                .build();
        assertEquals("alice", s.username());
        assertEquals("pw", s.password().reveal());
        assertEquals(GatewayKind.OAUTH2_PROXY, s.kind());
        assertThrows(NullPointerException.class, () -> SessionSettings.builder(API, null).user("a", SecretText.of("p"))
                .build());
    }
}
