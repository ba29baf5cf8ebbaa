package io.jenkins.plugins.seldon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.ClientAuthMethod;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.Jwt;
import io.jenkins.plugins.seldon.testing.Keycloak;
import io.jenkins.plugins.seldon.testing.KeycloakExtension;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.OidcProvider;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every way of authenticating at the token endpoint, and offline tokens, against the real Keycloak the tests start
 * (its realms hold a public client, clients with the "Signed JWT" authenticator, and a realm that revokes used refresh
 * tokens), with the fake API checking each token's signature with Keycloak's published keys.
 */
@ExtendWith(KeycloakExtension.class)
class KeycloakAuthMethodsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final OidcProvider provider;
    private final HttpClientFactory http = new HttpClientFactory();
    private FakeSeldonApi api;

    KeycloakAuthMethodsTest(OidcProvider provider) {
        this.provider = provider;
    }

    @BeforeEach
    void startApi() throws Exception {
        api = FakeSeldonApi.start(provider.verifier(MutableClock.startingNow()));
    }

    @AfterEach
    void stopApi() {
        api.close();
    }

    private OidcAuthenticator authenticator(OidcSettings settings, TokenCache cache) {
        return new OidcAuthenticator(settings, TlsSettings.verify(), TIMEOUT, TIMEOUT, http, cache);
    }

    /** Who the API says the token belongs to, after checking it. */
    private String whoAmI(OidcSettings settings) throws Exception {
        SeldonClient client = new SeldonClient(new ServerSettings(api.baseUrl().toString()),
                authenticator(settings, new TokenCache()), http);
        client.list(ResourceKind.SELDON_DEPLOYMENT, "staging");
        return client.user().path("Id").asText();
    }

    private static ClientCertificate key(HeldCertificate held) {
        return ClientCertificate.of(held.keyPair().getPrivate(), held.certificate());
    }

    @Test
    void clientSecretBasic() throws Exception {
        provider.requireKeycloak("The service account's name");
        assertEquals("service-account-" + Keycloak.CLIENT_ID, whoAmI(provider.settings(OidcGrant.CLIENT_CREDENTIALS)
                .clientAuth(ClientAuthMethod.CLIENT_SECRET_BASIC).build()));
    }

    @Test
    void aPublicClientWithThePasswordGrant() throws Exception {
        provider.requireKeycloak("A public client");
        assertEquals(Keycloak.USERNAME, whoAmI(OidcSettings.builder(OidcGrant.PASSWORD, Keycloak.PUBLIC_CLIENT_ID)
                .issuer(provider.issuer()).user(provider.username(), provider.password()).build()));
    }

    @Test
    void privateKeyJwtWithAnRsaKey() throws Exception {
        Keycloak kc = provider.requireKeycloak("A client with the Signed JWT authenticator");
        assertEquals("service-account-" + Keycloak.JWT_CLIENT_ID, whoAmI(OidcSettings.builder(
                OidcGrant.CLIENT_CREDENTIALS, Keycloak.JWT_CLIENT_ID).issuer(provider.issuer())
                .clientKey(key(kc.rsaClientKey())).build()));
    }

    @Test
    void privateKeyJwtWithAnEcKeyAndThePasswordGrant() throws Exception {
        Keycloak kc = provider.requireKeycloak("A client with the Signed JWT authenticator");
        assertEquals(Keycloak.USERNAME, whoAmI(OidcSettings.builder(OidcGrant.PASSWORD, Keycloak.JWT_EC_CLIENT_ID)
                .issuer(provider.issuer()).clientKey(key(kc.ecClientKey()))
                .user(provider.username(), provider.password()).build()));
    }

    @Test
    void aKeyKeycloakDoesNotHoldForTheClientIsInvalidClient() {
        provider.requireKeycloak("A client with the Signed JWT authenticator");
        HeldCertificate stranger = new HeldCertificate.Builder().commonName("stranger").rsa2048().build();
        ProviderException e = assertThrows(ProviderException.class, () -> authenticator(OidcSettings.builder(
                OidcGrant.CLIENT_CREDENTIALS, Keycloak.JWT_CLIENT_ID).issuer(provider.issuer())
                .clientKey(key(stranger)).build(), null).authenticate());
        assertEquals("invalid_client", e.error(), e.getMessage());
        assertTrue(e.getMessage().contains("CN=stranger"), e.getMessage());
        assertTrue(api.requests().isEmpty());
    }

    @Test
    void anOfflineTokenGetsIdTokensOfThePersonWhoObtainedIt() throws Exception {
        provider.requireKeycloak("Offline tokens of the test user");
        String offline = offlineToken(provider.issuer());
        assertEquals("Offline", Jwt.parse(offline).payload().path("typ").asText());
        OidcSettings settings = provider.settings(OidcGrant.REFRESH_TOKEN).refreshToken(SecretText.of(offline))
                .build();
        assertEquals(Keycloak.USERNAME, whoAmI(settings));
        AuthHeader header = authenticator(settings, null).authenticate();
        JsonNode claims = Jwt.parse(header.bearerToken().reveal()).payload();
        assertEquals("ID", claims.path("typ").asText(), "the id_token, as Seldon expects");
        assertTrue(claims.path("groups").toString().contains("deployers"), claims.toString());
    }

    /**
     * In a realm that revokes a refresh token once used (and ends the session when one is used twice), each refresh
     * must use the token the one before returned; after a restart the stored token has been used, and the refusal says
     * what to change.
     */
    @Test
    void whereUsedRefreshTokensAreRevokedTheNewestIsUsedAndARestartIsExplained() throws Exception {
        Keycloak kc = provider.requireKeycloak("The realm that revokes used refresh tokens");
        URI issuer = kc.issuer(Keycloak.ROTATING_REALM);
        String offline = offlineToken(issuer);
        // Keycloak tells a used token from a newer one by its issue time in whole seconds: refreshing within the
        // second the token was issued would leave it usable.
        Thread.sleep(1100);
        OidcSettings settings = OidcSettings.builder(OidcGrant.REFRESH_TOKEN, Keycloak.CLIENT_ID).issuer(issuer)
                .clientSecret(SecretText.of(Keycloak.CLIENT_SECRET)).refreshToken(SecretText.of(offline)).build();
        TokenCache running = new TokenCache();
        OidcAuthenticator auth = authenticator(settings, running);
        AuthHeader first = auth.authenticate();
        auth.invalidate(first);
        AuthHeader second = auth.authenticate();
        assertNotEquals(first.value(), second.value());

        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticator(settings, new TokenCache()).authenticate());
        assertEquals("invalid_grant", e.error(), e.getMessage());
        assertTrue(e.getMessage().contains("\"Revoke Refresh Token\" off"), e.getMessage());
        assertFalse(e.getMessage().contains(offline), e.getMessage());
    }

    /** What a person does once, here with the password grant (the README shows the authorization code flow). */
    private String offlineToken(URI issuer) throws Exception {
        Map<String, String> form = Map.of("grant_type", "password", "client_id", Keycloak.CLIENT_ID,
                "client_secret", Keycloak.CLIENT_SECRET, "username", Keycloak.USERNAME, "password", Keycloak.PASSWORD,
                "scope", "openid offline_access");
        String body = form.entrySet().stream().map(en -> URLEncoder.encode(en.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(en.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return Json.parseOrNull(answer.body()).path("refresh_token").asText();
    }
}
