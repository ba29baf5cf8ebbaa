package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.testing.Equality;
import org.junit.jupiter.api.Test;

class TlsSettingsTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";

    @Test
    void equalSettingsAreEqualAndEachPartCounts() {
        Equality.assertValueEquality(TlsSettings.withExtraCa(PEM), TlsSettings.withExtraCa("\n " + PEM + "\n"),
                TlsSettings.verify(), TlsSettings.withExtraCa(PEM + "\n" + PEM));
        Equality.assertValueEquality(TlsSettings.verify(), TlsSettings.withExtraCa(" "), TlsSettings.insecure());
    }

    @Test
    void theThreeModes() {
        assertTrue(TlsSettings.verify().verifies());
        assertNull(TlsSettings.verify().extraCaPem());
        assertEquals("TLS verified", TlsSettings.verify().toString());
        assertTrue(TlsSettings.withExtraCa(PEM).verifies());
        assertEquals(PEM, TlsSettings.withExtraCa("  " + PEM + "\n").extraCaPem());
        assertEquals("TLS verified with extra CA", TlsSettings.withExtraCa(PEM).toString());
        assertNull(TlsSettings.withExtraCa(null).extraCaPem());
        assertFalse(TlsSettings.insecure().verifies());
        assertEquals("TLS verification off", TlsSettings.insecure().toString());
    }

    @Test
    void theTextSaysWhenAClientCertificateIsPresented() {
        okhttp3.tls.HeldCertificate held = new okhttp3.tls.HeldCertificate.Builder().ecdsa256().build();
        ClientCertificate cert = ClientCertificate.of(held.keyPair().getPrivate(), held.certificate());
        assertEquals("TLS verified, with a client certificate",
                TlsSettings.verify().withClientCertificate(cert).toString());
        assertEquals("TLS verification off, with a client certificate",
                TlsSettings.insecure().withClientCertificate(cert).toString());
        assertEquals(cert, TlsSettings.verify().withClientCertificate(cert).clientCertificate());
    }
}
