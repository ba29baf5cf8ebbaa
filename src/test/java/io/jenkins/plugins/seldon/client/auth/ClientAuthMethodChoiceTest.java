package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which client authentication method is used when none is configured, and how names from servers are shown. */
class ClientAuthMethodChoiceTest {

    @Test
    void theSecretGoesInTheFormUnlessTheProviderListsOnlyBasic() {
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, ClientAuthMethod.secretMethodFor(Set.of()));
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC,
                ClientAuthMethod.secretMethodFor(Set.of("client_secret_basic", "private_key_jwt")));
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST,
                ClientAuthMethod.secretMethodFor(Set.of("client_secret_basic", "client_secret_post")));
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, ClientAuthMethod.secretMethodFor(Set.of("private_key_jwt")));
    }

    @Test
    void onlyTheSecretMethodsSendTheSecret() {
        assertTrue(ClientAuthMethod.CLIENT_SECRET_POST.usesSecret());
        assertTrue(ClientAuthMethod.CLIENT_SECRET_BASIC.usesSecret());
        assertFalse(ClientAuthMethod.PRIVATE_KEY_JWT.usesSecret());
        assertFalse(ClientAuthMethod.NONE.usesSecret());
    }

    @Test
    void everyWireNameReadsBackAndNothingElseDoes() {
        for (ClientAuthMethod m : ClientAuthMethod.values()) {
            assertEquals(m, ClientAuthMethod.ofWireName(m.toString().toUpperCase(java.util.Locale.ROOT)));
        }
        String e = assertThrows(IllegalArgumentException.class, () -> ClientAuthMethod.ofWireName(null)).getMessage();
        assertTrue(e.startsWith("Unknown client authentication method ''"), e);
    }

    @Test
    void aServersValueIsShownOnOneBoundedLine() {
        assertEquals("a?b?c", OidcDiscovery.shown("a\nb\u0000c"));
        String exact = "x".repeat(200);
        assertEquals(exact, OidcDiscovery.shown(exact));
        assertEquals(exact + "...", OidcDiscovery.shown(exact + "y"));
    }
}
