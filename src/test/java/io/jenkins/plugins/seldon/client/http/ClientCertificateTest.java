package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import io.jenkins.plugins.seldon.testing.Equality;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** Reading a client certificate and its key from a PKCS#12 key store, as a Jenkins certificate credential holds it. */
class ClientCertificateTest {

    private static final char[] PASSWORD = "keystore-password".toCharArray();

    private final HeldCertificate held = new HeldCertificate.Builder().commonName("jenkins-ci").rsa2048().build();

    /** Written and read back as PKCS#12 bytes, as the credential stores it. */
    private static KeyStore pkcs12(HeldCertificate... keys) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        int i = 0;
        for (HeldCertificate k : keys) {
            store.setKeyEntry("key-" + i++, k.keyPair().getPrivate(), PASSWORD, new Certificate[] {k.certificate()});
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        store.store(out, PASSWORD);
        KeyStore read = KeyStore.getInstance("PKCS12");
        read.load(new ByteArrayInputStream(out.toByteArray()), PASSWORD);
        return read;
    }

    @Test
    void readsTheOneKeyWithItsChain() throws Exception {
        ClientCertificate c = ClientCertificate.fromKeyStore(pkcs12(held), PASSWORD);
        assertEquals(held.certificate(), c.certificate());
        assertEquals("RSA", c.keyAlgorithm());
        assertEquals(2048, c.keyBits());
        assertTrue(c.describe().startsWith("CN=jenkins-ci (SHA-256 "), c.describe());
        assertEquals(c, ClientCertificate.of(held.keyPair().getPrivate(), held.certificate()));
        assertFalse(c.toString().contains(java.util.Base64.getEncoder().encodeToString(
                held.keyPair().getPrivate().getEncoded()).substring(0, 40)));
    }

    @Test
    void ecKeysHaveTheirFieldSize() {
        HeldCertificate ec = new HeldCertificate.Builder().ecdsa256().build();
        ClientCertificate c = ClientCertificate.of(ec.keyPair().getPrivate(), ec.certificate());
        assertEquals("EC", c.keyAlgorithm());
        assertEquals(256, c.keyBits());
    }

    @Test
    void aKeyStoreWithoutOneKeyIsRefusedSayingSo() throws Exception {
        KeyStore onlyCertificate = KeyStore.getInstance("PKCS12");
        onlyCertificate.load(null, null);
        onlyCertificate.setCertificateEntry("ca", held.certificate());
        assertEquals("The certificate credential holds no private key", assertThrows(IllegalArgumentException.class,
                () -> ClientCertificate.fromKeyStore(onlyCertificate, PASSWORD)).getMessage());
        HeldCertificate other = new HeldCertificate.Builder().build();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClientCertificate.fromKeyStore(pkcs12(held, other), PASSWORD)).getMessage()
                .contains("holds 2 private keys"));
    }

    @Test
    void aWrongPasswordIsRefusedSayingSo() throws Exception {
        KeyStore store = pkcs12(held);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientCertificate.fromKeyStore(store, "wrong".toCharArray()));
        assertEquals("The private key of the certificate credential cannot be read with its password", e.getMessage());
    }

    @Test
    void aKeyOfAnotherCertificateIsRefusedBeforeAnyServerSeesIt() {
        HeldCertificate other = new HeldCertificate.Builder().rsa2048().build();
        assertEquals("The private key does not belong to the client certificate", assertThrows(
                IllegalArgumentException.class,
                () -> ClientCertificate.of(other.keyPair().getPrivate(), held.certificate())).getMessage());
        HeldCertificate ec = new HeldCertificate.Builder().ecdsa256().build();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ClientCertificate.of(ec.keyPair().getPrivate(), held.certificate())).getMessage()
                .contains("does not belong"));
    }

    @Test
    void certificatesAreEqualByTheirFingerprint() {
        ClientCertificate a = ClientCertificate.of(held.keyPair().getPrivate(), held.certificate());
        HeldCertificate other = new HeldCertificate.Builder().commonName("jenkins-ci").rsa2048().build();
        ClientCertificate b = ClientCertificate.of(other.keyPair().getPrivate(), other.certificate());
        assertNotEquals(a, b);
        assertNotEquals(TlsSettings.verify().withClientCertificate(a), TlsSettings.verify().withClientCertificate(b));
        assertEquals(TlsSettings.verify().withClientCertificate(a),
                TlsSettings.verify().withClientCertificate(ClientCertificate.of(held.keyPair().getPrivate(),
                        held.certificate())));
    }
    @Test
    void equalityAndHashAreTheFingerprintsAndTheTextNamesTheSubject() throws Exception {
        ClientCertificate a = ClientCertificate.of(held.keyPair().getPrivate(), held.certificate());
        HeldCertificate other = new HeldCertificate.Builder().commonName("jenkins-ci").rsa2048().build();
        Equality.assertValueEquality(a, ClientCertificate.fromKeyStore(pkcs12(held), PASSWORD),
                ClientCertificate.of(other.keyPair().getPrivate(), other.certificate()));
        assertFalse(a.equals("client certificate " + a.describe()), "only a certificate equals a certificate");
        assertEquals("client certificate " + a.describe(), a.toString());
        assertTrue(a.toString().startsWith("client certificate CN=jenkins-ci (SHA-256 "), a.toString());
    }

    @Test
    void anEmptyChainIsRefusedSayingSo() {
        assertEquals("The client certificate chain is empty", assertThrows(IllegalArgumentException.class,
                () -> ClientCertificate.of(held.keyPair().getPrivate())).getMessage());
    }

    @Test
    void aKeyStoreWhoseOneKeyIsASecretKeyIsRefusedSayingSo() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("shared", new javax.crypto.spec.SecretKeySpec(new byte[32], "AES"), PASSWORD, null);
        assertEquals("The key 'shared' of the certificate credential is not a private key", assertThrows(
                IllegalArgumentException.class, () -> ClientCertificate.fromKeyStore(store, PASSWORD)).getMessage());
    }
}
