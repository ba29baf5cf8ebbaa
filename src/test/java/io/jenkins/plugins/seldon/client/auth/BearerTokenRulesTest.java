package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Which pre-issued tokens are sent as they are, which are refused, and when a refusal says the token expired. */
class BearerTokenRulesTest {

    private static String sent(String token) {
        return new BearerTokenAuthenticator(SecretText.of(token), "test", Clock.systemUTC(), null).authenticate()
                .bearerToken().reveal();
    }

    private static void refused(String token) {
        assertThrows(IllegalArgumentException.class,
                () -> new BearerTokenAuthenticator(SecretText.of(token), "test", Clock.systemUTC(), null), token);
    }

    @Test
    void onlyABearerWordOfItsOwnIsAPrefix() {
        assertEquals("abc", sent("bearer abc"));
        assertEquals("abc", sent("BEARER\tabc"));
        assertEquals("BearerAbc", sent("BearerAbc"));
        assertEquals("Bear", sent("Bear"));
        assertEquals("!~", sent("!~"));
        refused("Bearer");
        refused(" ");
        refused("abc\u007f");
        refused("caf\u00e9");
    }

    @Test
    void aTokenExpiredAtTheExactMomentItIsRefused() {
        String token = new TestTokenIssuer().token("ci-bot");
        Instant exp = OidcAuthenticator.jwtExpiry(token);
        String atExpiry = new BearerTokenAuthenticator(SecretText.of(token), "test", Clock.fixed(exp, ZoneOffset.UTC),
                null).whenRefused();
        assertTrue(atExpiry.startsWith("The token expired at " + exp + ". "), atExpiry);
        String before = new BearerTokenAuthenticator(SecretText.of(token), "test",
                Clock.fixed(exp.minusSeconds(1), ZoneOffset.UTC), null).whenRefused();
        assertTrue(before.startsWith("The token is invalid, was revoked, or has expired. "), before);
        // A token that is no JWT has no expiry to tell.
        String opaque = new BearerTokenAuthenticator(SecretText.of("opaque-token"), "test", Clock.systemUTC(), null)
                .whenRefused();
        assertTrue(opaque.startsWith("The token is invalid, was revoked, or has expired. "), opaque);
        assertEquals("credential 'x' (a pre-issued token)", new BearerTokenAuthenticator(SecretText.of(token),
                "credential 'x'", Clock.systemUTC(), null).describe());
    }
}
