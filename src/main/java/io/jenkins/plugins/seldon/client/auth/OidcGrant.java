package io.jenkins.plugins.seldon.client.auth;

/** The OAuth 2.0 grants the plugin uses to get a token from an OIDC provider. */
public enum OidcGrant {
    CLIENT_CREDENTIALS("client_credentials"),
    PASSWORD("password"),
    /** Exchanges a refresh (or offline) token that a person obtained once, e.g. through the authorization code flow. */
    REFRESH_TOKEN("refresh_token");

    private final String wireName;

    OidcGrant(String wireName) {
        this.wireName = wireName;
    }

    /** The {@code grant_type} value sent to the token endpoint. */
    public String wireName() {
        return wireName;
    }
}
