package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.Urls;
import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One OIDC principal: where to get its token (an issuer, discovered through {@code /.well-known/openid-configuration},
 * or an explicit token endpoint), which grant, its proofs, how the client authenticates at the token endpoint (a
 * secret in the form or as HTTP Basic, a JWT signed with its key, or nothing for a public client) and what the token
 * is requested for (scope, audience, resource). Secrets are {@link SecretText} and never printed.
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
    private final ClientCertificate clientKey;
    private final ClientAuthMethod clientAuth;
    private final String username;
    private final SecretText password;
    private final SecretText refreshToken;
    private final String scope;
    private final String audience;
    private final String resource;
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
        this.clientKey = b.clientKey;
        this.clientAuth = b.clientAuth;
        checkClientAuthentication();
        if (grant == OidcGrant.PASSWORD && (b.username == null || b.username.isBlank() || b.password == null)) {
            throw new IllegalArgumentException("The password grant needs a user name and a password");
        }
        if (grant == OidcGrant.REFRESH_TOKEN && b.refreshToken == null) {
            throw new IllegalArgumentException("The refresh token grant needs a refresh token");
        }
        this.username = grant == OidcGrant.PASSWORD ? b.username : null;
        this.password = grant == OidcGrant.PASSWORD ? b.password : null;
        this.refreshToken = grant == OidcGrant.REFRESH_TOKEN ? b.refreshToken : null;
        String givenScope = b.scope == null || b.scope.isBlank() ? null : b.scope.trim();
        // A refresh keeps the scope the token was granted with unless asked otherwise; a narrower one (such as a
        // default "openid" without "offline_access") could turn an offline token into one that ends with a session.
        this.scope = givenScope != null || grant == OidcGrant.REFRESH_TOKEN ? givenScope : DEFAULT_SCOPE;
        this.audience = b.audience == null || b.audience.isBlank() ? null : b.audience.trim();
        this.resource = b.resource == null || b.resource.isBlank() ? null : b.resource.trim();
    }

    /** One proof for the client at most, and the one its method needs. */
    private void checkClientAuthentication() {
        if (clientSecret != null && clientKey != null) {
            throw new IllegalArgumentException("Give the OIDC client a secret or a private key, not both");
        }
        if (clientAuth != null && clientAuth.usesSecret() && clientSecret == null) {
            throw new IllegalArgumentException("The client authentication method " + clientAuth + " needs a client "
                    + "secret");
        }
        if (clientAuth == ClientAuthMethod.PRIVATE_KEY_JWT && clientKey == null) {
            throw new IllegalArgumentException("The client authentication method private_key_jwt needs the client's "
                    + "private key and certificate");
        }
        if (clientKey != null) {
            if (clientAuth != null && clientAuth != ClientAuthMethod.PRIVATE_KEY_JWT) {
                throw new IllegalArgumentException("A client private key is only used by the client authentication "
                        + "method private_key_jwt, not " + clientAuth);
            }
            ClientAssertion.algorithm(clientKey);
        }
        if (clientAuth == ClientAuthMethod.NONE && clientSecret != null) {
            throw new IllegalArgumentException("A public client (client authentication none) has no secret");
        }
        if (grant == OidcGrant.CLIENT_CREDENTIALS && clientSecret == null && clientKey == null) {
            throw new IllegalArgumentException("The client credentials grant needs a confidential client: a client "
                    + "secret or a private key");
        }
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
        // Never null: httpUrl refused URIs without a host, the only ones without a path.
        if ((!path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null
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

    /** {@code null} for a public client or one that authenticates with its key. */
    public SecretText clientSecret() {
        return clientSecret;
    }

    /** The key and certificate for {@code private_key_jwt}, or {@code null}. */
    public ClientCertificate clientKey() {
        return clientKey;
    }

    /** The configured client authentication method, or {@code null} to choose it (see {@link #clientAuthFor}). */
    public ClientAuthMethod clientAuth() {
        return clientAuth;
    }

    /**
     * The client authentication method to use: the configured one; else {@code private_key_jwt} with a key, a secret
     * method with a secret ({@code client_secret_post} unless the provider supports only {@code client_secret_basic}),
     * and none for a public client.
     *
     * @param supported the provider's {@code token_endpoint_auth_methods_supported}; empty when unknown
     */
    public ClientAuthMethod clientAuthFor(Set<String> supported) {
        if (clientAuth != null) {
            return clientAuth;
        }
        if (clientKey != null) {
            return ClientAuthMethod.PRIVATE_KEY_JWT;
        }
        return clientSecret != null ? ClientAuthMethod.secretMethodFor(supported) : ClientAuthMethod.NONE;
    }

    /** The user for the password grant, else {@code null}. */
    public String username() {
        return username;
    }

    /** The password for the password grant, else {@code null}. */
    public SecretText password() {
        return password;
    }

    /** The refresh token a person obtained, for the refresh token grant, else {@code null}. */
    public SecretText refreshToken() {
        return refreshToken;
    }

    /** The requested scope; {@code null} for a refresh that keeps the scope the token was granted with. */
    public String scope() {
        return scope;
    }

    /** The {@code audience} parameter (e.g. Auth0, Okta custom servers), or {@code null}. */
    public String audience() {
        return audience;
    }

    /** The {@code resource} parameter (RFC 8707; e.g. Entra ID v1, ADFS), or {@code null}. */
    public String resource() {
        return resource;
    }

    /**
     * The one origin other than the issuer's ({@code scheme://host:port}) on which a discovered token endpoint is
     * accepted, or {@code null}.
     */
    public URI allowedTokenEndpointOrigin() {
        return allowedTokenEndpointOrigin;
    }

    /**
     * Where the client secret, password and refresh token may be sent: the configured token endpoint; else the
     * issuer's origin and, when allowed, the other origin. Credential domains should match every one of them.
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
        private ClientCertificate clientKey;
        private ClientAuthMethod clientAuth;
        private String username;
        private SecretText password;
        private SecretText refreshToken;
        private String scope;
        private String audience;
        private String resource;
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

        /** The client's key and certificate, with which it signs {@code private_key_jwt} assertions. */
        public Builder clientKey(ClientCertificate clientKey) {
            this.clientKey = clientKey;
            return this;
        }

        /** The client authentication method; {@code null} (the default) chooses it, see {@link #clientAuthFor}. */
        public Builder clientAuth(ClientAuthMethod clientAuth) {
            this.clientAuth = clientAuth;
            return this;
        }

        public Builder refreshToken(SecretText refreshToken) {
            this.refreshToken = refreshToken;
            return this;
        }

        public Builder audience(String audience) {
            this.audience = audience;
            return this;
        }

        public Builder resource(String resource) {
            this.resource = resource;
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
