package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.time.Duration;

/** Gets bearer tokens from an OIDC provider with the client credentials or password grant. Thread-safe. */
public final class OidcAuthenticator implements RequestAuthenticator {

    private final OidcSettings settings;

    /** @param cache shared tokens, or {@code null} to share nothing (e.g. to test a configuration) */
    public OidcAuthenticator(OidcSettings settings, TlsSettings tls, Duration connectTimeout, Duration readTimeout,
            HttpClientFactory http, TokenCache cache) {
        this.settings = settings;
    }

    @Override
    public AuthHeader authenticate() throws SeldonException, InterruptedException {
        throw new UnsupportedOperationException();
    }

    @Override
    public void invalidate(AuthHeader rejected) {
    }

    @Override
    public String describe() {
        return settings.toString();
    }
}
