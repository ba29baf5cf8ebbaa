package io.jenkins.plugins.seldon.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.client.http.HttpCalls;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.HttpResult;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Gets bearer tokens from an OIDC provider with the client credentials or password grant, the way Seldon's own
 * documentation does: a form POST with {@code grant_type}, {@code client_id}, {@code client_secret}, {@code scope}
 * (and {@code username}, {@code password}). Seldon expects the {@code id_token}; providers that issue none for a grant
 * (e.g. client credentials on some providers) get their {@code access_token} used instead. Thread-safe.
 */
public final class OidcAuthenticator implements RequestAuthenticator {

    /** How long a token with no known expiry is reused. */
    static final Duration UNKNOWN_LIFETIME = Duration.ofSeconds(60);

    private final OidcSettings settings;
    private final TlsSettings tls;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final HttpClientFactory http;
    private final TokenCache cache;
    private final TokenCache.Key key;

    /**
     * @param cache tokens shared with other jobs, or {@code null} to share nothing (e.g. when testing a configuration:
     *     then this authenticator asks the provider at least once)
     */
    public OidcAuthenticator(OidcSettings settings, TlsSettings tls, Duration connectTimeout, Duration readTimeout,
            HttpClientFactory http, TokenCache cache) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.http = Objects.requireNonNull(http, "http");
        this.cache = cache == null ? new TokenCache() : cache;
        String endpoint = settings.tokenEndpoint() != null
                ? "token " + settings.tokenEndpoint()
                : "issuer " + settings.issuer();
        this.key = this.cache.key(endpoint, tls, settings.clientId(), settings.grant(), settings.username(),
                settings.scope(), settings.clientSecret(), settings.password());
    }

    @Override
    public AuthHeader authenticate() throws SeldonException, InterruptedException {
        return cache.get(key, this::requestToken);
    }

    @Override
    public void invalidate(AuthHeader rejected) {
        cache.invalidate(key, rejected);
    }

    @Override
    public String describe() {
        return settings.toString();
    }

    private AuthHeader requestToken() throws SeldonException, InterruptedException {
        URI configured = settings.tokenEndpoint() != null ? settings.tokenEndpoint() : settings.issuer();
        OkHttpClient client;
        try {
            client = http.forEndpoint(configured, tls, connectTimeout, readTimeout);
        } catch (IllegalArgumentException e) {
            throw new TlsException("Cannot call the OIDC provider at " + configured + ": " + e.getMessage()
                    + ". Check the server's TLS settings and the provider URL.", e);
        }
        URI endpoint = settings.tokenEndpoint() != null
                ? settings.tokenEndpoint()
                : cache.discovery().tokenEndpoint(settings.issuer(), tls, client);
        HttpUrl url = HttpUrl.parse(endpoint.toString());
        if (url == null) {
            throw new ProviderException("The OIDC token endpoint '" + endpoint + "' is not an http(s) URL. Check the "
                    + "token endpoint URL.", 0, null, null, endpoint.toString());
        }
        FormBody.Builder form = new FormBody.Builder()
                .add("grant_type", settings.grant().wireName())
                .add("client_id", settings.clientId());
        if (settings.clientSecret() != null) {
            form.add("client_secret", settings.clientSecret().reveal());
        }
        form.add("scope", settings.scope());
        if (settings.grant() == OidcGrant.PASSWORD) {
            form.add("username", settings.username()).add("password", settings.password().reveal());
        }
        Request request = new Request.Builder().url(url).header("Accept", "application/json").post(form.build()).build();
        HttpResult r;
        try {
            r = HttpCalls.execute(client, request, "the OIDC token endpoint");
        } catch (NetworkException e) {
            forgetDiscovery();
            throw e;
        }
        return interpret(r, HttpCalls.where(request));
    }

    private AuthHeader interpret(HttpResult r, String where) throws ProviderException {
        JsonNode body = Json.parseOrNull(r.body());
        if (r.status() >= 300 && r.status() < 400) {
            forgetDiscovery();
            throw new ProviderException("The OIDC token request was redirected (" + where + " answered HTTP "
                    + r.status() + "). Check the token endpoint or issuer URL.", r.status(), null, null, where);
        }
        if (r.status() != 200) {
            String error = body == null ? null : text(body, "error");
            String description = body == null ? null : text(body, "error_description");
            if (error == null) {
                forgetDiscovery();
            }
            StringBuilder m = new StringBuilder("The OIDC provider refused the token request for ")
                    .append(describe()).append(" (").append(where).append(" answered HTTP ").append(r.status());
            if (error != null) {
                m.append(", ").append(error);
                if (description != null) {
                    m.append(": ").append(description);
                }
            }
            m.append("). ").append(hint(error));
            throw new ProviderException(m.toString(), r.status(), error, description, where);
        }
        String idToken = body == null ? null : text(body, "id_token");
        String token = idToken != null ? idToken : body == null ? null : text(body, "access_token");
        if (token == null) {
            throw new ProviderException("The OIDC provider answered the token request without an id_token or "
                    + "access_token (" + where + "). Check that the token endpoint URL is right and that the scope "
                    + "includes openid.", r.status(), null, null, where);
        }
        return AuthHeader.bearer(SecretText.of(token), expiry(token, body));
    }

    private void forgetDiscovery() {
        if (settings.issuer() != null) {
            cache.discovery().forget(settings.issuer(), tls);
        }
    }

    /** The expiry of the token actually sent: its JWT {@code exp}, else {@code expires_in}, else a short default. */
    private Instant expiry(String token, JsonNode body) {
        Instant now = cache.clock().instant();
        Instant exp = jwtExpiry(token);
        if (exp != null && exp.isAfter(now)) {
            return exp;
        }
        JsonNode expiresIn = body.get("expires_in");
        if (expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0) {
            return now.plusSeconds(expiresIn.asLong());
        }
        return now.plus(UNKNOWN_LIFETIME);
    }

    /** The {@code exp} claim of a JWT, read without verifying it (the API verifies), or {@code null}. */
    static Instant jwtExpiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = Json.parseOrNull(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            JsonNode exp = claims == null ? null : claims.get("exp");
            return exp != null && exp.isNumber() ? Instant.ofEpochSecond(exp.asLong()) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private static String hint(String error) {
        if (error == null) {
            return "Check the token endpoint or issuer URL.";
        }
        return switch (error) {
            case "invalid_client" -> "Check the client id and the client secret credential.";
            case "invalid_grant" -> "Check the user name and password credential.";
            case "unauthorized_client" -> "Check that the grant is enabled for this client at the provider "
                    + "(Keycloak: service accounts for client credentials, direct access grants for password).";
            case "unsupported_grant_type" -> "Check that the provider supports this grant.";
            case "invalid_scope" -> "Check the scope.";
            default -> "Check the OIDC settings of this server.";
        };
    }
}
