package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.error.UnsupportedRequestException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the JDK client that sends a GET with a body can honour the server's settings, and when it refuses to. */
class BodyOnGetClientTest {

    private static final HttpUrl HTTPS = HttpUrl.get("https://seldon.example.com/seldon-deploy/api/v1alpha1/x");
    private static final HttpUrl HTTP = HttpUrl.get("http://seldon.example.com/seldon-deploy/api/v1alpha1/x");
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Proxy HTTP_PROXY = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(
            "proxy.example.com", 3128));

    private final String tunneling = System.getProperty(HttpClientFactory.TUNNELING_DISABLED_SCHEMES);

    @AfterEach
    void restore() {
        if (tunneling == null) {
            System.clearProperty(HttpClientFactory.TUNNELING_DISABLED_SCHEMES);
        } else {
            System.setProperty(HttpClientFactory.TUNNELING_DISABLED_SCHEMES, tunneling);
        }
    }

    private static HttpClientFactory through(Proxy proxy, String basic) {
        OkHttpClient.Builder b = new OkHttpClient.Builder().proxySelector(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return proxy == null ? List.of() : List.of(proxy);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
        if (basic != null) {
            b.addInterceptor(new PreemptiveProxyAuthorization(host -> host.equals("seldon.example.com") ? basic
                    : null));
        }
        return new HttpClientFactory(b.build());
    }

    @Test
    void skippingVerificationIsRefusedBeforeAnythingIsSent() {
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> new HttpClientFactory().forBodyOnGet(HTTPS, TlsSettings.insecure(), CONNECT));
        assertTrue(e.getMessage().contains("cannot skip TLS verification for one server"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was sent to seldon.example.com"), e.getMessage());
    }

    @Test
    void aSocksProxyIsRefused() {
        Proxy socks = new Proxy(Proxy.Type.SOCKS, InetSocketAddress.createUnresolved("socks.example.com", 1080));
        for (HttpClientFactory f : List.of(through(socks, null),
                new HttpClientFactory(new OkHttpClient.Builder().proxy(socks).build()))) {
            UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                    () -> f.forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT));
            assertTrue(e.getMessage().contains("cannot go through the SOCKS proxy configured for seldon.example.com"),
                    e.getMessage());
        }
    }

    @Test
    void noProxyOrAProxyWithoutCredentialsSendsNoProxyAuthorization() throws Exception {
        assertNull(through(null, null).forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT).proxyAuthorization());
        assertNull(through(HTTP_PROXY, null).forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT).proxyAuthorization());
        assertNull(new HttpClientFactory(new OkHttpClient.Builder().proxy(Proxy.NO_PROXY).build())
                .forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT).proxyAuthorization());
    }

    @Test
    void basicProxyCredentialsGoWithPlainHttpAndWithHttpsOnlyWhereTheJdkAllowsThemOnTunnels() throws Exception {
        HttpClientFactory f = through(HTTP_PROXY, "Basic dXNlcjpwYXNz");
        assertEquals("Basic dXNlcjpwYXNz", f.forBodyOnGet(HTTP, TlsSettings.verify(), CONNECT).proxyAuthorization());
        System.clearProperty(HttpClientFactory.TUNNELING_DISABLED_SCHEMES);
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> f.forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT));
        assertTrue(e.getMessage().contains("cannot authenticate to the proxy for seldon.example.com"), e.getMessage());
        System.setProperty(HttpClientFactory.TUNNELING_DISABLED_SCHEMES, "Digest, basic ");
        assertThrows(UnsupportedRequestException.class, () -> f.forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT));
        System.setProperty(HttpClientFactory.TUNNELING_DISABLED_SCHEMES, "");
        assertEquals("Basic dXNlcjpwYXNz", f.forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT).proxyAuthorization());
        System.setProperty(HttpClientFactory.TUNNELING_DISABLED_SCHEMES, "Digest,Basicish");
        assertEquals("Basic dXNlcjpwYXNz", f.forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT).proxyAuthorization());
        // A host the credentials are not for gets none.
        assertNull(f.forBodyOnGet(HttpUrl.get("https://other.example.com/x"), TlsSettings.verify(), CONNECT)
                .proxyAuthorization());
    }

    @Test
    void manySettingsStartTheJdkClientCacheOver() throws Exception {
        HttpClientFactory f = new HttpClientFactory();
        java.net.http.HttpClient first = f.forBodyOnGet(HTTPS, TlsSettings.verify(), Duration.ofSeconds(1)).client();
        for (int seconds = 2; seconds <= 64; seconds++) {
            f.forBodyOnGet(HTTPS, TlsSettings.verify(), Duration.ofSeconds(seconds));
        }
        assertSame(first, f.forBodyOnGet(HTTPS, TlsSettings.verify(), Duration.ofSeconds(1)).client(),
                "64 settings are kept");
        f.forBodyOnGet(HTTPS, TlsSettings.verify(), Duration.ofSeconds(65));
        assertNotSame(first, f.forBodyOnGet(HTTPS, TlsSettings.verify(), Duration.ofSeconds(1)).client(),
                "the 65th started over");
    }

    @Test
    void jdkClientsAreCachedPerSettings() throws Exception {
        HttpClientFactory f = new HttpClientFactory();
        java.net.http.HttpClient first = f.forBodyOnGet(HTTPS, TlsSettings.verify(), CONNECT).client();
        assertSame(first, f.forBodyOnGet(HTTP, TlsSettings.verify(), CONNECT).client());
        assertNotSame(first, f.forBodyOnGet(HTTPS, TlsSettings.verify(), Duration.ofSeconds(6)).client());
        assertEquals(Duration.ofSeconds(6), f.forBodyOnGet(HTTPS, TlsSettings.verify(), Duration.ofSeconds(6))
                .client().connectTimeout().orElseThrow());
        assertEquals(java.net.http.HttpClient.Redirect.NEVER, first.followRedirects());
        assertEquals(java.net.http.HttpClient.Version.HTTP_1_1, first.version());
    }
}
