package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.error.ApiAuthException;
import io.jenkins.plugins.seldon.client.error.ApiException;
import io.jenkins.plugins.seldon.client.error.ConflictException;
import io.jenkins.plugins.seldon.client.error.InvalidRequestException;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a failed call tells its user, word for word: what failed, what to check, the server's own message and request
 * id when it sent them, and nothing made up when it did not; for the API and for the cluster's inference endpoint.
 */
class FailureMessagesTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String NS = API + "/namespaces/staging";
    private static final String IRIS = NS + "/seldondeployments/iris";
    private static final String INFER = "/v2/models/iris/infer";
    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;
    private static final String HEALTH = "; check the health of the Seldon Enterprise Platform installation.";

    private final LocalHttpServer server = LocalHttpServer.http();
    private final HttpClientFactory http = TestHttp.factory();
    private final CountingAuthenticator auth = new CountingAuthenticator();
    private final ServerVersions versions = new ServerVersions(MutableClock.startingNow(), Duration.ofMinutes(10));

    @AfterEach
    void stop() {
        server.close();
    }

    private SeldonClient client() {
        return client(auth);
    }

    private SeldonClient client(RequestAuthenticator authenticator) {
        return new SeldonClient(new ServerSettings(server.url()), authenticator, http, versions);
    }

    private void answer(String path, int status, String contentType, String body) {
        server.on(path, (ex, r) -> LocalHttpServer.respond(ex, status, contentType, body));
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parseOrNull(text.replace('\'', '"'));
    }

    private static <T extends Exception> T fails(Class<T> type, Executable call) {
        return assertThrows(type, call);
    }

    private String get() {
        return "GET " + server.url() + IRIS;
    }

    @Test
    void aTextThatIsNoJsonIsQuotedAsTheServersMessage() {
        server.on(IRIS, (ex, r) -> {
            ex.getResponseHeaders().set("X-Request-Id", "envoy-7");
            LocalHttpServer.respond(ex, 500, "text/plain", "  upstream connect error or disconnect\n");
        });
        ServerErrorException e = fails(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals("upstream connect error or disconnect", e.serverMessage());
        assertEquals("envoy-7", e.requestId());
        assertEquals("Seldon API call " + get() + " failed: HTTP 500. The server failed" + HEALTH
                + " Server message: upstream connect error or disconnect (request id envoy-7)", e.getMessage());
    }

    /** JSON without a message, and empty or blank bodies: no "Server message", no request id made up. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "application/json | {\"code\":500,\"detail\":\"boom\"}",
        "application/json | {\"message\":\"\",\"error\":\" \"}",
        "application/json | ''",
        "text/plain       | '  \t '",
        "application/json | {\"message\":42}",
    })
    void nothingIsQuotedWhenTheServerSaysNothingUsable(String contentType, String body) {
        answer(IRIS, 500, contentType, body);
        ServerErrorException e = fails(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertNull(e.serverMessage());
        assertNull(e.requestId());
        assertEquals("Seldon API call " + get() + " failed: HTTP 500. The server failed" + HEALTH, e.getMessage());
    }

    @Test
    void aLongServerMessageIsCutAt500Characters() {
        String exact = "x".repeat(500);
        answer(IRIS, 500, "application/json", "{\"message\":\"" + exact + "\"}");
        assertEquals(exact, fails(ServerErrorException.class, () -> client().get(SD, "staging", "iris"))
                .serverMessage());
        answer(IRIS, 500, "application/json", "{\"message\":\"" + exact + "yz\"}");
        ServerErrorException cut = fails(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertEquals(exact + "...", cut.serverMessage());
        assertTrue(cut.getMessage().endsWith(" Server message: " + exact + "..."), cut.getMessage());
    }

    @Test
    void from500TheServerFailedAndBelowItRefused() {
        answer(IRIS, 500, "application/json", "{\"message\":\"git push failed\"}");
        assertTrue(fails(ServerErrorException.class, () -> client().get(SD, "staging", "iris")).getMessage()
                .contains("failed: HTTP 500. The server failed" + HEALTH + " Server message: git push failed"));
        answer(IRIS, 499, "application/json", "{\"message\":\"client closed request\"}");
        assertTrue(fails(ServerErrorException.class, () -> client().get(SD, "staging", "iris")).getMessage()
                .contains("failed: HTTP 499. The server refused the request" + HEALTH));
    }

    /** By its content type, whatever the body starts with; or by a body that starts as markup and claims no JSON. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "text/html             | Service temporarily unavailable",
        "application/xhtml+xml | Service temporarily unavailable",
        "text/plain            | '  <html><body>Service temporarily unavailable</body></html>'",
    })
    void anHtmlPageIsNamedNeverQuoted(String contentType, String body) {
        answer(IRIS, 500, contentType, body);
        ServerErrorException e = fails(ServerErrorException.class, () -> client().get(SD, "staging", "iris"));
        assertNull(e.serverMessage());
        assertEquals("Seldon API call " + get() + " failed: HTTP 500. The server failed and answered with an HTML page"
                + " (probably from a proxy or gateway)" + HEALTH, e.getMessage());

        answer(IRIS, 200, contentType, body);
        UnexpectedResponseException page = fails(UnexpectedResponseException.class,
                () -> client().get(SD, "staging", "iris"));
        assertEquals("The Seldon API answered " + get() + " with an HTML page instead of JSON. Check the API URL, and"
                + " whether a login page or proxy answers in its place.", page.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"text/plain | hello", "application/json | <html>not json</html>"})
    void anAnswerThatIsNeitherJsonNorHtmlSaysWhatItIs(String contentType, String body) {
        answer(IRIS, 200, contentType, body);
        UnexpectedResponseException e = fails(UnexpectedResponseException.class,
                () -> client().get(SD, "staging", "iris"));
        assertEquals("The answer of the Seldon API to " + get() + " is not a JSON object (content type '" + contentType
                + "'). Check the API URL.", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {300, 302})
    void aRedirectSaysWhereItPoints(int status) {
        server.on(IRIS, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "https://ml.example.com/elsewhere?x=1");
            LocalHttpServer.respond(ex, status, null, "");
        });
        UnexpectedResponseException e = fails(UnexpectedResponseException.class,
                () -> client().get(SD, "staging", "iris"));
        assertEquals(status, e.status());
        assertEquals("The Seldon API redirected " + get() + " (HTTP " + status + ") to https://ml.example.com/elsewhere."
                + " Check the API URL; it must point at the API itself, e.g. https://<host>" + API + ".", e.getMessage());
    }

    @Test
    void theInferenceEndpointsFailuresPointAtTheInferenceUrl() {
        String where = "POST " + server.url() + INFER;
        answer(INFER, 200, "text/html", "<html>Sign in</html>");
        assertEquals("The inference endpoint answered " + where + " with an HTML page instead of JSON. Check the"
                + " inference URL, and whether a login page or proxy answers in its place.",
                fails(UnexpectedResponseException.class, this::infer).getMessage());

        answer(INFER, 404, "text/html", "<html>Not Found</html>");
        assertEquals("Seldon inference call " + where + " failed: HTTP 404. The server answered with an HTML page:"
                + " check the inference URL of the server's configuration.",
                fails(UnexpectedResponseException.class, this::infer).getMessage());

        answer(INFER, 404, "application/json", "{\"message\":\"no model\"}");
        assertEquals("Seldon inference call " + where + " failed: HTTP 404. Not found: check the inference URL and that"
                + " the model or pipeline is deployed. Server message: no model",
                fails(NotFoundException.class, this::infer).getMessage());

        answer(INFER, 400, "application/json", "{\"message\":\"shape mismatch\"}");
        assertEquals("Seldon inference call " + where + " failed: HTTP 400. The inference endpoint rejected the"
                + " request as invalid; check what was sent. Server message: shape mismatch",
                fails(InvalidRequestException.class, this::infer).getMessage());

        // The Open Inference Protocol's error body; a blank message says nothing.
        answer(INFER, 400, "application/json", "{\"message\":\" \",\"error\":\"Input 'x' has wrong shape\"}");
        assertTrue(fails(InvalidRequestException.class, this::infer).getMessage()
                .endsWith("check what was sent. Server message: Input 'x' has wrong shape"));
        answer(INFER, 400, "application/json", "{\"message\":\"\"}");
        assertTrue(fails(InvalidRequestException.class, this::infer).getMessage().endsWith("check what was sent."));

        server.on(INFER, (ex, r) -> {
            ex.getResponseHeaders().set("Location", "https://ml.example.com/v2/other");
            LocalHttpServer.respond(ex, 307, null, "");
        });
        assertEquals("The inference endpoint redirected " + where + " (HTTP 307) to https://ml.example.com/v2/other."
                + " Check the inference URL of the server's configuration.",
                fails(UnexpectedResponseException.class, this::infer).getMessage());
    }

    private void infer() throws Exception {
        client().infer(URI.create(server.url()), "iris", Map.of(), json("{'inputs':[]}"), null);
    }

    @Test
    void whatIsMissingIsNamedAsTheRequestAddressesIt() {
        versions.store(new ServerSettings(server.url()).apiUrl(), new ServerVersion(2, 4, 0));
        String notFound = "{\"code\":404,\"message\":\"not found\"}";
        answer(NS + "/seldondeployments", 404, "application/json", notFound);
        answer(NS + "/pipelines/main/experiment", 404, "application/json", notFound);
        answer(NS + "/pipelines/main/experiment/shadow", 404, "application/json", notFound);
        answer(NS + "/pipelines/main/experiment/canary", 404, "application/json", notFound);

        assertTrue(fails(NotFoundException.class, () -> client().list(SD, "staging")).getMessage()
                .contains("failed: HTTP 404. Not found: check the API URL. Server message: not found"));
        String pipeline = "failed: HTTP 404. Pipeline 'main' in namespace 'staging' does not exist.";
        assertTrue(fails(NotFoundException.class, () -> client().create(ResourceKind.EXPERIMENT, "staging",
                json("{'kind':'Experiment','metadata':{'name':'ab'},'spec':{'default':'main'}}"), WriteAudit.NONE))
                .getMessage().contains(pipeline));
        assertTrue(fails(NotFoundException.class, () -> client().startShadow("staging", "main", WriteAudit.NONE))
                .getMessage().contains(pipeline));
        assertTrue(fails(NotFoundException.class, () -> client().startCanary("staging", "main", 5, WriteAudit.NONE))
                .getMessage().contains(pipeline));
    }

    /** A list or a failure without a message is no answer about a named resource: the server failed. */
    @Test
    void onlyAFailureSayingNotFoundAboutANamedResourceMeansItIsAbsent() {
        answer(NS + "/seldondeployments", 500, "application/json",
                "{\"code\":500,\"message\":\"namespaces \\\"staging\\\" not found\"}");
        assertEquals(500, fails(ServerErrorException.class, () -> client().list(SD, "staging")).status());
        answer(IRIS, 500, "application/json", "");
        assertEquals(500, fails(ServerErrorException.class, () -> client().get(SD, "staging", "iris")).status());
        answer(IRIS, 424, "application/json", "{\"message\":\"seldondeployments \\\"iris\\\" not found\"}");
        assertEquals(424, fails(NotFoundException.class, () -> client().get(SD, "staging", "iris")).status());
        // Deleting a load test or a monitor of a deployment that is gone.
        server.onPrefix(IRIS + "/", (ex, r) -> LocalHttpServer.json(ex, 500,
                "{\"message\":\"seldondeployments \\\"iris\\\" not found\"}"));
        assertTrue(fails(NotFoundException.class, () -> client().deleteLoadTest(SD, "staging", "iris", "job-1"))
                .getMessage().contains("HTTP 500. SeldonDeployment 'iris' in namespace 'staging' does not exist."));
        assertTrue(fails(NotFoundException.class, () -> client().deleteMonitor(SD, "staging", "iris",
                Monitor.DRIFT_DETECTOR, "drift")).getMessage().contains("HTTP 500. SeldonDeployment 'iris' in namespace"
                + " 'staging' does not exist."));
    }

    @Test
    void aRefusedTokenSaysWhetherANewOneWasTried() {
        answer(API + "/user", 401, "application/json", "{\"message\":\"invalid token\"}");
        ApiAuthException renewed = fails(ApiAuthException.class, () -> client().user());
        assertTrue(renewed.getMessage().contains("failed: HTTP 401. The API did not accept the token of test principal,"
                + " even after getting a new one. Check that the API accepts the credentials of test principal."
                + " Server message: invalid token"), renewed.getMessage());

        RequestAuthenticator fixed = new RequestAuthenticator() {
            @Override
            public AuthHeader authenticate() {
                return AuthHeader.bearer(SecretText.of("fixed"), null);
            }

            @Override
            public void invalidate(AuthHeader rejected) {
            }

            @Override
            public boolean renews() {
                return false;
            }

            @Override
            public String whenRefused() {
                return "Issue a new token.";
            }

            @Override
            public String describe() {
                return "the pre-issued token";
            }
        };
        ApiAuthException once = fails(ApiAuthException.class, () -> client(fixed).user());
        assertTrue(once.getMessage().contains("failed: HTTP 401. The API did not accept the token of the pre-issued"
                + " token. Issue a new token. Server message: invalid token"), once.getMessage());
    }

    @Test
    void aForbiddenRequestNamesTheNamespaceOnlyWhenThereIsOne() {
        answer(API + "/user", 403, "application/json", "{}");
        assertTrue(fails(ApiAuthException.class, () -> client().user()).getMessage().endsWith("failed: HTTP 403. The"
                + " principal test principal is not allowed to do this. Check its permissions in Seldon Enterprise"
                + " Platform."));
    }

    @Test
    void aConflictOverAResourceWithoutANameIsAboutTheResource() {
        answer(NS + "/seldondeployments", 409, "application/json", "{}");
        assertTrue(fails(ConflictException.class, () -> client().create(SD, "staging", json("{'kind':'SeldonDeployment',"
                + "'metadata':{'generateName':'iris-'}}"), WriteAudit.NONE)).getMessage().endsWith("failed: HTTP 409."
                + " The resource was changed by someone else, or already exists. Read it again and retry."));
    }

    /** Only the requests that send a manifest point at it. */
    @Test
    void anInvalidRequestPointsAtTheManifestOnlyWhereOneWasSent() {
        server.onPrefix(API, (ex, r) -> LocalHttpServer.json(ex, 400, "{\"message\":\"bad\"}"));
        String manifest = "The API rejected the request as invalid; check the manifest. Server message: bad";
        String sent = "The API rejected the request as invalid; check what was sent. Server message: bad";
        ObjectNode sd = json("{'kind':'SeldonDeployment','metadata':{'name':'iris'}}");

        assertInvalid(manifest, () -> client().create(SD, "staging", sd, WriteAudit.NONE));
        assertInvalid(manifest, () -> client().update(SD, "staging", "iris", sd, WriteAudit.NONE));
        assertInvalid(manifest, () -> client().validate("staging", sd));
        assertInvalid(sent, () -> client().get(SD, "staging", "iris"));
        assertInvalid(sent, () -> client().list(SD, "staging"));
        assertInvalid(sent, () -> client().delete(SD, "staging", "iris", WriteAudit.NONE));
        assertInvalid(sent, () -> client().createBatchJob(SD, "staging", "iris", json("{}")));
        assertInvalid(sent, () -> client().user());
    }

    private static void assertInvalid(String expected, Executable call) {
        ApiException e = assertThrows(InvalidRequestException.class, call);
        assertTrue(e.getMessage().endsWith("failed: HTTP 400. " + expected), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
    }
}
