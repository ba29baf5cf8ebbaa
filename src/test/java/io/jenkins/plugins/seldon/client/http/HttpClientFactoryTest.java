package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
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
        OkHttpClient c = factory.forServer(a.tls(), a.connectTimeout(), a.readTimeout());
        assertSame(c, factory.forServer(a2.tls(), a2.connectTimeout(), a2.readTimeout()));
        assertNotSame(c, factory.forServer(slow.tls(), slow.connectTimeout(), slow.readTimeout()));
        assertNotSame(c, factory.forWrites(a.tls(), a.connectTimeout(), a.readTimeout()));
        assertSame(c.connectionPool(), factory.forServer(slow.tls(), slow.connectTimeout(), slow.readTimeout()).connectionPool());
        assertSame(c.dispatcher(), factory.forWrites(a.tls(), a.connectTimeout(), a.readTimeout()).dispatcher());
    }

    @Test
    void neverFollowsRedirectsAndNeverResendsWrites() {
        ServerSettings s = new ServerSettings("https://a.example.com", TlsSettings.verify(), Duration.ofSeconds(3),
                Duration.ofSeconds(20));
        OkHttpClient read = factory.forServer(s.tls(), s.connectTimeout(), s.readTimeout());
        OkHttpClient write = factory.forWrites(s.tls(), s.connectTimeout(), s.readTimeout());
        OkHttpClient provider = factory.forEndpoint(URI.create("https://idp.example.com/realms/x"), TlsSettings.verify(),
                Duration.ofSeconds(3), Duration.ofSeconds(20));
        for (OkHttpClient c : new OkHttpClient[] {read, write, provider}) {
            assertFalse(c.followRedirects());
            assertFalse(c.followSslRedirects());
            assertEquals(3000, c.connectTimeoutMillis());
            assertEquals(20000, c.readTimeoutMillis());
            assertEquals(20000, c.writeTimeoutMillis());
            assertEquals(43000, c.callTimeoutMillis());
        }
        assertTrue(read.retryOnConnectionFailure());
        assertFalse(write.retryOnConnectionFailure());
        // A token asked for twice does no harm; proxies that close pooled connections need the second attempt.
        assertTrue(provider.retryOnConnectionFailure());
    }

    @Test
    void readsReuseConnectionsAndWritesNeverDo() throws Exception {
        AtomicInteger connects = new AtomicInteger();
        HttpClientFactory counting = new HttpClientFactory(new OkHttpClient.Builder().eventListener(new EventListener() {
            @Override
            public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
                connects.incrementAndGet();
            }
        }).build());
        try (LocalHttpServer server = LocalHttpServer.http()) {
            server.on("/x", (ex, r) -> LocalHttpServer.json(ex, 200, "{}"));
            ServerSettings s = new ServerSettings(server.url());
            Request get = new Request.Builder().url(server.url() + "/x").build();
            Request post = new Request.Builder().url(server.url() + "/x").post(RequestBody.create("{}", null)).build();
            for (int i = 0; i < 2; i++) {
                try (Response r = counting.forServer(s.tls(), s.connectTimeout(), s.readTimeout()).newCall(get).execute()) {
                    r.body().string();
                }
            }
            assertEquals(1, connects.get(), "the second read reused the connection");
            for (int i = 0; i < 2; i++) {
                try (Response r = counting.forWrites(s.tls(), s.connectTimeout(), s.readTimeout()).newCall(post).execute()) {
                    r.body().string();
                }
            }
            assertEquals(3, connects.get(), "each write opened its own connection");
        }
    }

    @Test
    void timeoutsAreAtMostADay() {
        Duration decades = Duration.ofSeconds(Integer.MAX_VALUE);
        int day = (int) HttpClientFactory.MAX_TIMEOUT.toMillis();
        for (OkHttpClient c : new OkHttpClient[] {factory.forServer(TlsSettings.verify(), decades, decades),
            factory.forWrites(TlsSettings.verify(), decades, decades),
            factory.forEndpoint(URI.create("https://idp.example.com"), TlsSettings.verify(), decades, decades)}) {
            assertEquals(day, c.connectTimeoutMillis());
            assertEquals(day, c.readTimeoutMillis());
            assertEquals(day, c.writeTimeoutMillis());
            assertEquals(3 * day, c.callTimeoutMillis());
        }
        assertEquals(day, factory.forServer(TlsSettings.verify(), HttpClientFactory.MAX_TIMEOUT,
                HttpClientFactory.MAX_TIMEOUT).readTimeoutMillis());
    }

    @Test
    void oneDispatcherBoundsTheCallsInFlight() {
        OkHttpClient c = factory.forServer(TlsSettings.verify(), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertEquals(HttpClientFactory.MAX_REQUESTS, c.dispatcher().getMaxRequests());
        assertEquals(HttpClientFactory.MAX_REQUESTS_PER_HOST / 2, c.dispatcher().getMaxRequestsPerHost());
    }

    @Test
    void callersRunningTheirOwnCallsHaveTheOtherHalfOfAHostsBound() {
        okhttp3.HttpUrl api = okhttp3.HttpUrl.get("https://seldon.example.com/seldon-deploy/api/v1alpha1/version");
        okhttp3.HttpUrl samePort = okhttp3.HttpUrl.get("https://seldon.example.com:8443/other");
        okhttp3.HttpUrl other = okhttp3.HttpUrl.get("https://inference.example.com/v2/models");
        for (int i = 0; i < HttpClientFactory.MAX_REQUESTS_PER_HOST / 2; i++) {
            assertTrue(factory.tryCallerSlot(i % 2 == 0 ? api : samePort), "slot " + i);
        }
        assertFalse(factory.tryCallerSlot(api), "as the dispatcher, per host name");
        assertTrue(factory.tryCallerSlot(other));
        factory.releaseCallerSlot(samePort);
        assertTrue(factory.tryCallerSlot(api));
        assertFalse(factory.tryCallerSlot(api));
    }

    @Test
    void manySettingsStartTheCacheOver() {
        OkHttpClient first = factory.forServer(TlsSettings.verify(), Duration.ofSeconds(1), Duration.ofSeconds(1));
        assertSame(first, factory.forServer(TlsSettings.verify(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        for (int i = 2; i <= 64; i++) {
            factory.forServer(TlsSettings.verify(), Duration.ofSeconds(i), Duration.ofSeconds(1));
        }
        // 64 clients cached: the first is still there; the 65th settings start the cache over.
        assertSame(first, factory.forServer(TlsSettings.verify(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
        factory.forServer(TlsSettings.verify(), Duration.ofSeconds(65), Duration.ofSeconds(1));
        assertNotSame(first, factory.forServer(TlsSettings.verify(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }

    @Test
    void rejectsNonHttpProviderUrls() {
        for (String url : new String[] {"file:///etc/passwd", "idp.example.com/realms/x", "ftp://idp.example.com"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory.forEndpoint(
                    URI.create(url), TlsSettings.verify(), Duration.ofSeconds(1), Duration.ofSeconds(1)));
            assertEquals("The URL does not start with https:// or http://", e.getMessage());
        }
        assertTrue(factory.forEndpoint(URI.create("HTTP://idp.example.com"), TlsSettings.verify(), Duration.ofSeconds(1),
                Duration.ofSeconds(1)).retryOnConnectionFailure());
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
                () -> factory.forServer(TlsSettings.withExtraCa("junk"), Duration.ofSeconds(1), Duration.ofSeconds(1)));
    }
}
