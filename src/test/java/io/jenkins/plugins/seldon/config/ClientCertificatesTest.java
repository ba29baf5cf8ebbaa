package io.jenkins.plugins.seldon.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

/** Key stores as certificate credentials hand them out, including the one the Credentials plugin could not load. */
class ClientCertificatesTest {

    private static final char[] PASSWORD = "keystore-password-0123".toCharArray();

    @Test
    void aKeyStoreThatCouldNotBeLoadedSaysSoAndWhereToLook() {
        // What CertificateCredentialsImpl.getKeyStore() returns when its source fails to load: never loaded.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientCertificates.of(KeyStore.getInstance(KeyStore.getDefaultType()), PASSWORD));
        assertEquals(Messages.ClientCertificates_notLoaded(), e.getMessage());
        assertTrue(e.getMessage().contains("the Jenkins log names the cause"), e.getMessage());
    }

    @Test
    void aPasswordProtectedPkcs12IsReadWithTheCredentialsPassword() throws Exception {
        HeldCertificate held = new HeldCertificate.Builder().commonName("jenkins-ci").rsa2048().build();
        KeyStore written = KeyStore.getInstance("PKCS12");
        written.load(null, PASSWORD);
        written.setKeyEntry("jenkins", held.keyPair().getPrivate(), PASSWORD, new Certificate[] {held.certificate()});
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        written.store(bytes, PASSWORD);
        // Loaded as the Credentials plugin loads an uploaded PKCS#12 file: with the credential's password.
        KeyStore loaded = KeyStore.getInstance("PKCS12");
        loaded.load(new ByteArrayInputStream(bytes.toByteArray()), PASSWORD);

        assertEquals(held.certificate(), ClientCertificates.of(loaded, PASSWORD).certificate());
    }
}
