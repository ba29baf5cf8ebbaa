package io.jenkins.plugins.seldon.benchmark;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.operations.LogSink;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import java.time.Duration;
import java.util.concurrent.Executors;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/** How the benchmarks make clients, as the plugin does on a controller. */
final class Setup {

    static final String TOKEN = "benchmark-token";

    /**
     * What the clients of the benchmarks are derived from, as the controller's are from the OkHttp API plugin's: its
     * dispatcher's threads are daemons, so that a benchmark's JVM ends when it is done.
     */
    static final OkHttpClient BASE = new OkHttpClient.Builder().dispatcher(new Dispatcher(Executors.newCachedThreadPool(
            r -> {
                Thread t = new Thread(r, "OkHttp Dispatcher (benchmark)");
                t.setDaemon(true);
                return t;
            }))).build();

    /** Logs nothing: the build log is not what is measured. */
    static final LogSink NO_LOG = new LogSink() {
        @Override
        public void info(String line) {
        }

        @Override
        public void warn(String line) {
        }
    };

    private Setup() {
    }

    /** A client with a fixed token, for what does not measure authentication. */
    static SeldonClient client(BenchServer server) {
        RequestAuthenticator auth = new RequestAuthenticator() {
            @Override
            public AuthHeader authenticate() {
                return AuthHeader.bearer(SecretText.of(TOKEN), null);
            }

            @Override
            public void invalidate(AuthHeader rejected) {
            }

            @Override
            public String describe() {
                return "the benchmark's token";
            }
        };
        return new SeldonClient(new ServerSettings(server.url()), auth, new HttpClientFactory(BASE));
    }

    /** A client that gets its token from {@code provider} by client credentials, through the issuer's discovery. */
    static SeldonClient oidcClient(BenchServer server, FakeOidcProvider provider, HttpClientFactory http,
            TokenCache cache) {
        OidcSettings settings = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, provider.clientId)
                .issuer(provider.issuer()).clientSecret(SecretText.of(provider.clientSecret)).build();
        OidcAuthenticator auth = new OidcAuthenticator(settings, TlsSettings.verify(), Duration.ofSeconds(10),
                Duration.ofSeconds(30), http, cache);
        return new SeldonClient(new ServerSettings(server.url()), auth, http);
    }
}
