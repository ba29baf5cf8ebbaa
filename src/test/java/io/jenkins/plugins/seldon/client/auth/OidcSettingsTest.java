package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    private static OidcSettings.Builder clientCredentials() {
        return OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").clientSecret(SecretText.of("s3cret"));
    }

    @Test
    void urlsWithCredentialsAreRefusedWithoutEchoingThem() {
        for (OidcSettings.Builder b : new OidcSettings.Builder[] {
            clientCredentials().issuer(URI.create("https://u:pw-in-url@idp.example/auth/realms/r")),
            clientCredentials().tokenEndpoint(URI.create("https://u:pw-in-url@idp.example/token"))
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
            assertFalse(e.getMessage().contains("pw-in-url"), e.getMessage());
        }
    }

    @Test
    void toStringNamesThePrincipalAndEndpointButNoSecret() {
        OidcSettings s = OidcSettings.builder(OidcGrant.PASSWORD, "sd-api").issuer(URI.create("https://idp/realms/r/"))
                .clientSecret(SecretText.of("s3cret")).user("alice", SecretText.of("pa55word")).build();
        assertEquals("password grant for client sd-api and user alice at https://idp/realms/r", s.toString());
    }
}
