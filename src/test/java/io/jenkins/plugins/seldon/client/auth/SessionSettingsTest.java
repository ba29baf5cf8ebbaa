package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class SessionSettingsTest {

    private static final URI API = URI.create("https://kubeflow.example.com/seldon-deploy/api/v1alpha1");

    private static SessionSettings.Builder builder(GatewayKind kind) {
        return SessionSettings.builder(API, kind).user("user@example.com", SecretText.of("pw"));
    }

    @Test
    void eachGatewayHasItsDefaultCookie() {
        assertEquals("authservice_session", builder(GatewayKind.OIDC_AUTHSERVICE).build().cookieName());
        assertEquals("oauth2_proxy_kubeflow", builder(GatewayKind.OAUTH2_PROXY).build().cookieName());
        assertEquals("mod_auth_openidc_session", builder(GatewayKind.MOD_AUTH_OPENIDC).build().cookieName());
        assertEquals("mine", builder(GatewayKind.OAUTH2_PROXY).cookieName(" mine ").build().cookieName());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> builder(GatewayKind.OTHER).build());
        assertTrue(e.getMessage().contains("session cookie"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> builder(GatewayKind.OTHER).cookieName("a=b").build());
        assertThrows(IllegalArgumentException.class, () -> builder(GatewayKind.OTHER).dexConnector("a/b")
                .cookieName("c").build());
    }

    @Test
    void thePasswordGoesOnlyToTheGatewayAndTheLoginOriginOverHttps() {
        SessionSettings s = builder(GatewayKind.OAUTH2_PROXY).loginOrigin(URI.create("https://Login.example.com"))
                .build();
        assertTrue(s.passwordMayGoTo(HttpUrl.get("https://kubeflow.example.com/dex/auth/local/login?state=1")));
        assertTrue(s.passwordMayGoTo(HttpUrl.get("https://login.example.com:443/x")));
        assertFalse(s.passwordMayGoTo(HttpUrl.get("http://kubeflow.example.com/dex/auth/local/login")), "plain http");
        assertFalse(s.passwordMayGoTo(HttpUrl.get("https://kubeflow.example.com:8443/login")), "another port");
        assertFalse(s.passwordMayGoTo(HttpUrl.get("https://evil.example.com/login")));
        assertFalse(s.passwordMayGoTo(HttpUrl.get("https://kubeflow.example.com.evil.example.com/login")));
        assertEquals(List.of(URI.create("https://kubeflow.example.com:443"), URI.create("https://login.example.com:443")),
                s.secretDestinations());
    }

    @Test
    void aPlainHttpApiAllowsAPlainHttpLogin() {
        SessionSettings s = SessionSettings.builder(URI.create("http://127.0.0.1:8080/seldon-deploy/api/v1alpha1"),
                GatewayKind.OIDC_AUTHSERVICE).user("u", SecretText.of("p")).build();
        assertTrue(s.passwordMayGoTo(HttpUrl.get("http://127.0.0.1:8080/dex/auth/local/login")));
        assertFalse(s.passwordMayGoTo(HttpUrl.get("http://127.0.0.1:8081/dex/auth/local/login")));
    }

    @Test
    void theLoginOriginIsAnOriginUsingHttpsAsTheApiDoes() {
        assertThrows(IllegalArgumentException.class, () -> builder(GatewayKind.OAUTH2_PROXY)
                .loginOrigin(URI.create("http://login.example.com")).build());
        assertThrows(IllegalArgumentException.class, () -> builder(GatewayKind.OAUTH2_PROXY)
                .loginOrigin(URI.create("https://login.example.com/dex")).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder(GatewayKind.OAUTH2_PROXY)
                .loginOrigin(URI.create("https://u:hunter2@login.example.com")).build());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void printsNoSecret() {
        SessionSettings s = builder(GatewayKind.OIDC_AUTHSERVICE).build();
        assertEquals("gateway session of user user@example.com through oidc-authservice with Dex at "
                + "https://kubeflow.example.com:443", s.toString());
        assertThrows(IllegalArgumentException.class, () -> SessionSettings.builder(API, GatewayKind.OAUTH2_PROXY)
                .user("u", null).build());
    }
}
