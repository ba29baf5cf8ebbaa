package io.jenkins.plugins.seldon.client.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.client.http.Answer;
import io.jenkins.plugins.seldon.client.http.Futures;
import io.jenkins.plugins.seldon.client.http.HttpCalls;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.RetryPolicy;
import io.jenkins.plugins.seldon.client.http.Retrying;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Gets bearer tokens from an OIDC provider with the client credentials, password or refresh token grant, the way
 * Seldon's own documentation does: a form POST with {@code grant_type}, {@code client_id}, {@code client_secret},
 * {@code scope} (and {@code username}, {@code password}, or {@code refresh_token}). The client may instead
 * authenticate with HTTP Basic, with a JWT signed by its key ({@code private_key_jwt}), or not at all (a public
 * client); {@code audience} and {@code resource} are sent when configured. Seldon expects the {@code id_token};
 * providers that issue none for a grant (e.g. client credentials on some providers) get their {@code access_token}
 * used instead. A refresh token the provider returns replaces the one used, in memory, for the next refresh. Token
 * requests are retried after outages (5xx, broken or refused connections, timeouts), never after a 4xx: repeating
 * refused credentials can lock the account, and a refresh token may be used only once. Thread-safe.
 */
public final class OidcAuthenticator implements RequestAuthenticator {

    /** How long a token with no known expiry is reused. */
    static final Duration UNKNOWN_LIFETIME = Duration.ofSeconds(60);
    /** The longest a token is reused, whatever lifetime the provider claims for it. */
    static final Duration MAX_LIFETIME = Duration.ofHours(24);

