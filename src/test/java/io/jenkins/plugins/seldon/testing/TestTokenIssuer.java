package io.jenkins.plugins.seldon.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A local stand-in for the provider's signing key, for tests that need valid (or deliberately invalid) bearer tokens
 * without starting Keycloak: {@code new FakeSeldonApi(issuer.verifier())} accepts what {@link #token} mints.
 */
public final class TestTokenIssuer {

    public static final String DEFAULT_ISSUER = "https://keycloak.invalid/auth/realms/deploy-realm";

    private final String issuer;
    private final String kid;
    private final KeyPair keys;
    private final Clock clock;

    public TestTokenIssuer() {
        this(DEFAULT_ISSUER, Clock.systemUTC());
    }

    public TestTokenIssuer(String issuer, Clock clock) {
        this(issuer, "test-" + UUID.randomUUID(), clock);
    }

    private TestTokenIssuer(String issuer, String kid, Clock clock) {
        this.issuer = issuer;
        this.kid = kid;
        this.clock = clock;
        this.keys = nextKeys();
    }

    // Generating an RSA key takes up to a second; every test instance made one, also for each mutant of a mutation
    // run. Issuers made one after another (an issuer and its forger, two issuers of one test) still get different keys.
    private static final KeyPair[] KEYS = new KeyPair[8];
    private static int next;

    private static synchronized KeyPair nextKeys() {
        int i = next++ % KEYS.length;
        if (KEYS[i] == null) {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                KEYS[i] = g.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return KEYS[i];
    }

    /** Same issuer and key id, different private key: what an attacker who knows the public metadata can sign. */
    public TestTokenIssuer forger() {
        return new TestTokenIssuer(issuer, kid, clock);
    }

    public String issuer() {
        return issuer;
    }

    /** A verifier that trusts this issuer's key and checks expiry against {@code verifierClock}. */
    public TokenVerifier verifier(Clock verifierClock) {
        return TokenVerifier.forKeys(issuer, Map.of(kid, keys.getPublic()), verifierClock);
    }

    public TokenVerifier verifier() {
        return verifier(clock);
    }

    /** The JWKS document a provider would serve for this key. */
    public ObjectNode jwks() {
        ObjectNode doc = Jwt.JSON.createObjectNode();
        ArrayNode list = doc.putArray("keys");
        list.add(Jwt.jwk(kid, (RSAPublicKey) keys.getPublic()));
        return doc;
    }

    /** An ID token for {@code user} in {@code groups}, valid for five minutes from the issuer's clock. */
    public String token(String user, String... groups) {
        return token(user, Duration.ofMinutes(5), groups);
    }

    public String token(String user, Duration lifetime, String... groups) {
        Instant now = clock.instant();
        ObjectNode claims = Jwt.JSON.createObjectNode()
                .put("iss", issuer).put("sub", UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString())
                .put("aud", "sd-api").put("typ", "ID").put("jti", UUID.randomUUID().toString())
                .put("iat", now.getEpochSecond()).put("exp", now.plus(lifetime).getEpochSecond())
                .put("preferred_username", user).put("email", user + "@example.com").put("name", user);
        ArrayNode g = claims.putArray("groups");
        for (String group : groups) {
            g.add(group);
        }
        return sign(claims);
    }

    /** Signs arbitrary claims (for tokens with a wrong issuer, no exp, ...). */
    public String sign(ObjectNode claims) {
        return Jwt.sign(claims, kid, keys.getPrivate());
    }
}
