package io.jenkins.plugins.seldon.client.http;

import io.jenkins.plugins.seldon.client.error.UnsupportedRequestException;
import java.io.ByteArrayInputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * The one place the plugin builds OkHttp clients. All clients share one connection pool and dispatcher; each
 * combination of TLS settings, timeouts and retry behaviour gets its own cached client. Redirects are never followed:
 * a redirect from the API usually means a login page, which must surface as an error. JVM-wide TLS defaults are never
 * changed; TLS settings apply to this factory's clients only. The factory also carries the limits on answers and the
 * retry policy that every call made through its clients follows.
 *
 * <p>It also builds the JDK {@link java.net.http.HttpClient} that sends the one kind of request OkHttp refuses, a GET
 * with a body ({@link #forBodyOnGet}), from the same settings: TLS trust, proxy selector and credentials, timeouts, no
 * redirects. That client cannot skip host name verification for one client (only JVM-wide), and the JDK does not send
 * Basic proxy credentials through HTTPS tunnels unless the system property
 * {@value #TUNNELING_DISABLED_SCHEMES} allows it: in those configurations it refuses the request before sending it,
 * saying so.
 */
public final class HttpClientFactory {

    // Beyond this many distinct settings (only reached by repeated reconfiguration), start over rather than grow.
    private static final int MAX_CACHED_CLIENTS = 64;

    /**
     * Calls in flight at most, per host and in all; further calls wait in the dispatcher's queue. Per host, half are
     * run by the dispatcher and half by threads waiting for their own call ({@link #tryCallerSlot}), which the
     * dispatcher does not count.
     */
    public static final int MAX_REQUESTS_PER_HOST = 32;
    public static final int MAX_REQUESTS = 128;
    /** Idle connections kept for reuse; with the calls in flight, this bounds the connections open to a host. */
    public static final int MAX_IDLE_CONNECTIONS = 10;
    /**
     * The longest connect or read timeout applied; longer ones are shortened to it. No answer is worth waiting a day
     * for, and OkHttp refuses timeouts beyond 24 days, which the settings (whole seconds) allow.
     */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(1);

    private final OkHttpClient base;
    /**
     * Writes never reuse a connection: a pooled one may have been closed by the other side (a proxy, a load balancer)
     * and a write that fails on it cannot be sent again, since it may have arrived. On a new connection, a failure to
     * connect proves that nothing was sent.
     */
    private final ConnectionPool noReuse = new ConnectionPool(0, 1, TimeUnit.SECONDS);
    private final Map<Key, OkHttpClient> clients = new ConcurrentHashMap<>();
    private final AnswerLimits limits;
    private final RetryPolicy retries;

    private record Key(TlsSettings tls, Duration connect, Duration read, boolean retry) {}

    /** The JDK's switch for proxy authentication schemes it refuses on HTTPS tunnels; its default refuses Basic. */
    static final String TUNNELING_DISABLED_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";
    private static final String BODY_ON_GET =
            "This request (a GET with a body, which only the JDK's HTTP client sends)";

    private final Map<JdkKey, java.net.http.HttpClient> jdkClients = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> callerSlots = new ConcurrentHashMap<>();

    private record JdkKey(TlsSettings tls, Duration connect) {}

    /**
     * A JDK client for one request to {@code url}, and the {@code Proxy-Authorization} value that request must carry
     * (null when it goes direct or the proxy needs no credentials). The credentials are sent up front rather than on
     * the proxy's challenge: a client-wide proxy authenticator would make the JDK drop the request's own
     * {@code Authorization} header (JDK-8326949).
     */
    public record BodyOnGetClient(java.net.http.HttpClient client, String proxyAuthorization) {}

    /** Direct connections, or through the JVM's default proxy selector; limits and retries from system properties. */
    public HttpClientFactory() {
        this(new OkHttpClient());
    }

    /**
     * Clients derived from {@code base}, keeping how it reaches servers (its proxy selector, proxy authenticator and
     * interceptors; in Jenkins, the controller's proxy settings). Limits and retries come from the system properties
     * (see {@link AnswerLimits} and {@link RetryPolicy}).
     */
    public HttpClientFactory(OkHttpClient base) {
        this(base, AnswerLimits.fromSystemProperties(), RetryPolicy.fromSystemProperties());
    }

    /** One per JVM is enough: clients are cached and share one connection pool and dispatcher. */
    public HttpClientFactory(OkHttpClient base, AnswerLimits limits, RetryPolicy retries) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.retries = Objects.requireNonNull(retries, "retries");
        Dispatcher dispatcher = new Dispatcher();
        // OkHttp's default of 5 concurrent calls per host would queue parallel builds against one server.
        dispatcher.setMaxRequests(MAX_REQUESTS);
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_PER_HOST / 2);
        this.base = base.newBuilder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
    }

    /**
     * Takes one of the slots for calls to {@code url}'s host that the waiting caller runs itself
     * ({@link HttpCalls#execute}), if one is free; give it back with {@link #releaseCallerSlot} when the call has
     * ended. Without a slot, the call goes through the dispatcher's queue like any other.
     */
    public boolean tryCallerSlot(HttpUrl url) {
        return callerSlots.computeIfAbsent(url.host(), h -> new Semaphore(MAX_REQUESTS_PER_HOST / 2)).tryAcquire();
    }

    public void releaseCallerSlot(HttpUrl url) {
        callerSlots.get(url.host()).release();
    }

    /** How much of an answer calls read at most. */
    public AnswerLimits limits() {
        return limits;
    }

    /** How calls that may succeed later are retried. */
    public RetryPolicy retries() {
        return retries;
    }

    /**
     * How long one attempt of a call may take in all, answer included: bounds a server that trickles its answer byte
     * by byte, which the read timeout alone does not.
     */
    public static Duration callTimeout(Duration connect, Duration read) {
        return bounded(connect).plus(bounded(read).multipliedBy(2));
    }

    /** A configured timeout, at most {@link #MAX_TIMEOUT}. */
    private static Duration bounded(Duration timeout) {
        return timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
    }

    /** For reads (GET) from the Seldon API; OkHttp may retry them on a stale pooled connection. */
    public OkHttpClient forServer(TlsSettings tls, Duration connect, Duration read) {
        return client(new Key(tls, connect, read, true));
    }

    /**
     * For requests with a body: never re-sent by OkHttp once they may have reached the server, and always on a new
     * connection.
     */
    public OkHttpClient forWrites(TlsSettings tls, Duration connect, Duration read) {
        return client(new Key(tls, connect, read, false));
    }

    /**
     * For OIDC provider calls (discovery and token requests). A request that failed on a pooled connection the other
     * side had closed (proxies such as tinyproxy close after each request) is sent again on a new one: asking for a
     * token twice does no harm.
     *
     * @throws IllegalArgumentException when {@code url} is not http(s) or the TLS settings' CA certificates are invalid
     */
    public OkHttpClient forEndpoint(URI url, TlsSettings tls, Duration connect, Duration read) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            // Not repeated: a URL typed without its scheme may start with user information.
            throw new IllegalArgumentException("The URL does not start with https:// or http://");
        }
        return client(new Key(tls, connect, read, true));
    }

    /**
     * The JDK client for a GET with a body to {@code url}, built from the same TLS settings, proxy selector and proxy
     * credentials as this factory's OkHttp clients, and the connect timeout; redirects are never followed. Cached
     * like them.
     *
     * @throws UnsupportedRequestException before anything is sent, when the JDK client cannot honour the settings:
     *     TLS verification off for this server (the JDK verifies host names for every client unless told otherwise
     *     JVM-wide), a SOCKS proxy, or an HTTPS server behind a proxy that needs Basic credentials while the JDK
     *     refuses Basic on tunnels (its default; see {@value #TUNNELING_DISABLED_SCHEMES})
     * @throws IllegalArgumentException when the TLS settings' CA certificates are invalid
     */
    public BodyOnGetClient forBodyOnGet(HttpUrl url, TlsSettings tls, Duration connect)
            throws UnsupportedRequestException {
        if (!tls.verifies()) {
            throw new UnsupportedRequestException(BODY_ON_GET + " cannot skip TLS verification for one server: the"
                    + " JDK checks host names for all its clients unless told otherwise for the whole JVM. Nothing was"
                    + " sent to " + url.host() + ". Add the server's CA certificate in its TLS settings instead of"
                    + " skipping verification.");
        }
        Proxy proxy = proxyFor(url);
        if (proxy.type() == Proxy.Type.SOCKS) {
            throw new UnsupportedRequestException(BODY_ON_GET + " cannot go through the SOCKS proxy configured for "
                    + url.host() + "; nothing was sent. Use an HTTP proxy, or none, for this host.");
        }
        String authorization = null;
        if (proxy.type() == Proxy.Type.HTTP) {
            authorization = proxyCredentials(url);
            if (authorization != null && url.isHttps() && basicRefusedOnTunnels()) {
                throw new UnsupportedRequestException(BODY_ON_GET + " cannot authenticate to the proxy for "
                        + url.host() + ": the JDK does not send Basic proxy credentials through HTTPS tunnels by"
                        + " default. Nothing was sent. Let " + url.host() + " bypass the proxy (no-proxy hosts), or"
                        + " start the Jenkins controller with -D" + TUNNELING_DISABLED_SCHEMES + "= (empty) to allow"
                        + " it.");
            }
        }
        JdkKey key = new JdkKey(tls, connect);
        java.net.http.HttpClient c = jdkClients.get(key);
        if (c == null) {
            if (jdkClients.size() >= MAX_CACHED_CLIENTS) {
                jdkClients.clear();
            }
            c = jdkClients.computeIfAbsent(key, this::buildJdk);
        }
        return new BodyOnGetClient(c, authorization);
    }

    private java.net.http.HttpClient buildJdk(JdkKey key) {
        java.net.http.HttpClient.Builder b = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER)
                .connectTimeout(key.connect())
                .executor(base.dispatcher().executorService())
                .proxy(base.proxy() != null ? new FixedProxy(base.proxy()) : base.proxySelector());
        TlsSettings tls = key.tls();
        if (tls.extraCaPem() != null || tls.clientCertificate() != null) {
            // The same trust and client certificate as the OkHttp clients of this server.
            X509TrustManager tm = tls.extraCaPem() != null ? trustManager(tls.extraCaPem())
                    : x509(defaultTrustManagers(null));
            b.sslContext(sslContext(keyManagers(tls), tm));
        }
        return b.build();
    }

    /** The proxy the OkHttp clients would use for {@code url}. */
    private Proxy proxyFor(HttpUrl url) {
        if (base.proxy() != null) {
            return base.proxy();
        }
        List<Proxy> proxies = base.proxySelector().select(url.uri());
        return proxies == null || proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
    }

    /** What the OkHttp clients send as {@code Proxy-Authorization} to {@code url}'s host, or null. */
    private String proxyCredentials(HttpUrl url) {
        for (okhttp3.Interceptor i : base.interceptors()) {
            if (i instanceof PreemptiveProxyAuthorization p) {
                return p.credentials().basicFor(url.uri().getHost());
            }
        }
        return null;
    }

    private static boolean basicRefusedOnTunnels() {
        String disabled = System.getProperty(TUNNELING_DISABLED_SCHEMES);
        // Unset means the JDK's own default (net.properties), which disables Basic.
        return disabled == null || Arrays.stream(disabled.split(","))
                .anyMatch(scheme -> scheme.strip().equalsIgnoreCase("Basic"));
    }

    /** The one proxy a base client was given instead of a selector. */
    private static final class FixedProxy extends ProxySelector {
        private final Proxy proxy;

        FixedProxy(Proxy proxy) {
            this.proxy = proxy;
        }

        @Override
        public List<Proxy> select(URI uri) {
            return List.of(proxy);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, java.io.IOException ioe) {
            // Nothing to learn: there is no other proxy.
        }
    }

    private OkHttpClient client(Key key) {
        OkHttpClient c = clients.get(key);
        if (c == null) {
            if (clients.size() >= MAX_CACHED_CLIENTS) {
                clients.clear();
            }
            c = clients.computeIfAbsent(key, this::build);
        }
        return c;
    }

    private OkHttpClient build(Key key) {
        OkHttpClient.Builder b = base.newBuilder()
                .connectTimeout(bounded(key.connect()))
                .readTimeout(bounded(key.read()))
                .writeTimeout(bounded(key.read()))
                .callTimeout(callTimeout(key.connect(), key.read()))
                .retryOnConnectionFailure(key.retry());
        if (!key.retry()) {
            b.connectionPool(noReuse);
        }
        TlsSettings tls = key.tls();
        if (!tls.verifies()) {
            X509TrustManager trustAll = new TrustAllManager();
            b.sslSocketFactory(sslContext(keyManagers(tls), trustAll).getSocketFactory(), trustAll)
                    .hostnameVerifier((host, session) -> true);
        } else if (tls.extraCaPem() != null || tls.clientCertificate() != null) {
            X509TrustManager tm = tls.extraCaPem() != null ? trustManager(tls.extraCaPem())
                    : x509(defaultTrustManagers(null));
            b.sslSocketFactory(sslContext(keyManagers(tls), tm).getSocketFactory(), tm);
        }
        return b.build();
    }

    /**
     * The client certificate as the only key a handshake can offer, or none at all (never the JVM's default key
     * store). Each client gets its own socket factory,
     * and OkHttp pools connections per socket factory, so a connection made with one certificate never serves
     * another.
     */
    private static KeyManager[] keyManagers(TlsSettings tls) {
        ClientCertificate cert = tls.clientCertificate();
        if (cert == null) {
            return new KeyManager[0];
        }
        try {
            // An in-memory store for the key manager factory, under a throwaway password (some providers refuse none).
            char[] password = UUID.randomUUID().toString().toCharArray();
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            store.setKeyEntry("client", cert.privateKey(), password,
                    cert.chain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            return kmf.getKeyManagers();
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("The client certificate cannot be used: " + e.getMessage(), e);
        }
    }

    /**
     * Parses PEM text holding one or more X.509 certificates.
     *
     * @throws IllegalArgumentException saying what is wrong, for form validation and error messages
     */
    static List<X509Certificate> parseCertificates(String pem) {
        if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw new IllegalArgumentException(
                    "The CA certificates are not in PEM format (expected -----BEGIN CERTIFICATE----- blocks)");
        }
        Collection<? extends Certificate> certs;
        try {
            certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("The CA certificates could not be read as PEM: " + e.getMessage(), e);
        }
        // An X.509 factory makes only X.509 certificates, and at least one from text with a BEGIN line (or throws).
        return certs.stream().map(X509Certificate.class::cast).toList();
    }

    /** Trusts the JVM's default CAs and the extra ones: one PKIX trust manager over a store holding both. */
    private static X509TrustManager trustManager(String extraCaPem) {
        List<X509Certificate> extra = parseCertificates(extraCaPem);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate c : x509(defaultTrustManagers(null)).getAcceptedIssuers()) {
                store.setCertificateEntry("default-" + i++, c);
            }
            i = 0;
            for (X509Certificate c : extra) {
                store.setCertificateEntry("extra-" + i++, c);
            }
            return x509(defaultTrustManagers(store));
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("The CA certificates cannot be used: " + e.getMessage(), e);
        }
    }

    private static TrustManager[] defaultTrustManagers(KeyStore store) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            return tmf.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("The trust store cannot be used: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager tm : managers) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("The JVM has no X.509 trust manager");
    }

    private static SSLContext sslContext(KeyManager[] keyManagers, X509TrustManager tm) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keyManagers, new TrustManager[] {tm}, null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available in this JVM", e);
        }
    }

    /** For servers whose administrator turned verification off: accepts any certificate. */
    private static final class TrustAllManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // Only used as a client.
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // Verification is off for this server by explicit configuration.
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