    private static final String WHAT = "the OIDC token endpoint";
    private static final Set<Integer> RETRIED_STATUSES = Set.of(500, 502, 503, 504);

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
        // The client key is named by its certificate: ClientCertificate checked that the key belongs to it.
        this.key = this.cache.key(endpoint, tls, settings.clientId(), settings.grant(), settings.username(),
                request(settings), settings.clientSecret(), settings.password(), settings.refreshToken(),
                settings.clientKey() == null ? null : SecretText.of(settings.clientKey().x5tS256()));
    }

    private static String request(OidcSettings s) {
        return "scope=" + s.scope() + " audience=" + s.audience() + " resource=" + s.resource();
    }

    @Override
    public AuthHeader authenticate() throws SeldonException, InterruptedException {
        // Discovery and the token request each have a budget of their own.
        return HttpCalls.await(authenticateAsync(RetryListener.NONE), budget().multipliedBy(2), WHAT);
    }

    @Override
    public CompletableFuture<AuthHeader> authenticateAsync(RetryListener retries) {
        return cache.get(key, this::requestToken, retries);
    }

    @Override
    public void invalidate(AuthHeader rejected) {
        cache.invalidate(key, rejected);
    }

    @Override
    public String describe() {
        return settings.toString();
    }

    @Override
    public String whenRefused() {
        return "Check that the API trusts this OIDC provider and client.";
    }

    /** The time discovery, or the token request, may take: every attempt and every wait between them. */
    private Duration budget() {
        RetryPolicy p = http.retries();
        return HttpClientFactory.callTimeout(connectTimeout, readTimeout).plus(p.maxRetryAfter())
                .multipliedBy(p.maxAttempts());
    }

    private CompletableFuture<AuthHeader> requestToken(RetryListener retries) {
        URI configured = settings.tokenEndpoint() != null ? settings.tokenEndpoint() : settings.issuer();
        OkHttpClient client;
        try {
            client = http.forEndpoint(configured, tls, connectTimeout, readTimeout);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new TlsException("Cannot call the OIDC provider at " + configured
                    + ": " + e.getMessage() + ". Check the server's TLS settings and the provider URL.", e));
        }
        CompletableFuture<OidcDiscovery.Discovered> endpoint = settings.tokenEndpoint() != null
                ? CompletableFuture.completedFuture(new OidcDiscovery.Discovered(settings.tokenEndpoint(), Set.of()))
                : cache.discovery().discover(settings.issuer(), tls, client, http, budget(), retries);
        return Futures.then(endpoint, (doc, failure) -> {
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
            URI uri = doc.tokenEndpoint();
            HttpUrl url = settings.tokenEndpoint() != null ? HttpUrl.get(uri.toString()) : discovered(uri);
            ClientAuthMethod method = settings.clientAuthFor(doc.authMethods());
            // Null unless the refresh token grant: only its answers' refresh tokens are kept.
            SecretText refreshToken = cache.refreshToken(key, settings.refreshToken());
            CompletableFuture<AuthHeader> token = Retrying.run(WHAT, "POST", url, http.retries(), budget(),
                    client.dispatcher().executorService(), retries,
                    // A new request per attempt: a client assertion must not be used twice.
                    n -> Futures.then(HttpCalls.send(client, request(url, method, refreshToken), WHAT,
                            http.limits().provider(), answer -> read(answer, method, refreshToken)),
                            (outcome, e) -> {
                                if (e instanceof NetworkException ne && ne.mayPass()) {
                                    return CompletableFuture.completedFuture(
                                            Retrying.Outcome.retry(ne, ne.shortReason(), null));
                                }
                                return e != null ? CompletableFuture.failedFuture(e)
                                        : CompletableFuture.completedFuture(outcome);
                            }));
            return Futures.then(token, (header, e) -> {
                if (e instanceof NetworkException) {
                    // The provider may have moved: ask the issuer again next time.
                    forgetDiscovery();
                }
                return e != null ? CompletableFuture.failedFuture(e) : CompletableFuture.completedFuture(header);
            });
        });
    }

    /**
     * A discovered token endpoint, if the secrets may go there: on the issuer's origin, over
     * https when the issuer uses it, or on the one other origin the administrator allowed.
     */
    private HttpUrl discovered(URI endpoint) throws ProviderException {
        HttpUrl url = HttpUrl.get(endpoint.toString());
        HttpUrl issuer = HttpUrl.get(settings.issuer().toString());
        String where = "POST " + HttpCalls.withoutQuery(url);
        String alternatives = "configure the token endpoint URL (https) directly instead of the issuer URL";
        if (issuer.isHttps() && !url.isHttps()) {
            throw new ProviderException("OIDC discovery for the issuer " + settings.issuer() + " names a token endpoint "
                    + "over plain http (" + HttpCalls.withoutQuery(url) + "), so no secret (client secret, password, "
                    + "refresh token) was sent: it could be read on the network. Fix the provider's public URL "
                    + "settings (e.g. Keycloak behind a proxy that does not tell it the original scheme), or "
                    + alternatives + ".",
                    0, null, null, where);
        }
        URI origin = origin(url);
        URI issuerOrigin = origin(issuer);
        if (!origin.equals(issuerOrigin) && !origin.equals(settings.allowedTokenEndpointOrigin())) {
            throw new ProviderException("OIDC discovery for the issuer " + settings.issuer() + " names a token endpoint "
                    + "on another host, " + origin.getRawAuthority() + " (" + HttpCalls.withoutQuery(url)
                    + "), than the issuer's " + issuerOrigin.getRawAuthority() + ", so no secret (client "
                    + "secret, password, refresh token) was sent. If that host belongs to your OIDC provider (e.g. "
                    + "Keycloak with a back-channel host name of its own), allow it as the other token endpoint "
                    + "origin (" + origin
                    + ") in the server's OIDC settings, or " + alternatives + ".", 0, null, null, where);
        }
        return url;
    }

    /**
     * {@code scheme://host:port} as {@link OidcSettings#allowedTokenEndpointOrigin()} has it: an IPv6 literal in
     * brackets, which {@link HttpUrl#host()} leaves out.
     */
    private static URI origin(HttpUrl url) {
        String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
        return URI.create(url.scheme() + "://" + host + ":" + url.port());
    }

    /**
     * The token request: the grant's fields, the client's proof as {@code method} sends it, and what the token is
     * for.
     */
    private Request request(HttpUrl url, ClientAuthMethod method, SecretText refreshToken) {
        Request.Builder request = new Request.Builder().url(url).header("Accept", "application/json");
        FormBody.Builder form = new FormBody.Builder().add("grant_type", settings.grant().wireName());
        switch (method) {
            case CLIENT_SECRET_BASIC -> request.header("Authorization", basic(settings.clientId(),
                    settings.clientSecret()));
            case CLIENT_SECRET_POST -> form.add("client_id", settings.clientId())
                    .add("client_secret", settings.clientSecret().reveal());
            case PRIVATE_KEY_JWT -> form.add("client_id", settings.clientId())
                    .add("client_assertion_type", ClientAssertion.TYPE)
                    .add("client_assertion", ClientAssertion.sign(settings.clientKey(), settings.clientId(),
                            HttpCalls.withoutQuery(url), cache.clock().instant()));
            case NONE -> form.add("client_id", settings.clientId());
        }
        if (settings.scope() != null) {
            form.add("scope", settings.scope());
        }
        if (settings.grant() == OidcGrant.PASSWORD) {
            form.add("username", settings.username()).add("password", settings.password().reveal());
        } else if (settings.grant() == OidcGrant.REFRESH_TOKEN) {
            form.add("refresh_token", refreshToken.reveal());
        }
        if (settings.audience() != null) {
            form.add("audience", settings.audience());
        }
        if (settings.resource() != null) {
            form.add("resource", settings.resource());
        }
        return request.post(form.build()).build();
    }

    /** HTTP Basic with the client id and secret form-encoded first, as RFC 6749, section 2.3.1 requires. */
    private static String basic(String clientId, SecretText secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(secret.reveal(), StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** The token answer as it arrives, on OkHttp's thread. */
    private Retrying.Outcome<AuthHeader> read(Answer r, ClientAuthMethod method, SecretText refreshToken)
            throws IOException {
        String where = r.where();
        if (r.status() >= 300 && r.status() < 400) {
            forgetDiscovery();
            return Retrying.Outcome.failed(new ProviderException("The OIDC token request was redirected (" + where
                    + " answered HTTP " + r.status() + "). Check the token endpoint or issuer URL.", r.status(), null,
                    null, where));
        }
        JsonNode body = Json.parseOrNull(r.body());
        if (r.status() != 200) {
            String error = body == null ? null : text(body, "error");
            String description = body == null ? null : text(body, "error_description");
            boolean outage = r.status() >= 500;
            if ("invalid_grant".equals(error) && refreshToken != null) {
                cache.refused(key, refreshToken);
            }
            if (error == null && !outage) {
                forgetDiscovery();
            }
            StringBuilder m = new StringBuilder(outage ? "The OIDC provider failed on the token request for "
                    : "The OIDC provider refused the token request for ")
                    .append(describe()).append(" (").append(where).append(" answered HTTP ").append(r.status());
            if (error != null) {
                m.append(", ").append(OidcDiscovery.shown(error));
                if (description != null) {
                    m.append(": ").append(OidcDiscovery.shown(description));
                }
            }
            m.append("). ").append(outage ? "The provider may be down or overloaded; check its health and try again "
                    + "later." : hint(error, method));
            ProviderException e = new ProviderException(m.toString(), r.status(), error, description, where);
            // Never after a 4xx: a refused secret or password sent again counts against the account's lockout.
            return RETRIED_STATUSES.contains(r.status())
                    ? Retrying.Outcome.retry(e, "answered HTTP " + r.status(),
                            RetryPolicy.retryAfter(r.headers().get("Retry-After"), Instant.now()))
                    : Retrying.Outcome.failed(e);
        }
        String idToken = body == null ? null : text(body, "id_token");
        String token = idToken != null ? idToken : body == null ? null : text(body, "access_token");
        if (token == null) {
            return Retrying.Outcome.failed(new ProviderException("The OIDC provider answered the token request "
                    + "without an id_token or access_token (" + where + "). Check that the token endpoint URL is right "
                    + "and that the scope includes openid.", r.status(), null, null, where));
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Retrying.Outcome.failed(new ProviderException("The OIDC provider answered the token request with a "
                    + "token that cannot be sent in an HTTP header (" + where + "). Check the provider.", r.status(),
                    null, null, where));
        }
        String rotated = refreshToken == null ? null : text(body, "refresh_token");
        if (rotated != null) {
            cache.rotated(key, SecretText.of(rotated));
        }
        return Retrying.Outcome.done(AuthHeader.bearer(SecretText.of(token), expiry(token, body)));
    }

    /** Forgets the issuer's discovery answer; there is none with a configured token endpoint (no issuer). */
    private void forgetDiscovery() {
        cache.discovery().forget(settings.issuer(), tls);
    }

    /**
     * The expiry of the token actually sent: its JWT {@code exp}, else {@code expires_in}, else a short default;
     * never more than {@link #MAX_LIFETIME} ahead, whatever the provider claims.
     */
    private Instant expiry(String token, JsonNode body) {
        Instant now = cache.clock().instant();
        Instant latest = now.plus(MAX_LIFETIME);
        Instant exp = jwtExpiry(token);
        if (exp != null && exp.isAfter(now)) {
            return exp.isAfter(latest) ? latest : exp;
        }
        JsonNode expiresIn = body.get("expires_in");
        if (expiresIn != null && expiresIn.isNumber() && expiresIn.asDouble() >= 1) {
            double seconds = Math.min(expiresIn.asDouble(), MAX_LIFETIME.toSeconds());
            return now.plusSeconds((long) seconds);
        }
        return now.plus(UNKNOWN_LIFETIME);
    }

    /**
     * The {@code exp} claim of a JWT, read without verifying it (the API verifies), or {@code null}. Values beyond
     * what an {@link Instant} holds are clamped to its range.
     */
    static Instant jwtExpiry(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = Json.parseOrNull(new String(Base64.getUrlDecoder().decode(parts[1]),
                    StandardCharsets.UTF_8));
            JsonNode exp = claims == null ? null : claims.get("exp");
            if (exp == null || !exp.isNumber()) {
                return null;
            }
            long max = Instant.MAX.getEpochSecond();
            double d = exp.asDouble();
            // Within these bounds, asLong() is exact for integers and truncates fractions.
            long seconds = d >= max ? max : d <= -max ? -max : exp.asLong();
            return Instant.ofEpochSecond(seconds);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private String hint(String error, ClientAuthMethod method) {
        if (error == null) {
            return "Check the token endpoint or issuer URL.";
        }
        return switch (error) {
            case "invalid_client" -> switch (method) {
                case PRIVATE_KEY_JWT -> "Check the client id, and that the provider holds the certificate "
                        + settings.clientKey().describe() + " for this client and accepts signed JWTs from it "
                        + "(Keycloak: client authenticator \"Signed JWT\" with that certificate under Keys).";
                case NONE -> "The provider expects this client to authenticate: give its secret or key, or make it "
                        + "a public client at the provider.";
                default -> "Check the client id and the client secret credential, and that the provider accepts "
                        + method + " for this client (else choose the client authentication method it expects).";
            };
            case "invalid_grant" -> switch (settings.grant()) {
                case PASSWORD -> "Check the user name and password credential.";
                case REFRESH_TOKEN -> "The refresh token expired, was revoked, or was already used at a provider "
                        + "that revokes used refresh tokens: after a restart of Jenkins only the token stored in the "
                        + "credential is known, and such a provider refuses it once it has been refreshed. Store a new "
                        + "offline token in the Secret text credential; for it to last across restarts, let the "
                        + "provider's client keep refresh tokens valid after use (Keycloak: Realm settings, Tokens, "
                        + "\"Revoke Refresh Token\" off; Okta: refresh token behavior \"Use persistent token\"), or "
                        + "use the client credentials method with a service account instead.";
                case CLIENT_CREDENTIALS -> "Check the OIDC settings of this server.";
            };
            case "unauthorized_client" -> "Check that the grant is enabled for this client at the provider "
                    + "(Keycloak: service accounts for client credentials, direct access grants for password, the "
                    + "offline_access scope for offline tokens).";
            case "unsupported_grant_type" -> "Check that the provider supports this grant.";
            case "invalid_scope" -> "Check the scope.";
            case "invalid_target" -> "Check the audience and resource.";
            default -> "Check the OIDC settings of this server.";
        };
    }
}
