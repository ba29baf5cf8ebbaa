package io.jenkins.plugins.seldon.client.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The {@code private_key_jwt} proof of a client (RFC 7523, section 3; OpenID Connect Core 1.0, section 9): a JWT with
 * {@code iss} and {@code sub} the client id, {@code aud} the token endpoint, a fresh {@code jti} and a short expiry,
 * signed RS256 with an RSA key or ES256 with an EC P-256 key, using only the JDK's crypto. The header names the
 * certificate by its thumbprints ({@code x5t}, which Entra ID requires, and {@code x5t#S256}); providers that hold one
 * key for the client, such as Keycloak's "Signed JWT" authenticator, need no key id.
 */
public final class ClientAssertion {

    /** The assertion type of RFC 7523, section 2.2. */
    static final String TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    /** Long enough for clock skew and one request, short enough that a captured assertion is soon useless. */
    static final Duration LIFETIME = Duration.ofSeconds(60);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final int P256_BITS = 256;

    private ClientAssertion() {}

    /**
     * The JWS algorithm for the key.
     *
     * @throws IllegalArgumentException for keys other than RSA and EC P-256, saying which keys work
     */
    public static String algorithm(ClientCertificate key) {
        return switch (key.keyAlgorithm()) {
            case "RSA" -> "RS256";
            case "EC" -> {
                if (key.keyBits() != P256_BITS) {
                    throw new IllegalArgumentException("private_key_jwt signs with ES256, which needs an EC key on the "
                            + "P-256 curve; the key of " + key.describe() + " has " + key.keyBits() + " bits. Use an "
                            + "RSA key or an EC P-256 key.");
                }
                yield "ES256";
            }
            default -> throw new IllegalArgumentException("private_key_jwt needs an RSA or EC P-256 key; the key of "
                    + key.describe() + " is " + key.keyAlgorithm() + ".");
        };
    }

    /** A new assertion for one token request. */
    static String sign(ClientCertificate key, String clientId, String tokenEndpoint, Instant now) {
        String alg = algorithm(key);
        ObjectNode header = Json.object().put("alg", alg).put("typ", "JWT").put("x5t", key.x5t())
                .put("x5t#S256", key.x5tS256());
        ObjectNode claims = Json.object().put("iss", clientId).put("sub", clientId).put("aud", tokenEndpoint)
                .put("jti", UUID.randomUUID().toString()).put("iat", now.getEpochSecond())
                .put("exp", now.plus(LIFETIME).getEpochSecond());
        try {
            String signingInput = part(Json.write(header)) + "." + part(Json.write(claims));
            Signature signer = Signature.getInstance(alg.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSA");
            signer.initSign(key.privateKey());
            signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            byte[] signature = signer.sign();
            if (alg.equals("ES256")) {
                signature = concatenated(signature, ((ECKey) key.certificate().getPublicKey()).getParams().getOrder()
                        .bitLength());
            }
            return signingInput + "." + B64.encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The client assertion could not be signed with the key of "
                    + key.describe() + ": " + e.getMessage(), e);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON object of strings and numbers could not be written", e);
        }
    }

    private static String part(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * An ECDSA signature as JWS wants it (RFC 7518, section 3.4): R and S as fixed-size unsigned integers, one after
     * the other, instead of the DER sequence the JDK's providers produce.
     */
    static byte[] concatenated(byte[] der, int orderBits) throws GeneralSecurityException {
        int size = (orderBits + 7) / 8;
        // SEQUENCE { INTEGER r, INTEGER s }, the length in one byte or in 0x81 and one byte.
        if (der.length < 8 || der[0] != 0x30) {
            throw new GeneralSecurityException("not a DER ECDSA signature");
        }
        int offset = (der[1] & 0xff) == 0x81 ? 3 : 2;
        byte[] out = new byte[2 * size];
        for (int i = 0; i < 2; i++) {
            if (offset + 2 > der.length || der[offset] != 0x02) {
                throw new GeneralSecurityException("not a DER ECDSA signature");
            }
            int length = der[offset + 1] & 0xff;
            int start = offset + 2;
            if (start + length > der.length) {
                throw new GeneralSecurityException("not a DER ECDSA signature");
            }
            // Drop the sign byte (and any other leading zero) and right-align in the fixed-size field.
            int skip = 0;
            while (skip < length - 1 && der[start + skip] == 0) {
                skip++;
            }
            int significant = length - skip;
            if (significant > size) {
                throw new GeneralSecurityException("ECDSA signature value longer than the curve order");
            }
            System.arraycopy(der, start + skip, out, (i + 1) * size - significant, significant);
            offset = start + length;
        }
        return out;
    }
}
