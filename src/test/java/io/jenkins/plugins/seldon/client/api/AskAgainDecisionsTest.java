package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.error.ApiException;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.ProviderException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.client.error.UnsupportedVersionException;
import io.jenkins.plugins.seldon.client.http.AnswerLimits;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryListener.Retry;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * When the client asks again, and when it remembers instead: the server's version is remembered once the server
 * answered, whatever it answered, but not after a failure that says nothing about it; a host that cannot be found is
 * not looked up again; only a redirect to a login page counts as an expired session.
 */
class AskAgainDecisionsTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String VERSION = API + "/version";
    private static final String MAIN = API + "/namespaces/staging/pipelines/main";
    private static final String IRIS = API + "/namespaces/staging/seldondeployments/iris";

    private final LocalHttpServer server = LocalHttpServer.http();
    private final CountingAuthenticator auth = new CountingAuthenticator();
    private final ServerVersions versions = new ServerVersions(MutableClock.startingNow(), Duration.ofMinutes(10));
    private final List<Retry> retries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        server.close();
    }

    private SeldonClient client(RequestAuthenticator authenticator) {
        return new SeldonClient(new ServerSettings(server.url()), authenticator, TestHttp.factory(), versions);
    }

    /** Fails its first token request, as a provider that cannot be reached for a moment, then hands out tokens. */
    private final class FailingOnce implements RequestAuthenticator {
        private final AtomicBoolean failed = new AtomicBoolean();

        @Override
        public AuthHeader authenticate() throws SeldonException, InterruptedException {
            if (failed.compareAndSet(false, true)) {
                throw new ProviderException("The provider failed for now", 503, null, null, "token endpoint");
            }
            return auth.authenticate();
        }

        @Override
        public void invalidate(AuthHeader rejected) {
            auth.invalidate(rejected);
        }

        @Override
        public String describe() {
            return "failing once";
        }
    }

    @Test
    void aVersionIsReadAgainWhenNoTokenCouldBeHadToReadIt() throws Exception {
        server.on(VERSION, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"BuildVersion\":\"1.7.1\"}"));
        server.on(MAIN, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"metadata\":{\"name\":\"main\"}}"));
        SeldonClient client = client(new FailingOnce());

        // The version could not be read: the server decides.
        assertEquals("main", client.get(ResourceKind.PIPELINE, "staging", "main").at("/metadata/name").asText());
        assertThrows(UnsupportedVersionException.class, () -> client.get(ResourceKind.PIPELINE, "staging", "main"));
        assertEquals(1, server.hits(VERSION));
        assertEquals(1, server.hits(MAIN));
    }

    @Test
    void aVersionAnswerThatIsNoJsonIsRememberedAsUnknown() throws Exception {
        server.on(VERSION, (ex, r) -> LocalHttpServer.respond(ex, 200, "text/html", "<html>Seldon Deploy</html>"));
        server.on(MAIN, (ex, r) -> LocalHttpServer.json(ex, 200, "{}"));
        SeldonClient client = client(auth);
        client.get(ResourceKind.PIPELINE, "staging", "main");
        client.get(ResourceKind.PIPELINE, "staging", "main");
        assertEquals(1, server.hits(VERSION));
        assertEquals(2, server.hits(MAIN));
    }

    /** A configuration error, not a passing fault: asking again only makes the user wait. */
    @Test
    void aHostThatCannotBeFoundIsNotLookedUpAgain() {
        AtomicInteger lookups = new AtomicInteger();
        OkHttpClient noDns = new OkHttpClient.Builder().dns(host -> {
            lookups.incrementAndGet();
            throw new UnknownHostException(host);
        }).build();
        SeldonClient client = new SeldonClient(new ServerSettings("https://seldon.example.invalid"), auth,
                new HttpClientFactory(noDns, AnswerLimits.fromSystemProperties(), TestHttp.FAST_RETRIES), retries::add);
        NetworkException e = assertThrows(NetworkException.class,
                () -> client.get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
        assertEquals(NetworkException.Reason.UNKNOWN_HOST, e.reason());
        assertEquals(1, lookups.get());
        assertTrue(retries.isEmpty(), retries.toString());
    }

    /**
     * A gateway sends a request whose session expired to its login page with a redirect: the client then gets new
     * credentials and asks once more. A Location header on any other answer is no such redirect.
     */
    @ParameterizedTest
    @CsvSource({
        "302, , 2",
        "300, , 2",
        "200, text/html, 1",
        "400, application/json, 1",
        "403, application/json, 1",
    })
    void onlyARedirectToALoginPageMeansTheSessionExpired(int status, String contentType, int requests) {
        server.on(IRIS, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "https://sso.example.com/realms/ml/protocol/openid-connect/auth");
            LocalHttpServer.respond(ex, status, contentType, contentType == null ? "" : "<html>Sign in</html>");
        });
        SeldonException e = assertThrows(SeldonException.class,
                () -> client(auth).get(ResourceKind.SELDON_DEPLOYMENT, "staging", "iris"));
        assertTrue(e instanceof UnexpectedResponseException || e instanceof ApiException, e.toString());
        assertEquals(requests, server.hits(IRIS));
        assertEquals(requests, auth.issued());
    }
}
