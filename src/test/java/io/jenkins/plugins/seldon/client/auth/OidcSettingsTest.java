package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import java.net.URI;
import io.jenkins.plugins.seldon.testing.Keytool;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theClientHasOneProofAndTheOneItsMethodNeeds() {
        HeldCertificate rsa = new HeldCertificate.Builder().rsa2048().build();
        ClientCertificate key = ClientCertificate.of(rsa.keyPair().getPrivate(), rsa.certificate());
        OidcSettings.Builder password = OidcSettings.builder(OidcGrant.PASSWORD, "sd-api")
                .issuer(URI.create("https://idp.example/r")).user("alice", SecretText.of("pw"));
        assertRefused(clientCredentials().issuer(URI.create("https://idp.example/r")).clientKey(key),
                "a secret or a private key, not both");
        assertRefused(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api")
                .issuer(URI.create("https://idp.example/r")), "needs a confidential client");
        assertRefused(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(URI.create(
                "https://idp.example/r")).clientKey(key).clientAuth(ClientAuthMethod.NONE), "only used by");
        assertRefused(password.clientAuth(ClientAuthMethod.CLIENT_SECRET_BASIC), "client_secret_basic needs a client "
                + "secret");
        assertRefused(password.clientAuth(ClientAuthMethod.PRIVATE_KEY_JWT), "private_key_jwt needs the client's "
                + "private key");
        assertRefused(password.clientAuth(ClientAuthMethod.NONE).clientSecret(SecretText.of("s")), "has no secret");
        assertEquals(ClientAuthMethod.NONE, password.clientAuth(null).clientSecret(null).build()
                .clientAuthFor(Set.of("client_secret_basic")), "a public client");
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, password.clientKey(key).build().clientAuthFor(Set.of()));
    }

    @Test
    void privateKeyJwtNeedsAKeyItCanSignWith(@TempDir Path dir) throws Exception {
        ClientCertificate p384 = Keytool.selfSigned(dir, "p384", "-keyalg", "EC", "-groupname", "secp384r1");
        assertRefused(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(URI.create(
                "https://idp.example/r")).clientKey(p384), "needs an EC key on the P-256 curve");
    }

    @Test
    void aRefreshKeepsTheGrantedScopeUnlessOneIsGiven() {
        OidcSettings.Builder b = OidcSettings.builder(OidcGrant.REFRESH_TOKEN, "sd-api")
                .issuer(URI.create("https://idp.example/r"));
        assertRefused(b, "needs a refresh token");
        assertEquals(null, b.refreshToken(SecretText.of("rt")).build().scope());
        assertEquals("openid", clientCredentials().issuer(URI.create("https://idp.example/r")).build().scope());
        assertEquals("refresh_token grant for client sd-api at https://idp.example/r", b.build().toString());
    }

    @Test
    void exactlyOneOfIssuerAndTokenEndpoint() {
        assertRefused(clientCredentials(), "not both or neither");
        assertRefused(clientCredentials().issuer(URI.create("https://idp.example/r"))
                .tokenEndpoint(URI.create("https://idp.example/token")), "not both or neither");
        OidcSettings token = clientCredentials().tokenEndpoint(URI.create("https://idp.example/token")).build();
        assertNull(token.issuer());
        assertEquals(URI.create("https://idp.example/token"), token.tokenEndpoint());
        OidcSettings issuer = clientCredentials().issuer(URI.create("https://idp.example/r/")).build();
        assertEquals(URI.create("https://idp.example/r"), issuer.issuer());
        assertNull(issuer.tokenEndpoint());
    }

    @Test
    void eachGrantNeedsItsProofs() {
        URI issuer = URI.create("https://idp.example/r");
        assertRefused(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, "sd-api").issuer(issuer),
                "needs a confidential client: a client secret or a private key");
        for (OidcSettings.Builder b : new OidcSettings.Builder[] {
            OidcSettings.builder(OidcGrant.PASSWORD, "sd-api").issuer(issuer),
            OidcSettings.builder(OidcGrant.PASSWORD, "sd-api").issuer(issuer).user(null, SecretText.of("pw")),
            OidcSettings.builder(OidcGrant.PASSWORD, "sd-api").issuer(issuer).user(" ", SecretText.of("pw")),
            OidcSettings.builder(OidcGrant.PASSWORD, "sd-api").issuer(issuer).user("alice", null)
        }) {
            assertRefused(b, "needs a user name and a password");
        }
        for (String clientId : new String[] {null, "", "  "}) {
            assertRefused(OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, clientId).issuer(issuer)
                    .clientSecret(SecretText.of("s")), "client id is empty");
        }
        assertThrows(NullPointerException.class, () -> OidcSettings.builder(null, "sd-api").issuer(issuer).build());
        // A public client: the password grant without a client secret.
        OidcSettings pub = OidcSettings.builder(OidcGrant.PASSWORD, "cli").issuer(issuer)
                .user("alice", SecretText.of("pw")).build();
        assertNull(pub.clientSecret());
        assertEquals("alice", pub.username());
        assertEquals("pw", pub.password().reveal());
        assertEquals(OidcGrant.PASSWORD, pub.grant());
        assertEquals("cli", pub.clientId());
    }

    @Test
    void aUserGivenToTheClientCredentialsGrantIsNotKept() {
        OidcSettings s = clientCredentials().issuer(URI.create("https://idp.example/r"))
                .user("alice", SecretText.of("pw")).refreshToken(SecretText.of("rt")).build();
        assertNull(s.username());
        assertNull(s.password());
        assertNull(s.refreshToken(), "nor a refresh token");
        assertEquals("s3cret", s.clientSecret().reveal());
        assertEquals("client_credentials grant for client sd-api at https://idp.example/r", s.toString());
    }

    @Test
    void theScopeDefaultsToOpenidAndIsTrimmed() {
        URI issuer = URI.create("https://idp.example/r");
        assertEquals("openid", clientCredentials().issuer(issuer).build().scope());
        assertEquals("openid", clientCredentials().issuer(issuer).scope(" ").build().scope());
        assertEquals("openid profile", clientCredentials().issuer(issuer).scope(" openid profile ").build().scope());
    }

    @Test
    void anAllowedOriginGetsTheDefaultPortOfItsScheme() {
        assertEquals(URI.create("http://idp-internal.example:80"), clientCredentials()
                .issuer(URI.create("http://idp.example/r")).allowTokenEndpointOrigin(URI.create("HTTP://idp-internal.example/"))
                .build().allowedTokenEndpointOrigin());
        assertEquals(URI.create("https://idp-internal.example:8443"), clientCredentials()
                .issuer(URI.create("https://idp.example/r"))
                .allowTokenEndpointOrigin(URI.create("https://idp-internal.example:8443")).build()
                .allowedTokenEndpointOrigin());
        assertRefused(clientCredentials().issuer(URI.create("https://idp.example/r"))
                .allowTokenEndpointOrigin(URI.create("https://idp-internal.example?x=1")), "scheme, host and port only");
        assertRefused(clientCredentials().issuer(URI.create("https://idp.example/r"))
                .allowTokenEndpointOrigin(URI.create("https://idp-internal.example#f")), "scheme, host and port only");
        assertRefused(clientCredentials().issuer(URI.create("https://idp.example/r"))
                .allowTokenEndpointOrigin(URI.create("ftp://idp-internal.example")), "must be an http(s) URL");
    }

    @Test
    void urlsThatMayHoldCredentialsAreRefusedForThatReason() {
        // Typed without the scheme, or as a network path: either way it is the user information that is refused.
        for (String url : new String[] {"u:pw-in-url@idp.example/auth/realms/r", "//u:pw-in-url@idp.example/r"}) {
            assertRefused(clientCredentials().issuer(URI.create(url)), "must not contain user information");
            assertRefused(clientCredentials().tokenEndpoint(URI.create(url)), "must not contain user information");
        }
    }

    @Test
    void anHttpUrlWithoutAHostIsRefused() {
        for (String url : new String[] {"https:///realms/r", "http://under_score.example/r"}) {
            assertRefused(clientCredentials().issuer(URI.create(url)), "The OIDC issuer URL must be an http(s) URL "
                    + "with a host");
            assertRefused(clientCredentials().tokenEndpoint(URI.create(url)), "The OIDC token endpoint URL must be an "
                    + "http(s) URL with a host");
        }
    }

    @Test
    void aConfiguredClientAuthenticationMethodWithItsProofIsKept() {
        HeldCertificate rsa = new HeldCertificate.Builder().rsa2048().build();
        ClientCertificate key = ClientCertificate.of(rsa.keyPair().getPrivate(), rsa.certificate());
        URI issuer = URI.create("https://idp.example/r");
        OidcSettings.Builder password = OidcSettings.builder(OidcGrant.PASSWORD, "cli").issuer(issuer)
                .user("alice", SecretText.of("pw"));
        assertEquals(ClientAuthMethod.NONE, password.clientAuth(ClientAuthMethod.NONE).build().clientAuth());
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, password.clientAuth(ClientAuthMethod.PRIVATE_KEY_JWT)
                .clientKey(key).build().clientAuth());
        for (ClientAuthMethod m : new ClientAuthMethod[] {ClientAuthMethod.CLIENT_SECRET_BASIC,
            ClientAuthMethod.CLIENT_SECRET_POST}) {
            OidcSettings s = clientCredentials().issuer(issuer).clientAuth(m).build();
            assertEquals(m, s.clientAuth());
            assertEquals(m, s.clientAuthFor(Set.of()));
        }
        assertNull(clientCredentials().issuer(issuer).build().clientAuth(), "chosen when the token is requested");
    }

    @Test
    void aBlankAudienceOrResourceIsNoneAndOthersAreTrimmed() {
        URI issuer = URI.create("https://idp.example/r");
        OidcSettings blank = clientCredentials().issuer(issuer).audience(" ").resource("\t").build();
        assertNull(blank.audience());
        assertNull(blank.resource());
        OidcSettings none = clientCredentials().issuer(issuer).build();
        assertNull(none.audience());
        assertNull(none.resource());
        OidcSettings given = clientCredentials().issuer(issuer).audience(" seldon ").resource(" https://api ").build();
        assertEquals("seldon", given.audience());
        assertEquals("https://api", given.resource());
    }

    @Test
    void toStringNamesTheConfiguredTokenEndpoint() {
        assertEquals("client_credentials grant for client sd-api at https://idp.example/token", clientCredentials()
                .tokenEndpoint(URI.create("https://idp.example/token")).build().toString());
    }

    private static void assertRefused(OidcSettings.Builder b, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::build);
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertFalse(e.getMessage().contains("pw-in-url"), e.getMessage());
    }
}
