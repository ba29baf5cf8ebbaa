package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Which requests {@link PreemptiveProxyAuthorization} gives proxy credentials. Without a proxy in between the header
 * reaches the local server, which shows what the proxy would have received; ProxyTest shows a real proxy accepting it.
 */
class PreemptiveProxyAuthorizationTest {

    private static final String BASIC = "Basic cHJveHktdXNlcjpzZWNyZXQ=";

    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final AtomicReference<String> received = new AtomicReference<>();
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        server.close();
    }

    private LocalHttpServer recording(LocalHttpServer s) {
        return s.on("/x", (ex, r) -> {
            received.set(ex.getRequestHeaders().getFirst("Proxy-Authorization"));
            LocalHttpServer.json(ex, 200, "{}");
        });
    }

    private OkHttpClient.Builder client(String basic) {
        return new OkHttpClient.Builder().addInterceptor(new PreemptiveProxyAuthorization(host -> {
            asked.add(host);
            return basic;
        }));
    }

    private void send(OkHttpClient client, Request.Builder request) throws IOException {
        try (Response response = client.newCall(request.url(server.url() + "/x").build()).execute()) {
            assertEquals(200, response.code());
        }
    }

    @Test
    void aPlainHttpRequestCarriesTheCredentialsForItsHost() throws Exception {
        server = recording(LocalHttpServer.http());
        send(client(BASIC).build(), new Request.Builder());
        assertEquals(BASIC, received.get());
        assertEquals(List.of("127.0.0.1"), asked);
    }

    @Test
    void aRequestsOwnProxyAuthorizationIsKept() throws Exception {
        server = recording(LocalHttpServer.http());
        send(client(BASIC).build(), new Request.Builder().header("Proxy-Authorization", "Basic b3du"));
        assertEquals("Basic b3du", received.get());
        assertEquals(List.of(), asked, "not even asked");
    }

    @Test
    void aHostReachedWithoutCredentialsGetsNoHeader() throws Exception {
        server = recording(LocalHttpServer.http());
        send(client(null).build(), new Request.Builder());
        assertNull(received.get());
        assertEquals(List.of("127.0.0.1"), asked);
    }

    @Test
    void anHttpsRequestIsLeftToTheTunnelsAuthentication() throws Exception {
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("Test CA").build();
        HeldCertificate cert = new HeldCertificate.Builder().signedBy(root).commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1").build();
        server = recording(LocalHttpServer.https(new HandshakeCertificates.Builder()
                .heldCertificate(cert, root.certificate()).build().sslContext()));
        HandshakeCertificates trust = new HandshakeCertificates.Builder().addTrustedCertificate(root.certificate())
                .build();
        send(client(BASIC).sslSocketFactory(trust.sslSocketFactory(), trust.trustManager()).build(),
                new Request.Builder());
        assertNull(received.get(), "the request inside the tunnel carries no proxy credentials");
        assertEquals(List.of(), asked);
    }
}
