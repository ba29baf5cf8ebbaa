package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TlsTest {

    private static final String IRIS = "/seldon-deploy/api/v1alpha1/namespaces/staging/seldondeployments/iris";

    private final HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("Test CA").build();
    private final HttpClientFactory http = new HttpClientFactory();
    private final RequestAuthenticator auth = new RequestAuthenticator() {
        @Override
        public AuthHeader authenticate() {
            return AuthHeader.bearer(SecretText.of("tls-test-token"), null);
        }

        @Override
        public void invalidate(AuthHeader rejected) {
        }

        @Override
        public String describe() {
            return "test";
        }
    };
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Starts an HTTPS server whose certificate, signed by {@link #root}, names the given hosts. */
    private void start(String... hosts) {
        HeldCertificate.Builder b = new HeldCertificate.Builder().signedBy(root).commonName(hosts[0]);
        for (String h : hosts) {
            b.addSubjectAlternativeName(h);
        }
        HandshakeCertificates serverCerts = new HandshakeCertificates.Builder().heldCertificate(b.build(),
                root.certificate()).build();
        SSLContext ctx = serverCerts.sslContext();
        server = LocalHttpServer.https(ctx);
        server.on(IRIS, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"iris\"}}"));
    }

    private SeldonClient client(TlsSettings tls) {
        return new SeldonClient(new ServerSettings(server.url(), tls, null, null), auth, http);
    }

    @Test
    void untrustedCertificateIsATlsErrorWithTheCaHint() {
        start("127.0.0.1", "localhost");
        TlsException e = assertThrows(TlsException.class,
                () -> client(TlsSettings.verify()).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("add the server's CA certificate in the server's TLS settings")
                || e.getMessage().contains("Add the server's CA certificate in the server's TLS settings"), e.getMessage());
        assertTrue(e.getMessage().contains("GET " + server.url() + IRIS), e.getMessage());
    }

    @Test
    void extraCaCertificateMakesItTrusted() throws Exception {
        start("127.0.0.1", "localhost");
        assertEquals("iris", client(TlsSettings.withExtraCa(root.certificatePem()))
                .get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris").at("/metadata/name").asText());
    }

    @Test
    void aGetWithABodyTrustsTheExtraCaToo() throws Exception {
        start("127.0.0.1", "localhost");
        server.on("/validate", (ex, r) -> LocalHttpServer.json(ex, 200, "{\"valid\":true}"));
        okhttp3.Request request = new okhttp3.Request.Builder().url(server.url() + "/validate").build();
        HttpClientFactory.BodyOnGetClient jdk = http.forBodyOnGet(request.url(),
                TlsSettings.withExtraCa(root.certificatePem()), Duration.ofSeconds(5));
        assertEquals("200 {\"valid\":true}", HttpCalls.sendBodyOnGet(jdk, request, "{}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(30), "the test server",
                http.limits().api(), a -> a.status() + " " + a.text(100)).get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    @Test
    void hostNameMismatchIsATlsError() {
        start("seldon.example.com");
        TlsException e = assertThrows(TlsException.class, () -> client(TlsSettings.withExtraCa(root.certificatePem()))
                .get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
        assertTrue(e.getMessage().contains("does not match the host name 127.0.0.1"), e.getMessage());
    }

    @Test
    void insecureModeAcceptsAnyCertificateForThisServerOnly() throws Exception {
        start("seldon.example.com");
        assertEquals("iris", client(TlsSettings.insecure()).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")
                .at("/metadata/name").asText());
        // Other clients, and the JVM's defaults, still verify.
        assertThrows(TlsException.class,
                () -> client(TlsSettings.verify()).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
        HttpsURLConnection jdk = (HttpsURLConnection) URI.create(server.url() + IRIS).toURL().openConnection();
        assertThrows(SSLException.class, jdk::getInputStream);
    }

    @Test
    void unusableCaSettingIsATlsError() {
        start("127.0.0.1");
        TlsException e = assertThrows(TlsException.class,
                () -> client(TlsSettings.withExtraCa("garbage")).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
        assertTrue(e.getMessage().contains("not in PEM format"), e.getMessage());
    }

    @Test
    void providerCallsUseTheSameTlsSettings() throws Exception {
        start("127.0.0.1");
        MutableClock clock = new MutableClock(Instant.now());
        FakeOidcProvider provider = new FakeOidcProvider(server, clock);
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(provider.issuer())
                .clientSecret(SecretText.of(provider.clientSecret)).build();
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));
        assertThrows(TlsException.class, () -> new OidcAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), http, cache).authenticate());
        new OidcAuthenticator(s, TlsSettings.withExtraCa(root.certificatePem()), Duration.ofSeconds(5),
                Duration.ofSeconds(5), http, cache).authenticate();
        assertEquals(1, provider.tokenRequests().size());
    }

    @Test
    void skippingVerificationAppliesToTheProviderToo() throws Exception {
        start("seldon.example.com");
        MutableClock clock = new MutableClock(Instant.now());
        FakeOidcProvider provider = new FakeOidcProvider(server, clock);
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(provider.issuer())
                .clientSecret(SecretText.of(provider.clientSecret)).build();
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));
        assertThrows(TlsException.class, () -> new OidcAuthenticator(s, TlsSettings.withExtraCa(root.certificatePem()),
                Duration.ofSeconds(5), Duration.ofSeconds(5), http, cache).authenticate());
        new OidcAuthenticator(s, TlsSettings.insecure(), Duration.ofSeconds(5), Duration.ofSeconds(5), http, cache)
                .authenticate();
        assertEquals(1, provider.tokenRequests().size());
    }

    @Test
    void extraCaCertificatesAddToTheJvmDefaultsInsteadOfReplacingThem() throws Exception {
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init((java.security.KeyStore) null);
        java.util.Set<java.security.cert.X509Certificate> jvm = new java.util.HashSet<>();
        for (javax.net.ssl.TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof javax.net.ssl.X509TrustManager x) {
                jvm.addAll(java.util.List.of(x.getAcceptedIssuers()));
            }
        }
        assertTrue(jvm.size() > 10, "the JVM trusts " + jvm.size() + " CAs");
        java.util.Set<java.security.cert.X509Certificate> trusted = java.util.Set.of(http.forServer(
                TlsSettings.withExtraCa(root.certificatePem()), Duration.ofSeconds(5), Duration.ofSeconds(5))
                .x509TrustManager().getAcceptedIssuers());
        assertTrue(trusted.containsAll(jvm), "a publicly trusted server must still be trusted");
        assertTrue(trusted.contains(root.certificate()));
        assertEquals(jvm.size() + 1, trusted.size());
    }

    @Test
    void aHandshakeFailureThatIsNotAboutTheCertificateSaysSo() throws Exception {
        // TLS to a port that answers in plain HTTP: the handshake fails before any certificate is seen.
        try (java.net.ServerSocket plain = new java.net.ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            Thread t = new Thread(() -> {
                while (!plain.isClosed()) {
                    try (java.net.Socket s = plain.accept()) {
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (java.io.IOException e) {
                        // Closed by the test.
                    }
                }
            });
            t.setDaemon(true);
            t.start();
            String url = "https://127.0.0.1:" + plain.getLocalPort();
            TlsException e = assertThrows(TlsException.class, () -> new SeldonClient(
                    new ServerSettings(url, TlsSettings.verify(), null, Duration.ofSeconds(10)), auth, http)
                    .get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
            assertTrue(e.getMessage().startsWith("The TLS connection to the Seldon API failed (GET " + url + IRIS + "): "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("Check that the URL's scheme and port are right"), e.getMessage());
        }
    }
}
