package io.jenkins.plugins.seldon.testing;

import io.jenkins.plugins.seldon.client.auth.SecretText;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests an {@link OidcProvider} parameter. When {@code SELDON_IT_ISSUER}, {@code SELDON_IT_CLIENT_ID},
 * {@code SELDON_IT_CLIENT_SECRET}, {@code SELDON_IT_USERNAME} and {@code SELDON_IT_PASSWORD} are set, that provider is
 * used; otherwise one {@link Keycloak} per test JVM is started on first use (from {@code keycloak.home}) and stopped
 * when JUnit closes its root store at the end of the run. If neither works the tests fail, they are not skipped.
 */
public final class KeycloakExtension implements ParameterResolver {

    static final List<String> VARIABLES = List.of("SELDON_IT_ISSUER", "SELDON_IT_CLIENT_ID",
            "SELDON_IT_CLIENT_SECRET", "SELDON_IT_USERNAME", "SELDON_IT_PASSWORD");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == OidcProvider.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Started started = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Started.class, k -> Started.start(System.getenv()), Started.class);
        if (started.failure != null) {
            throw new ParameterResolutionException("No OIDC provider for the integration tests: "
                    + started.failure.getMessage(), started.failure);
        }
        return started.provider;
    }

    /** The provider, or why there is none (remembered, so that one failed start does not repeat per test). */
    static final class Started implements AutoCloseable {
        final OidcProvider provider;
        final Keycloak keycloak;
        final Exception failure;

        private Started(OidcProvider provider, Keycloak keycloak, Exception failure) {
            this.provider = provider;
            this.keycloak = keycloak;
            this.failure = failure;
        }

        static Started start(Map<String, String> env) {
            try {
                OidcProvider external = external(env);
                if (external != null) {
                    return new Started(external, null, null);
                }
                String home = System.getProperty("keycloak.home");
                if (home == null || home.isBlank()) {
                    throw new IllegalStateException("system property keycloak.home is not set (the build sets it) "
                            + "and the " + String.join(", ", VARIABLES) + " variables are not set");
                }
                Duration timeout = Duration.ofSeconds(Long.getLong("keycloak.startTimeoutSeconds", 300));
                Keycloak kc = Keycloak.start(Path.of(home), timeout);
                // Startup time varies a lot on shared CI machines; logged to tune the timeout.
                System.getLogger(KeycloakExtension.class.getName()).log(System.Logger.Level.INFO, "Keycloak "
                        + kc.issuer() + " started in " + kc.startupTime().toMillis() + " ms; log: " + kc.log());
                return new Started(kc.provider(), kc, null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Started(null, null, e);
            } catch (Exception e) {
                return new Started(null, null, e);
            }
        }

        static OidcProvider external(Map<String, String> env) {
            List<String> missing = new ArrayList<>();
            for (String v : VARIABLES) {
                if (env.getOrDefault(v, "").isBlank()) {
                    missing.add(v);
                }
            }
            if (missing.size() == VARIABLES.size()) {
                return null;
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("set all of " + VARIABLES + " or none; missing: " + missing);
            }
            return new OidcProvider(URI.create(env.get("SELDON_IT_ISSUER")), env.get("SELDON_IT_CLIENT_ID"),
                    SecretText.of(env.get("SELDON_IT_CLIENT_SECRET")), env.get("SELDON_IT_USERNAME"),
                    SecretText.of(env.get("SELDON_IT_PASSWORD")), null);
        }

        @Override
        public void close() {
            if (keycloak != null) {
                keycloak.close();
            }
        }
    }
}
