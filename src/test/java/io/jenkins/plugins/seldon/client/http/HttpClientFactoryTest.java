package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.ServerSettings;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;

class HttpClientFactoryTest {

    private final HttpClientFactory factory = new HttpClientFactory();

    @Test
    void cachesPerSettingsAndSharesPoolAndDispatcher() {
        ServerSettings a = new ServerSettings("https://a.example.com");
        ServerSettings a2 = new ServerSettings("https://a.example.com/seldon-deploy/api/v1alpha1");
        ServerSettings slow = new ServerSettings("https://a.example.com", TlsSettings.verify(), null, Duration.ofMinutes(5));
        OkHttpClient c = factory.forServer(a);
        assertSame(c, factory.forServer(a2));
        assertNotSame(c, factory.forServer(slow));
        assertNotSame(c, factory.forWrites(a));
        assertSame(c.connectionPool(), factory.forServer(slow).connectionPool());
        assertSame(c.dispatcher(), factory.forWrites(a).dispatcher());
    }

    @Test
    void neverFollowsRedirectsAndNeverResendsWrites() {
        ServerSettings s = new ServerSettings("https://a.example.com", TlsSettings.verify(), Duration.ofSeconds(3),
                Duration.ofSeconds(20));
        OkHttpClient read = factory.forServer(s);
        OkHttpClient write = factory.forWrites(s);
        OkHttpClient provider = factory.forEndpoint(URI.create("https://idp.example.com/realms/x"), TlsSettings.verify(),
                Duration.ofSeconds(3), Duration.ofSeconds(20));
        for (OkHttpClient c : new OkHttpClient[] {read, write, provider}) {
            assertFalse(c.followRedirects());
            assertFalse(c.followSslRedirects());
            assertEquals(3000, c.connectTimeoutMillis());
            assertEquals(20000, c.readTimeoutMillis());
            assertTrue(c.callTimeoutMillis() > 20000);
        }
        assertTrue(read.retryOnConnectionFailure());
        assertFalse(write.retryOnConnectionFailure());
        assertFalse(provider.retryOnConnectionFailure());
    }

    @Test
    void rejectsNonHttpProviderUrls() {
        assertThrows(IllegalArgumentException.class, () -> factory.forEndpoint(URI.create("file:///etc/passwd"),
                TlsSettings.verify(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void parsesOneOrMoreCertificates() {
        HeldCertificate a = new HeldCertificate.Builder().certificateAuthority(0).commonName("a").build();
        HeldCertificate b = new HeldCertificate.Builder().certificateAuthority(0).commonName("b").build();
        assertEquals(1, HttpClientFactory.parseCertificates(a.certificatePem()).size());
        assertEquals(2, HttpClientFactory.parseCertificates("# ours\n" + a.certificatePem() + b.certificatePem()).size());
    }

    @Test
    void badPemSaysWhatIsWrong() {
        IllegalArgumentException noPem = assertThrows(IllegalArgumentException.class,
                () -> HttpClientFactory.parseCertificates("not a certificate"));
        assertTrue(noPem.getMessage().contains("not in PEM format"), noPem.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> HttpClientFactory.parseCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
        assertTrue(broken.getMessage().startsWith("The CA certificates could not be read as PEM"), broken.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> factory.forServer(new ServerSettings("https://a.example.com", TlsSettings.withExtraCa("junk"), null, null)));
    }
}
