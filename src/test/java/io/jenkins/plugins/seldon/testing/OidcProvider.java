package io.jenkins.plugins.seldon.testing;

import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;

/**
 * The OIDC provider integration tests run against: the Keycloak the tests started, or the provider named by the
 * {@code SELDON_IT_*} environment variables. Only standard OIDC is assumed of it. Inject it with
 * {@code @ExtendWith(KeycloakExtension.class)} and a test method or constructor parameter of this type.
 */
public record OidcProvider(URI issuer, String clientId, SecretText clientSecret, String username, SecretText password,
                           boolean external) {

    /** Settings for {@code grant} with this provider's client (and, for the password grant, its user). */
    public OidcSettings.Builder settings(OidcGrant grant) {
        OidcSettings.Builder b = OidcSettings.builder(grant, clientId).issuer(issuer).clientSecret(clientSecret);
        if (grant == OidcGrant.PASSWORD) {
            b.user(username, password);
        }
        return b;
    }

    /** A verifier for a {@link FakeSeldonApi} that trusts exactly this provider's keys, as the real API server does. */
    public TokenVerifier verifier(Clock clock) throws IOException, InterruptedException {
        return TokenVerifier.fromDiscovery(issuer, clock);
    }

    @Override
    public String toString() {
        return "OIDC provider " + issuer + " (client " + clientId + ", user " + username + ")";
    }
}
