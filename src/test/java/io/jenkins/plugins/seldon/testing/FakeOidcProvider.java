package io.jenkins.plugins.seldon.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OIDC provider on a {@link LocalHttpServer}: discovery and a token endpoint for one confidential client
 * and one user, issuing unsigned JWT-shaped tokens whose {@code exp} comes from the given clock.
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

    public FakeOidcProvider(LocalHttpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        server.on(REALM_PATH + "/.well-known/openid-configuration", (ex, r) -> LocalHttpServer.json(ex, 200,
                "{\"issuer\":\"" + issuer() + "\",\"token_endpoint\":\"" + server.url() + TOKEN_PATH + "\"}"));
        server.on(TOKEN_PATH, (ex, r) -> token(ex, LocalHttpServer.form(r.body())));
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

    private void token(com.sun.net.httpserver.HttpExchange ex, Map<String, String> form) throws IOException {
        tokenRequests.add(form);
        if (delayMillis > 0) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!clientId.equals(form.get("client_id")) || !clientSecret.equals(form.get("client_secret"))) {
            LocalHttpServer.json(ex, 401,
                    "{\"error\":\"invalid_client\",\"error_description\":\"Invalid client or Invalid client credentials\"}");
            return;
        }
        String grant = form.get("grant_type");
        if ("password".equals(grant)) {
            if (!username.equals(form.get("username")) || !password.equals(form.get("password"))) {
                LocalHttpServer.json(ex, 401, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}");
                return;
            }
        } else if (!"client_credentials".equals(grant) || !clientCredentialsEnabled) {
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
        LocalHttpServer.json(ex, 200, Json.write(body));
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
