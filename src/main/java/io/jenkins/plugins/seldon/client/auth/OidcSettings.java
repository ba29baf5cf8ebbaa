package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.Urls;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One OIDC principal: where to get its token (an issuer, discovered through {@code /.well-known/openid-configuration},
 * or an explicit token endpoint), which grant, and its proofs. Secrets are {@link SecretText} and never printed.
 * A discovered token endpoint receives the secrets only on the issuer's origin (scheme, host and port), over https
 * when the issuer uses https, or on the one other origin an administrator allowed
 * ({@link Builder#allowTokenEndpointOrigin}); {@link #secretDestinations()} says where secrets may go.
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
    private final URI allowedTokenEndpointOrigin;

    private OidcSettings(Builder b) {
        if ((b.issuer == null) == (b.tokenEndpoint == null)) {
            throw new IllegalArgumentException("Give either an OIDC issuer URL or a token endpoint URL, not both or neither");
        }
        this.issuer = b.issuer == null ? null : stripTrailingSlash(httpUrl(b.issuer, "issuer URL"));
        this.tokenEndpoint = b.tokenEndpoint == null ? null : httpUrl(b.tokenEndpoint, "token endpoint URL");
        if (b.allowedTokenEndpointOrigin != null && issuer == null) {
            throw new IllegalArgumentException("An allowed token endpoint origin only applies to a token endpoint "
                    + "discovered from an issuer; with a configured token endpoint URL, that URL receives the secrets");
        }
        this.allowedTokenEndpointOrigin = b.allowedTokenEndpointOrigin == null ? null
                : origin(b.allowedTokenEndpointOrigin, issuer);
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

    // The URLs appear in messages and logs (toString), so they must not carry credentials; refused without
    // repeating them, since a URL typed without its scheme may start with a user name and password.
    private static URI httpUrl(URI u, String what) {
        if (u.getRawUserInfo() != null || Urls.mayHoldUserInfo(u.toString())) {
            throw new IllegalArgumentException("The OIDC " + what + " must not contain user information; put "
                    + "credentials in Jenkins credentials");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
            throw new IllegalArgumentException("The OIDC " + what + " must be an http(s) URL with a host");
        }
        return u;
    }

    /** {@code scheme://host:port}, lower case, with the port always given. */
    private static URI origin(URI u, URI issuer) {
        httpUrl(u, "token endpoint origin");
        String path = u.getRawPath();
        if ((path != null && !path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null
                || u.getRawFragment() != null) {
            throw new IllegalArgumentException("The allowed OIDC token endpoint origin is scheme, host and port only, "
                    + "e.g. https://keycloak-internal.example.com:8443");
        }
        String scheme = u.getScheme().toLowerCase(Locale.ROOT);
        if (issuer.getScheme().equalsIgnoreCase("https") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The allowed OIDC token endpoint origin must use https, as the issuer "
                    + "does: secrets sent over plain http can be read on the network");
        }
        int port = u.getPort() >= 0 ? u.getPort() : scheme.equals("https") ? 443 : 80;
        return URI.create(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port);
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

    /**
     * The one origin other than the issuer's ({@code scheme://host:port}) on which a discovered token endpoint is
     * accepted, or {@code null}.
     */
    public URI allowedTokenEndpointOrigin() {
        return allowedTokenEndpointOrigin;
    }

    /**
     * Where the client secret and password may be sent: the configured token endpoint; else the issuer's origin and,
     * when allowed, the other origin. Credential domains should match every one of them.
     */
    public List<URI> secretDestinations() {
        if (tokenEndpoint != null) {
            return List.of(tokenEndpoint);
        }
        return allowedTokenEndpointOrigin == null ? List.of(issuer) : List.of(issuer, allowedTokenEndpointOrigin);
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
        private URI allowedTokenEndpointOrigin;

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

        /**
         * Accepts a discovered token endpoint on this origin ({@code scheme://host[:port]}, no path) besides the
         * issuer's own, e.g. for Keycloak with a back-channel host name of its own. Only with an issuer; https when
         * the issuer uses https.
         */
        public Builder allowTokenEndpointOrigin(URI origin) {
            this.allowedTokenEndpointOrigin = origin;
            return this;
        }

        /** @throws IllegalArgumentException naming what is wrong, never repeating a URL that may hold a password */
        public OidcSettings build() {
            return new OidcSettings(this);
        }
    }
}
