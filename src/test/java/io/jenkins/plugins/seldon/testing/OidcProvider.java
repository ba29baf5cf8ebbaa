package io.jenkins.plugins.seldon.testing;

import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Assumptions;

/**
 * The OIDC provider integration tests run against: the Keycloak the tests started, or the provider named by the
 * {@code SELDON_IT_*} environment variables. Only standard OIDC is assumed of it; tests of what only the realms the
 * tests import have (other clients and realms) ask for {@link #keycloak()}. Inject it with
 * {@code @ExtendWith(KeycloakExtension.class)} and a test method or constructor parameter of this type.
 *
 * @param keycloak the Keycloak the tests started, or {@code null} for an external provider
 */
public record OidcProvider(URI issuer, String clientId, SecretText clientSecret, String username, SecretText password,
                           Keycloak keycloak) {

    /** Whether this is a provider named by the {@code SELDON_IT_*} variables rather than the tests' own Keycloak. */
    public boolean external() {
        return keycloak == null;
    }

    /** The tests' own Keycloak; a test that needs it is skipped, saying why, with an external provider. */
    public Keycloak requireKeycloak(String what) {
        Assumptions.assumeTrue(keycloak != null, what + " needs the realms the tests import into their own Keycloak, "
                + "not the external provider named by the SELDON_IT_* variables");
        return keycloak;
    }

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
