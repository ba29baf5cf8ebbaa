package io.jenkins.plugins.seldon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks bearer tokens the way an OIDC-protected API does: RS256 signature against the provider's keys, {@code iss},
 * {@code exp} (and {@code nbf}). Keys come either from the provider's discovery document and {@code jwks_uri}
 * (re-fetched when a token names an unknown key) or from a {@link TestTokenIssuer}.
 */
public final class TokenVerifier {

    /** Who a verified token says the caller is; claim names as Seldon's defaults ({@code USERID_CLAIM_KEY} etc.). */
    public record Principal(String id, String name, String email, List<String> groups, String tokenId,
                            Instant expiresAt) {
    }

    /** The token is not acceptable; the message says why (never contains the token). */
    public static final class InvalidTokenException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message);
        }
    }

    private final String issuer;
    private final Clock clock;
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final URI jwksUri;

    private TokenVerifier(String issuer, Clock clock, URI jwksUri, Map<String, PublicKey> initialKeys) {
        this.issuer = issuer;
        this.clock = clock;
        this.jwksUri = jwksUri;
        keys.putAll(initialKeys);
    }

    /** Trusts exactly these keys (kid → key), e.g. a {@link TestTokenIssuer}'s. */
    public static TokenVerifier forKeys(String issuer, Map<String, PublicKey> keys, Clock clock) {
        return new TokenVerifier(issuer, clock, null, keys);
    }

    /** Reads {@code issuer}'s discovery document and its JWKS, as a real API server configured with that issuer does. */
    public static TokenVerifier fromDiscovery(URI issuer, Clock clock) throws IOException, InterruptedException {
        String iss = issuer.toString().replaceAll("/+$", "");
        JsonNode discovery = getJson(URI.create(iss + "/.well-known/openid-configuration"));
        if (!iss.equals(discovery.path("issuer").asText())) {
            throw new IOException("discovery document of " + iss + " names issuer " + discovery.path("issuer").asText());
        }
        URI jwks = URI.create(discovery.path("jwks_uri").asText());
        TokenVerifier v = new TokenVerifier(iss, clock, jwks, Map.of());
        v.refreshKeys();
        return v;
    }

    public String issuer() {
        return issuer;
    }

    public Clock clock() {
        return clock;
    }

    public Principal verify(String token) throws InvalidTokenException {
        Jwt jwt;
        try {
            jwt = Jwt.parse(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("malformed token: " + e.getMessage());
        }
        String alg = jwt.header().path("alg").asText();
        if (!"RS256".equals(alg)) {
            throw new InvalidTokenException("unsupported signature algorithm " + alg);
        }
        PublicKey key = keyFor(jwt.header().path("kid").asText(null));
        if (key == null || !jwt.verifyRs256(key)) {
            throw new InvalidTokenException("signature does not verify with the provider's keys");
        }
        JsonNode claims = jwt.payload();
        if (!issuer.equals(claims.path("iss").asText())) {
            throw new InvalidTokenException("token issuer " + claims.path("iss").asText() + " is not " + issuer);
        }
        if (!claims.path("exp").canConvertToLong()) {
            throw new InvalidTokenException("token has no exp");
        }
        Instant exp = Instant.ofEpochSecond(claims.path("exp").asLong());
        Instant now = clock.instant();
        if (!now.isBefore(exp)) {
            throw new InvalidTokenException("token expired at " + exp);
        }
        if (claims.has("nbf") && now.isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong()))) {
            throw new InvalidTokenException("token not valid yet");
        }
        List<String> groups = new ArrayList<>();
        claims.path("groups").forEach(g -> groups.add(g.asText()));
        String id = claims.path("preferred_username").asText(claims.path("sub").asText());
        String tokenId = claims.path("jti").asText(Integer.toHexString(token.hashCode()));
        return new Principal(id, claims.path("name").asText(""), claims.path("email").asText(""), List.copyOf(groups),
                tokenId, exp);
    }

    private PublicKey keyFor(String kid) throws InvalidTokenException {
        if (kid == null) {
            if (keys.size() == 1) {
                return keys.values().iterator().next();
            }
            throw new InvalidTokenException("token names no key (kid) and the provider has several");
        }
        PublicKey key = keys.get(kid);
        if (key == null && jwksUri != null) {
            try {
                refreshKeys(); // the provider may have rotated its keys since we last looked
            } catch (IOException e) {
                throw new InvalidTokenException("cannot read the provider's keys: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InvalidTokenException("interrupted while reading the provider's keys");
            }
            key = keys.get(kid);
        }
        return key;
    }

    private void refreshKeys() throws IOException, InterruptedException {
        for (JsonNode jwk : getJson(jwksUri).path("keys")) {
            String use = jwk.path("use").asText("sig");
            if ("RSA".equals(jwk.path("kty").asText()) && "sig".equals(use) && jwk.hasNonNull("kid")) {
                keys.put(jwk.path("kid").asText(), Jwt.rsaKeyFromJwk(jwk));
            }
        }
    }

    private static JsonNode getJson(URI uri) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("GET " + uri + " answered HTTP " + r.statusCode());
        }
        return Jwt.JSON.readTree(r.body());
    }
}
