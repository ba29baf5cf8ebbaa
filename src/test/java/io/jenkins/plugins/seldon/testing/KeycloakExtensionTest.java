package io.jenkins.plugins.seldon.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the SELDON_IT_* variables select another provider, without starting anything. */
class KeycloakExtensionTest {

    private static Map<String, String> all() {
        Map<String, String> env = new HashMap<>();
        env.put("SELDON_IT_ISSUER", "https://idp.example.com/realms/ci/");
        env.put("SELDON_IT_CLIENT_ID", "jenkins");
        env.put("SELDON_IT_CLIENT_SECRET", "s3cret-value");
        env.put("SELDON_IT_USERNAME", "ci-user");
        env.put("SELDON_IT_PASSWORD", "p4ssword-value");
        return env;
    }

    @Test
    void noVariablesMeansStartKeycloak() {
        assertNull(KeycloakExtension.Started.external(Map.of("PATH", "/bin")));
    }

    @Test
    void allVariablesNameTheProviderAndItsSecretsStayHidden() {
        OidcProvider p = KeycloakExtension.Started.external(all());
        assertTrue(p.external());
        assertEquals("jenkins", p.clientId());
        assertEquals("s3cret-value", p.clientSecret().reveal());
        assertFalse(p.toString().contains("s3cret-value") || p.toString().contains("p4ssword-value"), p.toString());
    }

    @Test
    void someVariablesAreAMistakeNotAFallback() {
        Map<String, String> env = all();
        env.remove("SELDON_IT_PASSWORD");
        env.put("SELDON_IT_CLIENT_SECRET", " ");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> KeycloakExtension.Started.external(env));
        assertTrue(e.getMessage().contains("SELDON_IT_PASSWORD") && e.getMessage().contains("SELDON_IT_CLIENT_SECRET"),
                e.getMessage());
    }
}
