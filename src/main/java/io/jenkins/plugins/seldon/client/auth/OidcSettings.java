package io.jenkins.plugins.seldon.client.auth;

import java.net.URI;
import java.util.Objects;

/**
 * One OIDC principal: where to get its token (an issuer, discovered through {@code /.well-known/openid-configuration},
 * or an explicit token endpoint), which grant, and its proofs. Secrets are {@link SecretText} and never printed.
 */
public final class OidcSettings {

    private static final String DEFAULT_SCOPE = "openid";

    private final URI issuer;
    private final URI tokenEndpoint;
    private final OidcGrant grant;
    private final String clientId;
    private final SecretText clientSecret;
    private final String username;
    private final SecretText password;
    private final String scope;

    private OidcSettings(Builder b) {
        if ((b.issuer == null) == (b.tokenEndpoint == null)) {
            throw new IllegalArgumentException("Give either an OIDC issuer URL or a token endpoint URL, not both or neither");
        }
        this.issuer = b.issuer == null ? null : stripTrailingSlash(noUserInfo(b.issuer, "issuer URL"));
        this.tokenEndpoint = b.tokenEndpoint == null ? null : noUserInfo(b.tokenEndpoint, "token endpoint URL");
        this.grant = Objects.requireNonNull(b.grant, "grant");
        if (b.clientId == null || b.clientId.isBlank()) {
            throw new IllegalArgumentException("The OIDC client id is empty");
        }
        this.clientId = b.clientId;
        this.clientSecret = b.clientSecret;
        if (grant == OidcGrant.CLIENT_CREDENTIALS && clientSecret == null) {
            throw new IllegalArgumentException("The client credentials grant needs a client secret");
        }
        if (grant == OidcGrant.PASSWORD && (b.username == null || b.username.isBlank() || b.password == null)) {
            throw new IllegalArgumentException("The password grant needs a user name and a password");
        }
        this.username = grant == OidcGrant.PASSWORD ? b.username : null;
        this.password = grant == OidcGrant.PASSWORD ? b.password : null;
        this.scope = b.scope == null || b.scope.isBlank() ? DEFAULT_SCOPE : b.scope.trim();
    }

    // The URLs appear in messages and logs (toString), so they must not carry credentials.
    private static URI noUserInfo(URI u, String what) {
        if (u.getRawUserInfo() != null) {
            throw new IllegalArgumentException("The OIDC " + what + " must not contain user information; put "
                    + "credentials in Jenkins credentials");
        }
        return u;
    }

    private static URI stripTrailingSlash(URI u) {
        String s = u.toString();
        return s.endsWith("/") ? URI.create(s.substring(0, s.length() - 1)) : u;
    }

    /** Starts settings for {@code grant} with the client {@code clientId}; set exactly one of issuer and token endpoint. */
    public static Builder builder(OidcGrant grant, String clientId) {
        return new Builder(grant, clientId);
    }

    /** The issuer, without a trailing slash, or {@code null} when an explicit token endpoint is set. */
    public URI issuer() {
        return issuer;
    }

    /** The explicit token endpoint, or {@code null} when it is discovered from the issuer. */
    public URI tokenEndpoint() {
        return tokenEndpoint;
    }

    public OidcGrant grant() {
        return grant;
    }

    public String clientId() {
        return clientId;
    }

    /** May be {@code null} for a public client using the password grant. */
    public SecretText clientSecret() {
        return clientSecret;
    }

    /** The user for the password grant, else {@code null}. */
    public String username() {
        return username;
    }

    /** The password for the password grant, else {@code null}. */
    public SecretText password() {
        return password;
    }

    public String scope() {
        return scope;
    }

    @Override
    public String toString() {
        return grant.wireName() + " grant for client " + clientId + (username == null ? "" : " and user " + username)
                + " at " + (issuer != null ? issuer : tokenEndpoint);
    }

    public static final class Builder {
        private URI issuer;
        private URI tokenEndpoint;
        private final OidcGrant grant;
        private final String clientId;
        private SecretText clientSecret;
        private String username;
        private SecretText password;
        private String scope;

        private Builder(OidcGrant grant, String clientId) {
            this.grant = grant;
            this.clientId = clientId;
        }

        public Builder issuer(URI issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder tokenEndpoint(URI tokenEndpoint) {
            this.tokenEndpoint = tokenEndpoint;
            return this;
        }

        public Builder clientSecret(SecretText clientSecret) {
            this.clientSecret = clientSecret;
            return this;
        }

        public Builder user(String username, SecretText password) {
            this.username = username;
            this.password = password;
            return this;
        }

        public Builder scope(String scope) {
            this.scope = scope;
            return this;
        }

        public OidcSettings build() {
            return new OidcSettings(this);
        }
    }
}
