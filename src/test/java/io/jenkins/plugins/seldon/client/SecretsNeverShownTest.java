package io.jenkins.plugins.seldon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.client.error.InvalidRequestException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The client, through a real OIDC exchange, against an API that echoes nothing secret back by itself. */
class SecretsNeverShownTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String IRIS = API + "/namespaces/staging/seldondeployments/iris";
    private static final String SECRET = "Cl1ent-S3cret-Value";
    private static final String PASSWORD = "Us3r-Passw0rd-Value";

    private final MutableClock clock = new MutableClock(Instant.now());
    private final LocalHttpServer server = LocalHttpServer.http();
    private final FakeOidcProvider provider = new FakeOidcProvider(server, clock);
    private final HttpClientFactory http = new HttpClientFactory();
    private final TokenCache cache = new TokenCache(clock, Duration.ofSeconds(30));
    private final List<String> tokensSeen = new ArrayList<>();

    SecretsNeverShownTest() {
        provider.clientSecret = SECRET;
        provider.password = PASSWORD;
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SeldonClient client(String secret, String password) {
        return client(server.url(), provider.issuer(), secret, password);
    }

    private SeldonClient client(String apiUrl, URI issuer, String secret, String password) {
        OidcSettings s = OidcSettings.builder(OidcGrant.PASSWORD, "sd-api").issuer(issuer)
                .clientSecret(SecretText.of(secret)).user("alice", SecretText.of(password)).build();
        OidcAuthenticator auth = new OidcAuthenticator(s, TlsSettings.verify(), Duration.ofSeconds(5),
                Duration.ofSeconds(30), http, cache);
        return new SeldonClient(new ServerSettings(apiUrl), auth, http);
    }

    private void api(int status, String contentType, String body) {
        server.on(IRIS, (ex, r) -> {
            tokensSeen.add(r.authorization().substring("Bearer ".length()));
            if (status == 302) {
                ex.getResponseHeaders().set("Location", "/oauth2/start?rd=x");
            }
            LocalHttpServer.respond(ex, status, contentType, body);
        });
    }

    @Test
    void a401FromTheApiGetsAFreshTokenFromTheProvider() throws Exception {
        server.on(IRIS, (ex, r) -> {
            tokensSeen.add(r.authorization());
            LocalHttpServer.json(ex, tokensSeen.size() == 1 ? 401 : 200, "{\"metadata\":{\"name\":\"iris\"}}");
        });
        SeldonClient c = client(SECRET, PASSWORD);
        assertEquals("iris", c.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris").at("/metadata/name").asText());
        assertEquals(2, provider.tokenRequests().size());
        assertFalse(tokensSeen.get(0).equals(tokensSeen.get(1)));
        // The fresh token is cached for the next call.
        c.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris");
        assertEquals(2, provider.tokenRequests().size());
    }

    @Test
    void noMessageOrToStringShowsASecretOrToken() throws Exception {
        List<Throwable> failures = new ArrayList<>();
        failures.add(failure(() -> client("wrong-" + SECRET, PASSWORD).user()));
        failures.add(failure(() -> client(SECRET, "wrong-" + PASSWORD).user()));
        api(401, "application/json", "{\"code\":401,\"message\":\"invalid token\"}");
        failures.add(failure(() -> client(SECRET, PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));
        api(403, "application/json", "{\"code\":403,\"message\":\"forbidden\",\"requestId\":\"r\"}");
        failures.add(failure(() -> client(SECRET, PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));
        api(500, "application/json", "{\"code\":500,\"message\":\"boom\"}");
        failures.add(failure(() -> client(SECRET, PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));
        api(302, null, "");
        failures.add(failure(() -> client(SECRET, PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));
        api(404, "application/json", "{\"code\":404,\"message\":\"not found\",\"requestId\":\"r\"}");
        failures.add(failure(() -> client(SECRET, PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));
        api(409, "application/json", "{\"code\":409,\"message\":\"conflict\"}");
        failures.add(failure(() -> client(SECRET, PASSWORD).update(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris",
                Json.object(), new WriteAudit("Deployment updated", "m"))));
        api(400, "application/json", "{\"code\":400,\"message\":\"bad spec\"}");
        failures.add(failure(() -> client(SECRET, PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));
        api(200, "text/html", "<html>login</html>");
        failures.add(failure(() -> client(SECRET, PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));
        failures.add(tlsFailure());
        // No discovery document at this issuer.
        failures.add(failure(() -> client(server.url(), URI.create(provider.issuer() + "-gone"), SECRET, PASSWORD)
                .user()));
        server.close();
        failures.add(failure(() -> client(SECRET, PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris")));

        // Every exception class the client throws is represented.
        assertEquals(List.of(ProviderException.class, ProviderException.class, ApiAuthException.class,
                ApiAuthException.class, ServerErrorException.class, UnexpectedResponseException.class,
                NotFoundException.class, ConflictException.class, InvalidRequestException.class,
                UnexpectedResponseException.class, TlsException.class, ProviderException.class,
                NetworkException.class), failures.stream().map(Object::getClass).toList());
        assertFalse(tokensSeen.isEmpty());
        List<String> secrets = new ArrayList<>(List.of(SECRET, PASSWORD));
        secrets.addAll(tokensSeen);
        for (Throwable t : failures) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            for (String secret : secrets) {
                assertFalse(trace.toString().contains(secret), () -> "secret in " + trace);
            }
        }

        OidcSettings settings = OidcSettings.builder(OidcGrant.PASSWORD, "sd-api").issuer(provider.issuer())
                .clientSecret(SecretText.of(SECRET)).user("alice", SecretText.of(PASSWORD)).build();
        AuthHeader header = AuthHeader.bearer(SecretText.of(tokensSeen.get(0)), null);
        for (Object o : new Object[] {settings, header, header.value(), header.bearerToken()}) {
            for (String secret : secrets) {
                assertFalse(o.toString().contains(secret), o.toString());
            }
        }
    }

    /** A TLS handshake answered with plain HTTP. */
    private Throwable tlsFailure() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> {
                try (Socket s = plain.accept()) {
                    s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the client gave up first
                }
            });
            answer.start();
            Throwable t = failure(() -> client("https://127.0.0.1:" + plain.getLocalPort(), provider.issuer(), SECRET,
                    PASSWORD).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
            answer.join();
            return t;
        }
    }

    private static Throwable failure(Executable e) {
        SeldonException t = assertThrows(SeldonException.class, e);
        assertNotNull(t.getMessage());
        return t;
    }
}
