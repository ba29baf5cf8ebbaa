package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;

/**
 * The JDK client for bodies on GET reaches a server the way the OkHttp clients do: through the same proxy, with proxy
 * credentials only where a proxy is used.
 */
class BodyOnGetClientSettingsTest {

    private static final HttpUrl HTTP = HttpUrl.get("http://seldon.example.com/seldon-deploy/api/v1alpha1/x");
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Proxy HTTP_PROXY = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(
            "proxy.example.com", 3128));
    private static final String BASIC = "Basic dXNlcjpwYXNz";

    private static ProxySelector selecting(List<Proxy> proxies) {
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return proxies;
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        };
    }

    private static OkHttpClient.Builder withCredentials(OkHttpClient.Builder b) {
        return b.addInterceptor(new PreemptiveProxyAuthorization(host -> BASIC));
    }

    @Test
    void theOneProxyOfTheBaseClientCarriesTheCallsToo() throws Exception {
        HttpClientFactory f = new HttpClientFactory(new OkHttpClient.Builder().proxy(HTTP_PROXY).build());
        java.net.http.HttpClient jdk = f.forBodyOnGet(HTTP, TlsSettings.verify(), CONNECT).client();
        assertEquals(List.of(HTTP_PROXY), jdk.proxy().orElseThrow().select(HTTP.uri()));
    }

    @Test
    void proxyCredentialsNeverGoToAServerReachedDirectly() throws Exception {
        List<Proxy> direct = List.of(Proxy.NO_PROXY);
        for (List<Proxy> proxies : java.util.Arrays.asList(direct, List.<Proxy>of(), null)) {
            HttpClientFactory f = new HttpClientFactory(withCredentials(new OkHttpClient.Builder()
                    .proxySelector(selecting(proxies))).build());
            assertNull(f.forBodyOnGet(HTTP, TlsSettings.verify(), CONNECT).proxyAuthorization(), String.valueOf(proxies));
        }
    }

    @Test
    void proxyCredentialsAreFoundAmongTheBaseClientsOtherInterceptors() throws Exception {
        OkHttpClient.Builder b = new OkHttpClient.Builder().proxySelector(selecting(List.of(HTTP_PROXY)))
                .addInterceptor(chain -> chain.proceed(chain.request()));
        HttpClientFactory f = new HttpClientFactory(withCredentials(b).build());
        assertEquals(BASIC, f.forBodyOnGet(HTTP, TlsSettings.verify(), CONNECT).proxyAuthorization());
    }

    @Test
    void noCaCertificatesAtAllIsNotPem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HttpClientFactory.parseCertificates(null));
        assertTrue(e.getMessage().contains("not in PEM format"), e.getMessage());
    }
}
