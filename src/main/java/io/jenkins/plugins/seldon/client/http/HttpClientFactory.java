package io.jenkins.plugins.seldon.client.http;

import io.jenkins.plugins.seldon.client.ServerSettings;
import java.net.URI;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one place the plugin builds OkHttp clients. All clients share one connection pool and dispatcher; each
 * combination of TLS settings and timeouts gets its own cached client. Redirects are never followed.
 */
public final class HttpClientFactory {

    public HttpClientFactory() {
    }

    /** For reads (GET) from the Seldon API. */
    public OkHttpClient forServer(ServerSettings s) {
        throw new UnsupportedOperationException();
    }

    /** For requests with a body: never re-sent by OkHttp after a connection failure. */
    public OkHttpClient forWrites(ServerSettings s) {
        throw new UnsupportedOperationException();
    }

    /** For OIDC provider calls (discovery and token requests); token requests are never re-sent. */
    public OkHttpClient forEndpoint(URI url, TlsSettings tls, Duration connect, Duration read) {
        throw new UnsupportedOperationException();
    }
}
