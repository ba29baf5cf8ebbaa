package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsExchange;
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
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.MutualTlsServer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers (API and OIDC provider) that require a client certificate issued by their own CA: the JDK's HTTPS server
 * for what is accepted, {@link MutualTlsServer} for refusals the way careful servers send them.
 */
class MutualTlsTest {

    private static final String USER = "/seldon-deploy/api/v1alpha1/user";

    private final HeldCertificate serverCa = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Server CA").build();
    private final HeldCertificate clientCa = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Client CA").build();
    private final HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0)
            .commonName("Other CA").build();
    private final HttpClientFactory http = new HttpClientFactory(new okhttp3.OkHttpClient(),
            AnswerLimits.fromSystemProperties(), RetryPolicy.none());
    private final RequestAuthenticator auth = new RequestAuthenticator() {
        @Override
        public AuthHeader authenticate() {
            return AuthHeader.bearer(SecretText.of("mtls-test-token"), null);
        }

        @Override
        public void invalidate(AuthHeader rejected) {
        }

        @Override
        public String describe() {
            return "test";
        }
    };
    /** The subject of each client certificate the server saw. */
    private final List<String> clients = new CopyOnWriteArrayList<>();
    private LocalHttpServer server;

    /** The server's certificate, issued by {@link #serverCa}, trusting client certificates of {@link #clientCa}. */
    private HandshakeCertificates serverSide() {
        HeldCertificate serverCert = new HeldCertificate.Builder().signedBy(serverCa).commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1").build();
        return new HandshakeCertificates.Builder()
                .heldCertificate(serverCert, serverCa.certificate())
                .addTrustedCertificate(clientCa.certificate())
                .build();
    }

    @BeforeEach
    void start() {
        server = LocalHttpServer.httpsRequiringClientCertificate(serverSide().sslContext());
        server.on(USER, (ex, r) -> {
            try {
                clients.add(((HttpsExchange) ex).getSSLSession().getPeerPrincipal().getName());
            } catch (SSLPeerUnverifiedException e) {
                clients.add("none");
            }
            LocalHttpServer.json(ex, 200, "{\"Id\":\"jenkins\"}");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static ClientCertificate issued(HeldCertificate ca, String name) {
        HeldCertificate cert = new HeldCertificate.Builder().signedBy(ca).commonName(name).build();
        return ClientCertificate.of(cert.keyPair().getPrivate(), cert.certificate(), ca.certificate());
    }

    private TlsSettings trusting() {
        return TlsSettings.withExtraCa(serverCa.certificatePem());
    }

    private SeldonClient client(TlsSettings tls) {
        return new SeldonClient(new ServerSettings(server.url(), tls, null, null), auth, http);
    }

    @Test
    void theApiAcceptsTheClientCertificateItsCaIssued() throws Exception {
        assertEquals("jenkins", client(trusting().withClientCertificate(issued(clientCa, "jenkins-ci"))).user()
                .path("Id").asText());
        assertEquals(List.of("CN=jenkins-ci"), clients);
    }

    /** A client certificate alone keeps the JVM's trust, on both clients: the server's private CA is not trusted. */
    @Test
    void aClientCertificateWithoutExtraCasKeepsTheJvmsTrust() throws Exception {
        TlsSettings certificateOnly = TlsSettings.verify().withClientCertificate(issued(clientCa, "jenkins-ci"));
        TlsException e = assertThrows(TlsException.class, () -> client(certificateOnly).user());
        assertTrue(e.getMessage().contains("not trusted"), e.getMessage());
        okhttp3.Request request = new okhttp3.Request.Builder().url(server.url() + USER).build();
        HttpClientFactory.BodyOnGetClient jdk = http.forBodyOnGet(request.url(), certificateOnly,
                Duration.ofSeconds(5));
        java.util.concurrent.ExecutionException f = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> HttpCalls.sendBodyOnGet(jdk, request, new byte[] {'{', '}'}, Duration.ofSeconds(30),
                        "the test server", http.limits().api(), Answer::status)
                        .get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(org.junit.jupiter.api.Assertions.assertInstanceOf(TlsException.class, f.getCause()).getMessage()
                .contains("not trusted"), f.getCause().getMessage());
        assertEquals(List.of(), clients);
    }

    /** A server that sends its TLS alert, in either version: before (1.2) or after (1.3) the client's handshake. */
    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aRefusedOrMissingClientCertificateIsATlsErrorThatSaysSo(String protocol) throws Exception {
        try (MutualTlsServer strict = new MutualTlsServer(serverSide().sslContext(), protocol)) {
            for (TlsSettings tls : List.of(trusting(), trusting().withClientCertificate(issued(otherCa, "intruder")))) {
                TlsException e = assertThrows(TlsException.class, () -> new SeldonClient(new ServerSettings(
                        strict.url(), tls, null, null), auth, http).user());
                assertTrue(e.getMessage().startsWith("The Seldon API refused the client certificate, or requires one "
                        + "(GET " + strict.url() + USER + "): Received fatal alert: "), e.getMessage());
                assertTrue(e.getMessage().endsWith("Configure the client certificate it expects in the server's TLS "
                        + "settings: one issued by a CA it trusts, not expired."), e.getMessage());
            }
            assertEquals(List.of(), strict.clients(), "refused: " + strict.failures());
            new SeldonClient(new ServerSettings(strict.url(), trusting().withClientCertificate(issued(clientCa,
                    "jenkins-ci")), null, null), auth, http).user();
            assertEquals(List.of("CN=jenkins-ci"), strict.clients());
        }
    }

    /** The JDK's own HTTPS server resets instead: the message still points at the client certificate. */
    @Test
    void aResetAfterTheHandshakeMentionsTheClientCertificate() {
        NetworkException e = assertThrows(NetworkException.class, () -> client(trusting()).user());
        assertTrue(e.getMessage().contains("If it requires a client certificate (mutual TLS), check the one in the "
                + "server's TLS settings."), e.getMessage());
        assertTrue(clients.isEmpty());
    }

    @Test
    void aConnectionMadeWithOneCertificateNeverServesAnother() throws Exception {
        client(trusting().withClientCertificate(issued(clientCa, "team-a"))).user();
        // Same server and trust, another certificate, then none: pooled connections must not carry team-a's identity.
        client(trusting().withClientCertificate(issued(clientCa, "team-b"))).user();
        assertThrows(SeldonException.class, () -> client(trusting()).user());
        assertEquals(List.of("CN=team-a", "CN=team-b"), clients);
    }

    @Test
    void theClientCertificateIsPresentedWithVerificationOffToo() throws Exception {
        client(TlsSettings.insecure().withClientCertificate(issued(clientCa, "jenkins-ci"))).user();
        assertEquals(List.of("CN=jenkins-ci"), clients);
    }

    @Test
    void theOidcProviderGetsTheSameClientCertificate() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        FakeOidcProvider provider = new FakeOidcProvider(server, clock);
        OidcSettings s = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, provider.clientId)
                .issuer(provider.issuer()).clientSecret(SecretText.of(provider.clientSecret)).build();
        TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));
        assertThrows(SeldonException.class, () -> new OidcAuthenticator(s, trusting(), Duration.ofSeconds(5),
                Duration.ofSeconds(5), http, cache).authenticate());
        new OidcAuthenticator(s, trusting().withClientCertificate(issued(clientCa, "jenkins-ci")),
                Duration.ofSeconds(5), Duration.ofSeconds(5), http, cache).authenticate();
        assertEquals(1, provider.tokenRequests().size());
        assertEquals(1, provider.discoveryRequests());
    }
}
