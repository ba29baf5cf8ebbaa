package io.jenkins.plugins.seldon.client.http;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The one place the plugin builds OkHttp clients. All clients share one connection pool and dispatcher; each
 * combination of TLS settings, timeouts and retry behaviour gets its own cached client. Redirects are never followed:
 * a redirect from the API usually means a login page, which must surface as an error. JVM-wide TLS defaults are never
 * changed; TLS settings apply to this factory's clients only. The factory also carries the limits on answers and the
 * retry policy that every call made through its clients follows.
 */
public final class HttpClientFactory {

    // Beyond this many distinct settings (only reached by repeated reconfiguration), start over rather than grow.
    private static final int MAX_CACHED_CLIENTS = 64;

    /** Calls in flight at most, per host and in all; further calls wait in the dispatcher's queue. */
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
        dispatcher.setMaxRequestsPerHost(MAX_REQUESTS_PER_HOST);
        this.base = base.newBuilder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(MAX_IDLE_CONNECTIONS, 5, TimeUnit.MINUTES))
                .followRedirects(false)
                .followSslRedirects(false)
                .build();
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
            b.sslSocketFactory(sslContext(trustAll).getSocketFactory(), trustAll).hostnameVerifier((host, session) -> true);
        } else if (tls.extraCaPem() != null) {
            X509TrustManager tm = trustManager(tls.extraCaPem());
            b.sslSocketFactory(sslContext(tm).getSocketFactory(), tm);
        }
        return b.build();
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
        List<X509Certificate> result = new ArrayList<>();
        for (Certificate c : certs) {
            if (c instanceof X509Certificate x) {
                result.add(x);
            }
        }
        if (result.isEmpty()) {
            throw new IllegalArgumentException("The CA certificates contain no X.509 certificate");
        }
        return result;
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

    private static TrustManager[] defaultTrustManagers(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        return tmf.getTrustManagers();
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        for (TrustManager tm : managers) {
            if (tm instanceof X509TrustManager x) {
                return x;
            }
        }
        throw new IllegalStateException("The JVM has no X.509 trust manager");
    }

    private static SSLContext sslContext(X509TrustManager tm) {
        try {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {tm}, null);
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
