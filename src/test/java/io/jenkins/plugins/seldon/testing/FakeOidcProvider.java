package io.jenkins.plugins.seldon.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OIDC provider on a {@link LocalHttpServer}: discovery and a token endpoint for one client and one user,
 * issuing unsigned JWT-shaped tokens whose {@code exp} comes from the given clock. The client authenticates with its
 * secret in the form or as HTTP Basic, with a JWT signed by its key ({@link #clientKey}), or not at all
 * ({@link #publicClient}); refresh tokens it issued ({@link #issueRefreshToken}) can be rotated and revoked once used,
 * as Keycloak can be told to.
 */
public final class FakeOidcProvider {

    public static final String REALM_PATH = "/auth/realms/test";
    public static final String TOKEN_PATH = REALM_PATH + "/protocol/openid-connect/token";

    private final LocalHttpServer server;
    private final Clock clock;
    private final AtomicInteger serial = new AtomicInteger();
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();
    public volatile String clientId = "sd-api";
    public volatile String clientSecret = "client-secret-value";
    public volatile String username = "alice";
    public volatile String password = "alice-password-value";
    public volatile long lifetimeSeconds = 300;
    /** The id token's own lifetime; {@code expires_in} always describes the access token. */
    public volatile long idTokenLifetimeSeconds = 300;
    public volatile boolean issueIdToken = true;
    public volatile boolean includeExp = true;
    public volatile boolean clientCredentialsEnabled = true;
    public volatile long delayMillis;
    /** Listed as {@code token_endpoint_auth_methods_supported} when not {@code null}. */
    public volatile List<String> authMethods;
    /** The public key that verifies the client's {@code private_key_jwt} assertions, or {@code null}. */
    public volatile PublicKey clientKey;
    /** Whether the client is public: it sends its id alone. */
    public volatile boolean publicClient;
    /** Whether a refresh returns a new refresh token, and whether the one used then stops working. */
    public volatile boolean rotateRefreshTokens = true;
    public volatile boolean revokeUsedRefreshTokens;
    /** How many of the next token requests get a 503, before anything is checked. */
    public final AtomicInteger outages = new AtomicInteger();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> assertionIds = ConcurrentHashMap.newKeySet();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    public FakeOidcProvider(LocalHttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        server.on(REALM_PATH + "/.well-known/openid-configuration", (ex, r) -> LocalHttpServer.json(ex, 200,
                discovery()));
        server.on(TOKEN_PATH, (ex, r) -> {
            authorizations.add(String.valueOf(r.authorization()));
            token(ex, LocalHttpServer.form(r.body()), r.authorization());
        });
    }

    private String discovery() throws IOException {
        ObjectNode doc = Json.object().put("issuer", issuer().toString()).put("token_endpoint",
                tokenEndpoint().toString());
        List<String> methods = authMethods;
        if (methods != null) {
            methods.forEach(doc.putArray("token_endpoint_auth_methods_supported")::add);
        }
        return Json.write(doc);
    }

    /** A refresh token this provider accepts, as a person would have obtained it. */
    public String issueRefreshToken() {
        String token = "refresh-" + serial.incrementAndGet();
        refreshTokens.add(token);
        return token;
    }

    /** Revokes every refresh token issued so far, as a person revoking the application's offline access would. */
    public void revokeRefreshTokens() {
        refreshTokens.clear();
    }

    /** The {@code Authorization} header of each token request, {@code "null"} where none was sent. */
    public List<String> tokenAuthorizations() {
        return List.copyOf(authorizations);
    }

    public URI issuer() {
        return URI.create(server.url() + REALM_PATH);
    }

    public URI tokenEndpoint() {
        return URI.create(server.url() + TOKEN_PATH);
    }

    public List<Map<String, String>> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public long discoveryRequests() {
        return server.hits(REALM_PATH + "/.well-known/openid-configuration");
    }

    private void token(com.sun.net.httpserver.HttpExchange ex, Map<String, String> form, String authorization)
            throws IOException {
        tokenRequests.add(form);
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (outages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            LocalHttpServer.json(ex, 503, "{}");
            return;
        }
        if (!clientAuthenticated(form, authorization)) {
            LocalHttpServer.json(ex, 401,
                    "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
            return;
        }
        String grant = form.get("grant_type");
        String rotated = null;
        if ("password".equals(grant)) {
            if (!username.equals(form.get("username")) || !password.equals(form.get("password"))) {
                LocalHttpServer.json(ex, 401, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
                return;
            }
        } else if ("refresh_token".equals(grant)) {
            String used = form.get("refresh_token");
            if (used == null || !refreshTokens.contains(used)) {
                LocalHttpServer.json(ex, 400,
                        "{\"error\":\"invalid_grant\",\"error_description\":\"Token is not active\"}");
                return;
            }
            if (revokeUsedRefreshTokens) {
                refreshTokens.remove(used);
            }
            if (rotateRefreshTokens) {
                rotated = issueRefreshToken();
            }
        } else if (publicClient || !"client_credentials".equals(grant) || !clientCredentialsEnabled) {
            LocalHttpServer.json(ex, 400, "{\"error\":\"unauthorized_client\",\"error_description\":\"Client not enabled to retrieve service account\"}");
            return;
        }
        long exp = clock.instant().getEpochSecond() + lifetimeSeconds;
        int n = serial.incrementAndGet();
        ObjectNode body = Json.object();
        body.put("access_token", jwt("access-" + n, exp));
        if (issueIdToken) {
            body.put("id_token", jwt("id-" + n, clock.instant().getEpochSecond() + idTokenLifetimeSeconds));
        }
        body.put("expires_in", lifetimeSeconds);
        body.put("token_type", "Bearer");
        if (rotated != null) {
            body.put("refresh_token", rotated);
        }
        LocalHttpServer.json(ex, 200, Json.write(body));
    }

    /**
     * Whether the client proved its identity in one of the ways it may: its secret in the form or as HTTP Basic
     * (form-encoded, RFC 6749, 2.3.1), a signed assertion naming this token endpoint that was never used before, or its
     * id alone for a public client. Only one way per request.
     */
    private boolean clientAuthenticated(Map<String, String> form, String authorization) {
        boolean basic = authorization != null && authorization.startsWith("Basic ");
        boolean post = form.containsKey("client_secret");
        boolean jwt = form.containsKey("client_assertion");
        if ((basic ? 1 : 0) + (post ? 1 : 0) + (jwt ? 1 : 0) > 1) {
            return false;
        }
        if (basic) {
            String pair = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon > 0 && !form.containsKey("client_id")
                    && clientId.equals(URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8))
                    && clientSecret.equals(URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
        }
        if (!clientId.equals(form.get("client_id"))) {
            return false;
        }
        if (post) {
            return clientSecret.equals(form.get("client_secret"));
        }
        if (jwt) {
            return validAssertion(form);
        }
        return publicClient;
    }

    private boolean validAssertion(Map<String, String> form) {
        PublicKey key = clientKey;
        if (key == null || !"urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(
                form.get("client_assertion_type"))) {
            return false;
        }
        Jwt jwt;
        try {
            jwt = Jwt.parse(form.get("client_assertion"));
        } catch (IllegalArgumentException e) {
            return false;
        }
        String alg = jwt.header().path("alg").asText();
        boolean signed = alg.equals("RS256") ? jwt.verifyRs256(key) : alg.equals("ES256") && jwt.verifyEs256(key);
        ObjectNode claims = jwt.payload();
        long now = clock.instant().getEpochSecond();
        return signed && clientId.equals(claims.path("iss").asText()) && clientId.equals(claims.path("sub").asText())
                && tokenEndpoint().toString().equals(claims.path("aud").asText())
                && claims.path("exp").asLong() > now && assertionIds.add(claims.path("jti").asText());
    }

    /** An unsigned JWT-shaped token with the given id and expiry. */
    public String jwt(String id, long exp) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String claims = "{\"jti\":\"" + id + "\"" + (includeExp ? ",\"exp\":" + exp : "") + "}";
        return b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".sig";
    }

    /** The {@code jti} of a token this provider issued. */
    public static String id(String token) {
        return Jwt.parse(token).payload().path("jti").asText();
    }
}
