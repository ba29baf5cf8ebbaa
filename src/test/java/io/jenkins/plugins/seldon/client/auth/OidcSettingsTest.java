package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    private static OidcSettings.Builder clientCredentials() {
        return OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").clientSecret(SecretText.of("s3cret"));
    }

    @Test
    void urlsWithCredentialsAreRefusedWithoutEchoingThem() {
        for (OidcSettings.Builder b : new OidcSettings.Builder[] {
            clientCredentials().issuer(URI.create("https://u:pw-in-url@idp.example/auth/realms/r")),
            clientCredentials().tokenEndpoint(URI.create("https://u:pw-in-url@idp.example/token")),
            // Typed without the scheme: read as the scheme "u", and still refused without being repeated.
            clientCredentials().issuer(URI.create("u:pw-in-url@idp.example/auth/realms/r")),
            clientCredentials().tokenEndpoint(URI.create("u:pw-in-url@idp.example/token"))
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

    @Test
    void onlyHttpUrlsWithAHost() {
        for (String url : new String[] {"ftp://idp.example/r", "/auth/realms/r", "idp.example"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> clientCredentials().issuer(URI.create(url)).build());
            assertEquals("The OIDC issuer URL must be an http(s) URL with a host", e.getMessage());
        }
    }

    @Test
    void anAllowedTokenEndpointOriginIsSchemeHostAndPort() {
        OidcSettings s = clientCredentials().issuer(URI.create("https://idp.example/realms/r"))
                .allowTokenEndpointOrigin(URI.create("https://Keycloak-Internal.example")).build();
        assertEquals(URI.create("https://keycloak-internal.example:443"), s.allowedTokenEndpointOrigin());
        assertEquals(List.of(URI.create("https://idp.example/realms/r"),
                URI.create("https://keycloak-internal.example:443")), s.secretDestinations());
        assertEquals(List.of(URI.create("https://idp.example/realms/r")),
                clientCredentials().issuer(URI.create("https://idp.example/realms/r")).build().secretDestinations());
        assertEquals(List.of(URI.create("https://idp.example/token")),
                clientCredentials().tokenEndpoint(URI.create("https://idp.example/token")).build().secretDestinations());
    }

    @Test
    void anAllowedTokenEndpointOriginIsRefusedWhereItWouldWeakenAnything() {
        assertRefused(clientCredentials().issuer(URI.create("https://idp.example/r"))
                .allowTokenEndpointOrigin(URI.create("http://idp-internal.example")), "must use https");
        assertRefused(clientCredentials().issuer(URI.create("https://idp.example/r"))
                .allowTokenEndpointOrigin(URI.create("https://idp-internal.example/token")), "scheme, host and port only");
        assertRefused(clientCredentials().tokenEndpoint(URI.create("https://idp.example/token"))
                .allowTokenEndpointOrigin(URI.create("https://idp-internal.example")), "only applies to a token endpoint "
                + "discovered");
        assertRefused(clientCredentials().issuer(URI.create("https://idp.example/r"))
                .allowTokenEndpointOrigin(URI.create("https://u:pw-in-url@idp-internal.example")), "user information");
    }

    private static void assertRefused(OidcSettings.Builder b, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("pw-in-url"), e.getMessage());
    }
}
