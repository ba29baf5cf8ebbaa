package io.jenkins.plugins.seldon.client.auth;

/**
 * The authenticating gateways in front of the API that a session login is tested with, and the name of the session
 * cookie each sets by default. Only the default cookie name and the wording of messages depend on it: the login itself
 * follows whatever redirects, forms and cookies the gateway and its identity provider use.
 */
public enum GatewayKind {
    /** Kubeflow up to 1.8: Arrikto's oidc-authservice in front, Dex as the identity provider. */
    OIDC_AUTHSERVICE("oidc-authservice with Dex", "authservice_session"),
    /** Kubeflow 1.9 and later: oauth2-proxy in front, Dex as the identity provider (with its approval page). */
    OAUTH2_PROXY("oauth2-proxy with Dex", "oauth2_proxy_kubeflow"),
    /** Apache httpd with mod_auth_openidc in front, any OpenID Connect provider (e.g. Keycloak) behind it. */
    MOD_AUTH_OPENIDC("Apache httpd with mod_auth_openidc", "mod_auth_openidc_session"),
    /** Another gateway that redirects to a login form; its session cookie name must be given. */
    OTHER("an authenticating gateway", null);

    private final String displayName;
    private final String defaultCookie;

    GatewayKind(String displayName, String defaultCookie) {
        this.displayName = displayName;
        this.defaultCookie = defaultCookie;
    }

    /** E.g. {@code oauth2-proxy with Dex}, for messages. */
    public String displayName() {
        return displayName;
    }

    /** The session cookie this gateway sets unless configured otherwise, or {@code null} for {@link #OTHER}. */
    public String defaultCookie() {
        return defaultCookie;
    }
}
