package io.jenkins.plugins.seldon.client.http;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends Basic proxy credentials with plain-http requests that go through an HTTP proxy, rather than waiting for the
 * proxy's 407. Waiting fails for requests with a body: proxies such as tinyproxy answer 407 and close the connection
 * before reading the body, so the client sees the connection reset instead of the challenge, and a write must not be
 * sent twice anyway. HTTPS requests are untouched: their proxy authentication happens on the CONNECT tunnel, before any
 * request leaves.
 */
public final class PreemptiveProxyAuthorization implements Interceptor {

    /** The {@code Proxy-Authorization} value for requests to a host, or null when none goes through a proxy with credentials. */
    @FunctionalInterface
    public interface Credentials {
        String basicFor(String host);
    }

    private final Credentials credentials;

    public PreemptiveProxyAuthorization(Credentials credentials) {
        this.credentials = credentials;
    }

    /** The credentials it sends, for other clients that must reach servers the same way. */
    Credentials credentials() {
        return credentials;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        if (!request.isHttps() && request.header("Proxy-Authorization") == null) {
            // The host as the proxy selector sees it (URI form: IPv6 in brackets), so both agree on no-proxy hosts.
            String value = credentials.basicFor(request.url().uri().getHost());
            if (value != null) {
                request = request.newBuilder().header("Proxy-Authorization", value).build();
            }
        }
        return chain.proceed(request);
    }
}
