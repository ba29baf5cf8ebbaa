package io.jenkins.plugins.seldon.client;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import io.jenkins.plugins.seldon.testing.Keytool;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is refused when Jenkins runs in FIPS mode; the Jenkins layer applies these rules in forms and at build time. */
class FipsTest {

    private static ClientCertificate rsa(int bits) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        KeyPair pair = g.generateKeyPair();
        HeldCertificate held = new HeldCertificate.Builder().keyPair(pair).commonName("rsa-" + bits).build();
        return ClientCertificate.of(pair.getPrivate(), held.certificate());
    }

    @Test
    void rsaKeysNeedAtLeast2048BitsAndEcKeys256() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fips.checkKey(rsa(1024), "the client's private_key_jwt key"));
        assertTrue(e.getMessage().startsWith("When Jenkins runs in FIPS mode, the client's private_key_jwt key must "
                + "be an RSA key of at least 2048 bits or an EC key of at least 256 bits; the key of CN=rsa-1024 "
                + "(SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith(") is RSA with 1024 bits. Issue a new key and certificate."),
                e.getMessage());
        assertDoesNotThrow(() -> Fips.checkKey(rsa(2048), "key"));
        HeldCertificate ec = new HeldCertificate.Builder().ecdsa256().build();
        assertDoesNotThrow(() -> Fips.checkKey(ClientCertificate.of(ec.keyPair().getPrivate(), ec.certificate()),
                "key"));
    }

    /** keytool, from the JDK running the tests, still signs with SHA-1 and MD5 when asked to. */
    @Test
    void certificatesSignedWithSha1OrMd5AreRefused(@TempDir Path dir) throws Exception {
        for (String sigalg : new String[] {"SHA1withRSA", "MD5withRSA"}) {
            ClientCertificate weak = Keytool.selfSigned(dir, sigalg + "-signed", "-keyalg", "RSA", "-keysize", "2048",
                    "-sigalg", sigalg);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Fips.checkKey(weak, "the client certificate for mutual TLS"));
            assertTrue(e.getMessage().contains("must not be signed with SHA-1 or MD5; CN=" + sigalg + "-signed"),
                    e.getMessage());
            assertTrue(e.getMessage().endsWith(" is signed with " + sigalg + ". Have it issued again with SHA-256 or "
                    + "stronger."), e.getMessage());
        }
    }

    @Test
    void verificationCannotBeSkippedAndAClientCertificateMustComply() throws Exception {
        assertEquals("TLS certificate verification cannot be skipped when Jenkins runs in FIPS mode; add the server's "
                + "CA certificate instead", assertThrows(IllegalArgumentException.class,
                        () -> Fips.checkTls(TlsSettings.insecure())).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Fips.checkTls(TlsSettings.verify().withClientCertificate(rsa(1024))));
        assertDoesNotThrow(() -> Fips.checkTls(TlsSettings.verify().withClientCertificate(rsa(2048))));
        assertDoesNotThrow(() -> Fips.checkTls(TlsSettings.withExtraCa("-----BEGIN CERTIFICATE-----")));
    }

    @Test
    void secretsGoOnlyOverHttps() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Fips.checkHttps(URI.create("http://keycloak.example.com/token"), "the OIDC token endpoint URL"));
        assertEquals("When Jenkins runs in FIPS mode, the OIDC token endpoint URL must use https: secrets and tokens "
                + "are only sent over TLS", e.getMessage());
        assertDoesNotThrow(() -> Fips.checkHttps(URI.create("HTTPS://keycloak.example.com/token"), "url"));
    }
}
