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

/** How the benchmarks make clients, as the plugin does on a controller. */
final class Setup {

    static final String TOKEN = "benchmark-token";

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

    /** Ends the threads of the clients {@code http} made, so that a benchmark's JVM ends when it is done. */
    static void shutdown(HttpClientFactory http) {
        // The factory's clients share one dispatcher.
        http.forServer(TlsSettings.verify(), Duration.ofSeconds(10), Duration.ofSeconds(60)).dispatcher()
                .executorService().shutdown();
    }

    /** A client with a fixed token, for what does not measure authentication. */
    static SeldonClient client(BenchServer server, HttpClientFactory http) {
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
        return new SeldonClient(new ServerSettings(server.url()), auth, http);
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
