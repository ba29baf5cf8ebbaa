package io.jenkins.plugins.seldon.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;

/**
 * The few JWT/JWK operations the tests need (RS256 only), written against {@code java.security} so that the fake API
 * verifies tokens independently of any library the plugin uses.
 */
public final class Jwt {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final ObjectNode header;
    private final ObjectNode payload;
    private final byte[] signingInput;
    private final byte[] signature;

    private Jwt(ObjectNode header, ObjectNode payload, byte[] signingInput, byte[] signature) {
        this.header = header;
        this.payload = payload;
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /** Splits a compact JWS; {@link IllegalArgumentException} when it is not one. */
    public static Jwt parse(String compact) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS (expected 3 parts, got " + parts.length + ")");
        }
        try {
            JsonNode h = JSON.readTree(B64D.decode(parts[0]));
            JsonNode p = JSON.readTree(B64D.decode(parts[1]));
            if (!(h instanceof ObjectNode hh) || !(p instanceof ObjectNode pp)) {
                throw new IllegalArgumentException("JWT header or payload is not a JSON object");
            }
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return new Jwt(hh, pp, input, B64D.decode(parts[2]));
        } catch (IOException e) {
            throw new IllegalArgumentException("JWT header or payload is not JSON", e);
        }
    }

    /** Signs {@code payload} with RS256. */
    public static String sign(ObjectNode payload, String kid, PrivateKey key) {
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT").put("kid", kid);
        String input = encode(header) + "." + encode(payload);
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + B64.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(JsonNode node) {
        try {
            return B64.encodeToString(JSON.writeValueAsBytes(node));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public ObjectNode header() {
        return header;
    }

    public ObjectNode payload() {
        return payload;
    }

    public boolean verifyRs256(PublicKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(signingInput);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Verifies ES256 as JWS defines it (R and S concatenated, RFC 7518, 3.4), with the JDK's P1363 format: independent
     * of how the plugin converts the JDK's DER signatures.
     */
    public boolean verifyEs256(PublicKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
            s.initVerify(key);
            s.update(signingInput);
            return s.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** An RSA public key from a JWK's {@code n} and {@code e}. */
    public static PublicKey rsaKeyFromJwk(JsonNode jwk) {
        try {
            BigInteger n = new BigInteger(1, B64D.decode(jwk.path("n").asText()));
            BigInteger e = new BigInteger(1, B64D.decode(jwk.path("e").asText()));
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        } catch (GeneralSecurityException | IllegalArgumentException ex) {
            throw new IllegalArgumentException("not an RSA JWK: " + jwk.path("kid").asText(), ex);
        }
    }

    /** The JWK form of an RSA public key, as a provider's {@code jwks_uri} lists it. */
    public static ObjectNode jwk(String kid, RSAPublicKey key) {
        return JSON.createObjectNode().put("kty", "RSA").put("use", "sig").put("alg", "RS256").put("kid", kid)
                .put("n", B64.encodeToString(unsigned(key.getModulus())))
                .put("e", B64.encodeToString(unsigned(key.getPublicExponent())));
    }

    private static byte[] unsigned(BigInteger i) {
        byte[] b = i.toByteArray();
        if (b.length > 1 && b[0] == 0) {
            byte[] t = new byte[b.length - 1];
            System.arraycopy(b, 1, t, 0, t.length);
            return t;
        }
        return b;
    }
}
