package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.http.AnswerLimits;
import io.jenkins.plugins.seldon.client.http.ClientCertificate;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryPolicy;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.Jwt;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the client proves its identity at the token endpoint, against the fake provider, which checks every proof. */
class ClientAuthenticationTest {

    private final MutableClock clock = new MutableClock(Instant.now());
    private final LocalHttpServer server = LocalHttpServer.http();
    private final FakeOidcProvider provider = new FakeOidcProvider(server, clock);
    // Retries without waiting, so that an outage costs the test nothing.
    private final HttpClientFactory http = new HttpClientFactory(new OkHttpClient(),
            AnswerLimits.fromSystemProperties(),
            new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)));
    private final TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));

    @AfterEach
    void stop() {
        server.close();
    }

    private OidcSettings.Builder clientCredentials() {
        return OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, provider.clientId).issuer(provider.issuer());
    }

    private AuthHeader authenticate(OidcSettings settings) throws Exception {
        return new OidcAuthenticator(settings, TlsSettings.verify(), Duration.ofSeconds(5), Duration.ofSeconds(10),
                http, cache).authenticate();
    }

    private static ClientCertificate key(HeldCertificate held) {
        return ClientCertificate.of(held.keyPair().getPrivate(), held.certificate());
    }

    @Test
    void basicSendsTheFormEncodedSecretAsHttpBasicAndNothingInTheForm() throws Exception {
        provider.clientId = "sd api:1";
        provider.clientSecret = "s3cret:with%odd+chars";
        authenticate(clientCredentials().clientSecret(SecretText.of(provider.clientSecret))
                .clientAuth(ClientAuthMethod.CLIENT_SECRET_BASIC).build());
        Map<String, String> form = provider.tokenRequests().get(0);
        assertEquals(Map.of("grant_type", "client_credentials", "scope", "openid"), form);
        String pair = "sd+api%3A1:s3cret%3Awith%25odd%2Bchars";
        assertEquals("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)),
                provider.tokenAuthorizations().get(0));
    }

    @Test
    void withASecretTheMethodFollowsWhatDiscoveryLists() throws Exception {
        OidcSettings s = clientCredentials().clientSecret(SecretText.of(provider.clientSecret)).build();
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST, s.clientAuthFor(Set.of()), "as Seldon documents it");
        assertEquals(ClientAuthMethod.CLIENT_SECRET_POST,
                s.clientAuthFor(Set.of("client_secret_basic", "client_secret_post")));
        assertEquals(ClientAuthMethod.CLIENT_SECRET_BASIC, s.clientAuthFor(Set.of("client_secret_basic",
                "private_key_jwt")));

        provider.authMethods = List.of("client_secret_basic", "private_key_jwt");
        authenticate(s);
        assertTrue(provider.tokenAuthorizations().get(0).startsWith("Basic "));
        assertFalse(provider.tokenRequests().get(0).containsKey("client_secret"));
    }

    @Test
    void onlyTheNamesOfADiscoveredListOfMethodsCount() throws Exception {
        OidcSettings s = clientCredentials().clientSecret(SecretText.of(provider.clientSecret)).build();
        // [value, whether the secret then goes as HTTP Basic]: an odd list loses the choice, never the request.
        Object[][] cases = {
            {"[7,{},null,\"client_secret_basic\"]", true},
            {"[\"client_secret_basic\",\"client_secret_post\"]", false},
            {"{\"only\":\"client_secret_basic\"}", false},
            {"\"client_secret_basic\"", false},
        };
        for (Object[] c : cases) {
            server.on(FakeOidcProvider.REALM_PATH + "/.well-known/openid-configuration", (ex, r) -> LocalHttpServer
                    .json(ex, 200, "{\"issuer\":\"" + provider.issuer() + "\",\"token_endpoint\":\""
                            + provider.tokenEndpoint() + "\",\"token_endpoint_auth_methods_supported\":" + c[0] + "}"));
            cache.clear();
            authenticate(s);
            List<String> authorizations = provider.tokenAuthorizations();
            String last = authorizations.get(authorizations.size() - 1);
            assertEquals(c[1], last.startsWith("Basic "), c[0] + ": " + last);
        }
    }

    @Test
    void aConfiguredMethodWinsOverDiscovery() throws Exception {
        provider.authMethods = List.of("client_secret_basic");
        authenticate(clientCredentials().clientSecret(SecretText.of(provider.clientSecret))
                .clientAuth(ClientAuthMethod.CLIENT_SECRET_POST).build());
        assertEquals(provider.clientSecret, provider.tokenRequests().get(0).get("client_secret"));
        assertEquals("null", provider.tokenAuthorizations().get(0));
    }

    @Test
    void aPublicClientSendsItsIdAlone() throws Exception {
        provider.publicClient = true;
        authenticate(OidcSettings.builder(OidcGrant.PASSWORD, provider.clientId).issuer(provider.issuer())
                .user(provider.username, SecretText.of(provider.password)).build());
        assertEquals(Map.of("grant_type", "password", "client_id", provider.clientId, "scope", "openid", "username",
                provider.username, "password", provider.password), provider.tokenRequests().get(0));
        assertEquals("null", provider.tokenAuthorizations().get(0));
    }

    @Test
    void privateKeyJwtSignsAShortLivedAssertionForThisTokenEndpointWithAnRsaKey() throws Exception {
        HeldCertificate held = new HeldCertificate.Builder().commonName("jenkins").rsa2048().build();
        provider.clientKey = held.keyPair().getPublic();
        authenticate(clientCredentials().clientKey(key(held)).build());

        Map<String, String> form = provider.tokenRequests().get(0);
        assertEquals(ClientAssertion.TYPE, form.get("client_assertion_type"));
        assertFalse(form.containsKey("client_secret"));
        Jwt assertion = Jwt.parse(form.get("client_assertion"));
        assertTrue(assertion.verifyRs256(held.keyPair().getPublic()));
        assertEquals("RS256", assertion.header().path("alg").asText());
        byte[] sha1 = MessageDigest.getInstance("SHA-1").digest(held.certificate().getEncoded());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(sha1),
                assertion.header().path("x5t").asText(), "the certificate's thumbprint, as Entra ID requires");
        ObjectNode claims = assertion.payload();
        assertEquals(provider.clientId, claims.path("iss").asText());
        assertEquals(provider.clientId, claims.path("sub").asText());
        assertEquals(provider.tokenEndpoint().toString(), claims.path("aud").asText());
        assertEquals(clock.instant().getEpochSecond(), claims.path("iat").asLong());
        assertEquals(60, claims.path("exp").asLong() - claims.path("iat").asLong());
    }

    @Test
    void privateKeyJwtSignsEs256WithAnEcKey() throws Exception {
        HeldCertificate held = new HeldCertificate.Builder().commonName("jenkins").ecdsa256().build();
        provider.clientKey = held.keyPair().getPublic();
        authenticate(clientCredentials().clientKey(key(held)).build());
        Jwt assertion = Jwt.parse(provider.tokenRequests().get(0).get("client_assertion"));
        assertEquals("ES256", assertion.header().path("alg").asText());
        assertEquals(64, Base64.getUrlDecoder().decode(provider.tokenRequests().get(0).get("client_assertion")
                .split("\\.")[2]).length, "R and S of 32 bytes each");
        assertTrue(assertion.verifyEs256(held.keyPair().getPublic()));
    }

    @Test
    void eachAttemptSignsANewAssertion() throws Exception {
        HeldCertificate held = new HeldCertificate.Builder().rsa2048().build();
        provider.clientKey = held.keyPair().getPublic();
        provider.outages.set(2);
        authenticate(clientCredentials().clientKey(key(held)).build());
        List<Map<String, String>> requests = provider.tokenRequests();
        assertEquals(3, requests.size(), "two outages, then the token");
        assertEquals(3, requests.stream().map(r -> Jwt.parse(r.get("client_assertion")).payload().path("jti")
                .asText()).distinct().count(), "a provider refuses an assertion it has seen");
    }

    @Test
    void aKeyTheProviderDoesNotKnowIsInvalidClientNamingTheCertificate() throws Exception {
        HeldCertificate registered = new HeldCertificate.Builder().rsa2048().build();
        HeldCertificate other = new HeldCertificate.Builder().commonName("other-key").rsa2048().build();
        provider.clientKey = registered.keyPair().getPublic();
        authenticate(clientCredentials().clientKey(key(registered)).build());
        ProviderException e = assertThrows(ProviderException.class,
                () -> authenticate(clientCredentials().clientKey(key(other)).build()));
        assertEquals("invalid_client", e.error());
        assertTrue(e.getMessage().contains("CN=other-key (SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().contains("Signed JWT"), e.getMessage());
        assertEquals(2, provider.tokenRequests().size(), "another key never gets the cached token of the first");
    }

    @Test
    void audienceAndResourceAreSentWhenGiven() throws Exception {
        authenticate(clientCredentials().clientSecret(SecretText.of(provider.clientSecret))
                .audience(" https://seldon.example.com ").resource("api://seldon").scope("openid groups").build());
        Map<String, String> form = provider.tokenRequests().get(0);
        assertEquals("https://seldon.example.com", form.get("audience"));
        assertEquals("api://seldon", form.get("resource"));
        assertEquals("openid groups", form.get("scope"));
    }

    @Test
    void anotherAudienceIsAnotherToken() throws Exception {
        OidcSettings.Builder b = clientCredentials().clientSecret(SecretText.of(provider.clientSecret));
        AuthHeader first = authenticate(b.build());
        AuthHeader forSeldon = authenticate(b.audience("seldon").build());
        assertNotEquals(first.value(), forSeldon.value());
        assertEquals(forSeldon.value(), authenticate(b.audience("seldon").build()).value());
        assertEquals(2, provider.tokenRequests().size());
    }

    @Test
    void methodNamesAreTheStandardOnes() {
        assertEquals(ClientAuthMethod.PRIVATE_KEY_JWT, ClientAuthMethod.ofWireName(" Private_Key_JWT "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ClientAuthMethod.ofWireName("tls_client_auth"));
        assertTrue(e.getMessage().contains("client_secret_post, client_secret_basic, private_key_jwt or none"),
                e.getMessage());
    }

    @Test
    void concatenatedEcdsaSignaturesAreFixedSize() throws Exception {
        // SEQUENCE { INTEGER 0x00 0x80 (sign byte), INTEGER 0x01 }: R padded to 32 bytes, S right-aligned.
        byte[] der = {0x30, 0x07, 0x02, 0x02, 0x00, (byte) 0x80, 0x02, 0x01, 0x01};
        byte[] jose = ClientAssertion.concatenated(der, 256);
        assertEquals(64, jose.length);
        assertEquals((byte) 0x80, jose[31]);
        assertEquals(1, jose[63]);
        assertThrows(java.security.GeneralSecurityException.class,
                () -> ClientAssertion.concatenated(new byte[] {0x31, 0, 0, 0, 0, 0, 0, 0}, 256));
    }
}
