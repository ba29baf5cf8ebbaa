package io.jenkins.plugins.seldon.client;

import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.net.URI;
import java.util.Locale;

/**
 * What the plugin refuses when Jenkins runs in FIPS 140 mode: connections whose certificates are not verified, keys
 * shorter than FIPS 186-5 allows for signatures (RSA below 2048 bits, EC below 256 bits), certificates signed with
 * SHA-1 or MD5, and secrets or tokens sent without TLS. The Jenkins layer asks Jenkins whether it runs in FIPS mode and
 * applies these rules where settings are checked (forms, configuration as code) and again when a build connects, so
 * that settings made before FIPS mode was switched on are refused too.
 */
public final class Fips {

    public static final int MIN_RSA_BITS = 2048;
    public static final int MIN_EC_BITS = 256;

    private Fips() {}

    /**
     * @throws IllegalArgumentException when verification is off or the client certificate does not comply
     */
    public static void checkTls(TlsSettings tls) {
        if (!tls.verifies()) {
            throw new IllegalArgumentException("TLS certificate verification cannot be skipped when Jenkins runs in "
                    + "FIPS mode; add the server's CA certificate instead");
        }
        if (tls.clientCertificate() != null) {
            checkKey(tls.clientCertificate(), "the client certificate for mutual TLS");
        }
    }

    /**
     * @param what names the key in the message, e.g. {@code the client's private_key_jwt key}
     * @throws IllegalArgumentException when the key is not RSA of at least {@value #MIN_RSA_BITS} bits or EC of at
     *     least {@value #MIN_EC_BITS} bits, or its certificate is signed with SHA-1 or MD5
     */
    public static void checkKey(ClientCertificate key, String what) {
        String algorithm = key.keyAlgorithm();
        int bits = key.keyBits();
        // ClientCertificate admits only RSA and EC keys (checkPair), and keyBits reads no other kind.
        int min = algorithm.equals("RSA") ? MIN_RSA_BITS : MIN_EC_BITS;
        if (bits < min) {
            throw new IllegalArgumentException("When Jenkins runs in FIPS mode, " + what + " must be an RSA key of at "
                    + "least " + MIN_RSA_BITS + " bits or an EC key of at least " + MIN_EC_BITS + " bits; the key of "
                    + key.describe() + " is " + algorithm + " with " + bits + " bits. Issue a new key and "
                    + "certificate.");
        }
        String signature = key.certificate().getSigAlgName().toUpperCase(Locale.ROOT);
        if (signature.contains("SHA1") || signature.contains("MD5")) {
            throw new IllegalArgumentException("When Jenkins runs in FIPS mode, " + what + " must not be signed with "
                    + "SHA-1 or MD5; " + key.describe() + " is signed with " + key.certificate().getSigAlgName()
                    + ". Have it issued again with SHA-256 or stronger.");
        }
    }

    /**
     * @param what names the URL in the message, e.g. {@code the OIDC token endpoint URL}
     * @throws IllegalArgumentException when the URL does not use https; the URL is not repeated
     */
    public static void checkHttps(URI url, String what) {
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            throw new IllegalArgumentException("When Jenkins runs in FIPS mode, " + what + " must use https: "
                    + "secrets and tokens are only sent over TLS");
        }
    }
}
