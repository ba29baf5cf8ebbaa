package io.jenkins.plugins.seldon.client.http;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A private key and its X.509 certificate chain: what a client presents in mutual TLS and signs {@code private_key_jwt}
 * client assertions with. The key is checked to belong to the certificate when this is made, so two instances with
 * the same certificate hold the same key pair: equality, and every cache key derived from it, is the certificate's
 * SHA-256 fingerprint. Never shows the key.
 */
public final class ClientCertificate {

    private final PrivateKey key;
    private final List<X509Certificate> chain;
    private final byte[] sha256;
    private final byte[] sha1;

    private ClientCertificate(PrivateKey key, List<X509Certificate> chain) {
        this.key = Objects.requireNonNull(key, "key");
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("The client certificate chain is empty");
        }
        this.chain = List.copyOf(chain);
        checkPair(key, chain.get(0).getPublicKey());
        try {
            byte[] der = chain.get(0).getEncoded();
            this.sha256 = MessageDigest.getInstance("SHA-256").digest(der);
            // Only the "x5t" header of a client assertion uses SHA-1, to name the certificate (RFC 7515, 4.1.7).
            this.sha1 = MessageDigest.getInstance("SHA-1").digest(der);
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The client certificate cannot be encoded: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 or SHA-1 is not available in this JVM", e);
        }
    }

    /** @throws IllegalArgumentException when the key does not belong to the first certificate */
    public static ClientCertificate of(PrivateKey key, X509Certificate... chain) {
        return new ClientCertificate(key, List.of(chain));
    }

    /**
     * The one private key entry of a key store (e.g. a PKCS#12 file) with its chain.
     *
     * @param password the key store's password, which also protects the key (as in a Jenkins certificate credential)
     * @throws IllegalArgumentException saying what is wrong: no key, several keys, a wrong password, a key that does
     *     not belong to its certificate
     */
    public static ClientCertificate fromKeyStore(KeyStore store, char[] password) {
        try {
            List<String> keys = new ArrayList<>();
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    keys.add(alias);
                }
            }
            if (keys.size() != 1) {
                throw new IllegalArgumentException(keys.isEmpty()
                        ? "The certificate credential holds no private key"
                        : "The certificate credential holds " + keys.size() + " private keys ("
                                + String.join(", ", keys) + "); keep only the one Jenkins should use");
            }
            String alias = keys.get(0);
            if (!(store.getKey(alias, password) instanceof PrivateKey key)) {
                throw new IllegalArgumentException("The key '" + alias + "' of the certificate credential is not a "
                        + "private key");
            }
            Certificate[] certs = store.getCertificateChain(alias);
            if (certs == null || certs.length == 0) {
                throw new IllegalArgumentException("The key '" + alias + "' of the certificate credential has no "
                        + "certificate");
            }
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate c : certs) {
                if (!(c instanceof X509Certificate x)) {
                    throw new IllegalArgumentException("The certificate credential holds a certificate that is not "
                            + "X.509");
                }
                chain.add(x);
            }
            return new ClientCertificate(key, chain);
        } catch (UnrecoverableKeyException e) {
            throw new IllegalArgumentException("The private key of the certificate credential cannot be read with its "
                    + "password", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The certificate credential cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Signs a message and verifies it with the certificate's key: a mismatch is refused here, not later. The message
     * needs no randomness: only a key of the pair can make a signature the certificate's key verifies.
     */
    private static void checkPair(PrivateKey key, PublicKey certificateKey) {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT);
        if (!algorithm.equals(certificateKey.getAlgorithm().toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The private key (" + key.getAlgorithm() + ") does not belong to the "
                    + "client certificate (" + certificateKey.getAlgorithm() + ")");
        }
        String signature = switch (algorithm) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new IllegalArgumentException("Client certificates with " + key.getAlgorithm() + " keys "
                    + "are not supported; use an RSA or EC key");
        };
        try {
            byte[] message = "client certificate key pair check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(signature);
            signer.initSign(key);
            signer.update(message);
            byte[] signed = signer.sign();
            Signature verifier = Signature.getInstance(signature);
            verifier.initVerify(certificateKey);
            verifier.update(message);
            if (!verifier.verify(signed)) {
                throw new IllegalArgumentException("The private key does not belong to the client certificate");
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The private key cannot be used with the client certificate: "
                    + e.getMessage(), e);
        }
    }

    public PrivateKey privateKey() {
        return key;
    }

    /** The client's own certificate, first of {@link #chain()}. */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    /** {@code RSA} or {@code EC} (or another JCA key algorithm name). */
    public String keyAlgorithm() {
        return key.getAlgorithm().toUpperCase(Locale.ROOT);
    }

    /** The key's size in bits: the RSA modulus or the EC field size (the only key types {@link #checkPair} admits). */
    public int keyBits() {
        PublicKey pub = certificate().getPublicKey();
        return pub instanceof RSAKey rsa ? rsa.getModulus().bitLength()
                : ((ECKey) pub).getParams().getCurve().getField().getFieldSize();
    }

    /** The base64url SHA-1 thumbprint of the certificate, as the {@code x5t} JOSE header carries it. */
    public String x5t() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha1);
    }

    /** The base64url SHA-256 thumbprint of the certificate, as the {@code x5t#S256} JOSE header carries it. */
    public String x5tS256() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256);
    }

    /** The certificate's subject and SHA-256 fingerprint, for messages. */
    public String describe() {
        return certificate().getSubjectX500Principal().getName() + " (SHA-256 "
                + HexFormat.ofDelimiter(":").withUpperCase().formatHex(sha256) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClientCertificate c && MessageDigest.isEqual(sha256, c.sha256);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "client certificate " + describe();
    }
}
