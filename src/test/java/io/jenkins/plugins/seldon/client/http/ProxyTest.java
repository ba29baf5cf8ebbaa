package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.error.UnsupportedRequestException;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.Tinyproxy;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token, discovery and API calls through a real proxy that requires authentication (tinyproxy), as a controller behind
 * a corporate proxy makes them: the client is built on a base {@link OkHttpClient} that carries the proxy selector and
 * authenticator (in Jenkins, those of Jenkins' proxy settings), and a no-proxy host is reached directly.
 */
class ProxyTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String LIST = API + "/namespaces/models/seldondeployments";
    private static final String USER = "proxy-user";
    private static final String PASSWORD = "proxy-password-7f3a";

    private Tinyproxy proxy;
    private LocalHttpServer idp;
    private FakeOidcProvider provider;
    private LocalHttpServer api;

    @BeforeEach
    void start() throws Exception {
        proxy = Tinyproxy.start(USER, PASSWORD);
        idp = LocalHttpServer.http();
        provider = new FakeOidcProvider(idp, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
        if (idp != null) {
            idp.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    /**
     * A base client as the Jenkins layer builds it from Jenkins' proxy settings: every host through the proxy but
     * {@code noProxyHost}, with the proxy credentials for the CONNECT tunnel's challenge and up front for plain http.
     */
    private OkHttpClient base(String noProxyHost, String password) {
        return new OkHttpClient.Builder()
                .proxySelector(new ProxySelector() {
                    @Override
                    public List<Proxy> select(URI uri) {
                        return List.of(uri.getHost().equals(noProxyHost) ? Proxy.NO_PROXY
                                : new Proxy(Proxy.Type.HTTP, proxy.address()));
                    }

                    @Override
                    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
                })
                .proxyAuthenticator((route, response) -> response.request().header("Proxy-Authorization") != null
                        ? null
                        : response.request().newBuilder().header("Proxy-Authorization", Credentials.basic(USER, password))
                                .build())
                .addInterceptor(new PreemptiveProxyAuthorization(host -> host.equals(noProxyHost) ? null
                        : Credentials.basic(USER, password)))
                .build();
    }

    private SeldonClient client(HttpClientFactory http, URI issuer, TlsSettings tls) {
        OidcSettings settings = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, provider.clientId)
                .issuer(issuer)
                .clientSecret(SecretText.of(provider.clientSecret))
                .build();
        Duration timeout = Duration.ofSeconds(10);
        return new SeldonClient(new ServerSettings(api.url(), tls, timeout, timeout),
                new OidcAuthenticator(settings, TlsSettings.verify(), timeout, timeout, http, null), http);
    }

    private static int port(String url) {
        return URI.create(url).getPort();
    }

    @Test
    void discoveryTokenAndApiCallsGoThroughTheAuthenticatingProxy() throws Exception {
        api = LocalHttpServer.http();
        api.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"items\":[{\"metadata\":{\"name\":\"iris\"}}]}"));
        SeldonClient client = client(new HttpClientFactory(base("none", PASSWORD)), provider.issuer(), TlsSettings.verify());

        assertEquals(1, client.list(ResourceKind.SELDON_DEPLOYMENT, "models").size());
        assertTrue(proxy.forwardedTo(port(idp.url())), "discovery and token request through the proxy");
        assertTrue(proxy.forwardedTo(port(api.url())), "API call through the proxy");
        assertEquals(1, provider.discoveryRequests());
        assertEquals(1, provider.tokenRequests().size());
    }

    @Test
    void writesOverTlsGoThroughTheProxysTunnel() throws Exception {
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("Test CA").build();
        HeldCertificate cert = new HeldCertificate.Builder().signedBy(root).commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1").build();
        api = LocalHttpServer.https(new HandshakeCertificates.Builder().heldCertificate(cert, root.certificate()).build()
                .sslContext());
        api.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"iris\",\"uid\":\"u1\"}}"));
        SeldonClient client = client(new HttpClientFactory(base("none", PASSWORD)), provider.issuer(),
                TlsSettings.withExtraCa(root.certificatePem()));

        ObjectNode created = client.create(ResourceKind.SELDON_DEPLOYMENT, "models", (ObjectNode) Json.parseOrNull(
                "{\"apiVersion\":\"machinelearning.seldon.io/v1\",\"kind\":\"SeldonDeployment\","
                        + "\"metadata\":{\"name\":\"iris\"},\"spec\":{}}"), WriteAudit.NONE);
        assertEquals("u1", created.at("/metadata/uid").asText());
        assertTrue(proxy.forwardedTo(port(api.url())), "the create went through the proxy's tunnel");
        assertEquals(1, api.requests().size(), "sent once");
    }

    @Test
    void aNoProxyHostIsReachedDirectly() throws Exception {
        api = LocalHttpServer.http();
        api.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"items\":[]}"));
        // The provider's token endpoint is addressed as localhost, which the selector leaves out.
        URI tokenEndpoint = URI.create(provider.tokenEndpoint().toString().replace("127.0.0.1", "localhost"));
        HttpClientFactory http = new HttpClientFactory(base("localhost", PASSWORD));
        OidcSettings settings = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, provider.clientId)
                .tokenEndpoint(tokenEndpoint)
                .clientSecret(SecretText.of(provider.clientSecret))
                .build();
        Duration timeout = Duration.ofSeconds(10);
        SeldonClient client = new SeldonClient(new ServerSettings(api.url(), TlsSettings.verify(), timeout, timeout),
                new OidcAuthenticator(settings, TlsSettings.verify(), timeout, timeout, http, null), http);

        assertEquals(0, client.list(ResourceKind.SELDON_DEPLOYMENT, "models").size());
        assertEquals(1, provider.tokenRequests().size());
        assertFalse(proxy.forwardedTo(port(idp.url())), "the token request reached the provider directly");
        assertTrue(proxy.forwardedTo(port(api.url())), "the API through the proxy");
    }

    @Test
    void aGetWithABodyGoesThroughTheAuthenticatingProxyToo() throws Exception {
        api = LocalHttpServer.http();
        api.on(API + "/namespaces/models/seldondeployments/validate",
                (ex, r) -> LocalHttpServer.json(ex, 200, "{\"code\":200,\"message\":\"valid\"}"));
        SeldonClient client = client(new HttpClientFactory(base("none", PASSWORD)), provider.issuer(), TlsSettings.verify());

        ObjectNode answer = client.validate("models", manifest());

        assertEquals("valid", answer.path("message").asText());
        assertTrue(proxy.forwardedTo(port(api.url())), "the JDK client went through the proxy, with its credentials");
        assertEquals(manifest(), Json.parseOrNull(api.requests().get(0).body()));
    }

    @Test
    void aGetWithABodyToAnHttpsServerBehindAnAuthenticatingProxyIsRefusedBeforeSending() throws Exception {
        api = LocalHttpServer.https(new HandshakeCertificates.Builder().build().sslContext());
        SeldonClient client = client(new HttpClientFactory(base("none", PASSWORD)), provider.issuer(), TlsSettings.verify());

        UnsupportedRequestException e = org.junit.jupiter.api.Assertions.assertThrows(UnsupportedRequestException.class,
                () -> client.validate("models", manifest()));

        assertTrue(e.getMessage().contains("does not send Basic proxy credentials through HTTPS tunnels"),
                e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertFalse(proxy.forwardedTo(port(api.url())));
        assertTrue(api.requests().isEmpty());
    }

    private static ObjectNode manifest() {
        return (ObjectNode) Json.parseOrNull("{\"apiVersion\":\"machinelearning.seldon.io/v1\","
                + "\"kind\":\"SeldonDeployment\",\"metadata\":{\"name\":\"iris\"},\"spec\":{}}");
    }

    @Test
    void aWrongProxyPasswordFailsWithoutReachingTheServer() throws Exception {
        api = LocalHttpServer.http();
        api.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"items\":[]}"));
        SeldonClient client = client(new HttpClientFactory(base("none", "wrong")), provider.issuer(), TlsSettings.verify());

        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> client.list(ResourceKind.SELDON_DEPLOYMENT, "models"));
        // tinyproxy refuses wrong credentials with 401 rather than 407.
        assertTrue(e.getMessage().contains("HTTP 401") || e.getMessage().contains("HTTP 407"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD));
        assertTrue(api.requests().isEmpty());
        assertEquals(0, provider.discoveryRequests());
    }
}
