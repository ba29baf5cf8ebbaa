package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.error.ServerErrorException;
import io.jenkins.plugins.seldon.client.error.UnsupportedRequestException;
import io.jenkins.plugins.seldon.client.error.UnsupportedVersionException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests of operating what is deployed, against a local server that answers what each test scripts: the GET
 * with a body that validation sends through the JDK's client, the release checks of what came with 2.1, empty and
 * untyped answers, the cluster's inference endpoint, and calls of any path.
 */
class OperateClientTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String NS = API + "/namespaces/staging";
    private static final String VERSION = API + "/version";

    private LocalHttpServer server = LocalHttpServer.http();
    private final HttpClientFactory http = new HttpClientFactory();
    private final CountingAuthenticator auth = new CountingAuthenticator();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final ServerVersions versions = new ServerVersions(clock, Duration.ofMinutes(10));

    @AfterEach
    void stop() {
        server.close();
    }

    private SeldonClient client(TlsSettings tls) {
        Duration timeout = Duration.ofSeconds(10);
        return new SeldonClient(new ServerSettings(server.url(), tls, timeout, timeout), auth, http, versions);
    }

    private SeldonClient client() {
        return client(TlsSettings.verify());
    }

    private void answer(String path, int status, String body) {
        server.on(path, (ex, r) -> LocalHttpServer.json(ex, status, body));
    }

    private List<String> requests() {
        return server.requests().stream().map(r -> r.method() + " " + r.path().substring(r.path().startsWith(API)
                ? API.length() : 0) + (r.rawQuery() == null ? "" : "?" + r.rawQuery())).toList();
    }

    private static ObjectNode json(String text) {
        return (ObjectNode) Json.parseOrNull(text.replace('\'', '"'));
    }

    @Test
    void validationSendsTheManifestAsTheBodyOfAGet() throws Exception {
        answer(NS + "/seldondeployments/validate", 200, "{\"code\":200,\"message\":\"valid\"}");
        ObjectNode manifest = FakeSeldonApi.deployment("iris", "gs://m/1");

        ObjectNode answer = client().validate("staging", manifest);

        assertEquals("valid", answer.path("message").asText());
        LocalHttpServer.Recorded sent = server.requests().get(0);
        assertEquals("GET", sent.method());
        assertEquals(manifest, Json.parseOrNull(sent.body()));
        assertEquals("Bearer token-1", sent.authorization());
    }

    @Test
    void aRefusedValidationIsReportedWithTheServersMessage() throws Exception {
        answer(NS + "/seldondeployments/validate", 500,
                "{\"code\":500,\"message\":\"duplicate predictor name default\",\"requestId\":\"r-9\"}");

        ServerErrorException e = assertThrows(ServerErrorException.class,
                () -> client().validate("staging", FakeSeldonApi.deployment("iris", "gs://m/1")));

        assertTrue(e.getMessage().startsWith("Seldon API call GET " + server.url() + NS + "/seldondeployments/validate"
                + " failed: HTTP 500."), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate predictor name default (request id r-9)"), e.getMessage());
    }

    @Test
    void validationTrustsTheServersExtraCaThroughTheJdkClient() throws Exception {
        HeldCertificate root = new HeldCertificate.Builder().certificateAuthority(0).commonName("Test CA").build();
        HeldCertificate cert = new HeldCertificate.Builder().signedBy(root).commonName("127.0.0.1")
                .addSubjectAlternativeName("127.0.0.1").build();
        server.close();
        server = LocalHttpServer.https(new HandshakeCertificates.Builder().heldCertificate(cert, root.certificate())
                .build().sslContext());
        answer(NS + "/seldondeployments/validate", 200, "{\"code\":200,\"message\":\"valid\"}");

        assertEquals("valid", client(TlsSettings.withExtraCa(root.certificatePem()))
                .validate("staging", FakeSeldonApi.deployment("iris", "gs://m/1")).path("message").asText());

        // Without the CA the JDK client does not trust the server either.
        IOException untrusted = assertThrows(IOException.class, () -> client()
                .validate("staging", FakeSeldonApi.deployment("iris", "gs://m/1")));
        assertTrue(untrusted.getMessage().contains("not trusted") || untrusted.getMessage().contains("TLS"),
                untrusted.getMessage());
    }

    @Test
    void validationRefusesAServerWhoseTlsVerificationIsOffBeforeSendingAnything() {
        UnsupportedRequestException e = assertThrows(UnsupportedRequestException.class,
                () -> client(TlsSettings.insecure()).validate("staging", FakeSeldonApi.deployment("iris", "gs://m")));

        assertTrue(e.getMessage().contains("cannot skip TLS verification for one server"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
        assertTrue(server.requests().isEmpty());
        assertEquals(0, auth.issued(), "no token was even fetched");
    }

    @Test
    void revertAndRestoreNeedRelease21AndSayWhatTheServerRuns() throws Exception {
        answer(VERSION, 200, "{\"BuildVersion\":\"2.0.3\"}");

        UnsupportedVersionException e = assertThrows(UnsupportedVersionException.class,
                () -> client().gitRevert("staging", "iris", "abc", WriteAudit.NONE));

        assertEquals("POST /namespaces/{namespace}/seldondeployments/{name}/gitrevert needs Seldon Enterprise Platform"
                + " 2.1 or newer; the server at " + server.url() + API + " runs 2.0.3. Nothing was sent (POST "
                + server.url() + NS + "/seldondeployments/iris/gitrevert); upgrade the server to use this.",
                e.getMessage());
        assertThrows(UnsupportedVersionException.class, () -> client().gitLog(ResourceKind.MODEL, "staging", "m"));
        assertEquals(List.of("GET /version"), requests(), "only the version was read");
    }

    @Test
    void revertSendsTheHashAndTheAuditWithAPost() throws Exception {
        answer(VERSION, 200, "{\"BuildVersion\":\"2.1.0\"}");
        answer(NS + "/seldondeployments/iris/gitrevert", 200, "{\"code\":200,\"message\":\"reverted\"}");

        ObjectNode answer = client().gitRevert("staging", "iris", "abc123", new WriteAudit("Deployment reverted",
                "Jenkins job #1"));

        assertEquals("reverted", answer.path("message").asText());
        assertEquals(List.of("GET /version", "POST /namespaces/staging/seldondeployments/iris/gitrevert?hash=abc123"
                + "&action=Deployment%20reverted&message=Jenkins%20job%20%231"), requests());
    }

    @Test
    void noModelMetadataIsAnEmptyAnswerNotAnError() throws Exception {
        server.on(API + "/model/metadata", (ex, r) -> {
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });

        ObjectNode page = client().modelMetadata(Map.of("URI", "gs://m/1"));

        assertTrue(page.isEmpty());
        assertEquals(List.of("GET /model/metadata?URI=gs%3A%2F%2Fm%2F1"), requests());
    }

    @Test
    void anUntypedAnswerIsReturnedAsItCame() throws Exception {
        answer(NS + "/seldondeployments/iris/predict", 200, "[1,2,3]");
        assertEquals(Json.parseOrNull("[1,2,3]"), client().predict("staging", "iris", json("{'data':{}}")));

        answer(NS + "/gitops-status", 200, "");
        assertTrue(client().gitOpsStatus("staging").isNull(), "an empty answer is null");

        server.on(NS + "/seldondeployments/iris2/predict", (ex, r) -> LocalHttpServer.respond(ex, 200, "text/plain",
                "not json"));
        IOException notJson = assertThrows(IOException.class,
                () -> client().predict("staging", "iris2", json("{}")));
        assertTrue(notJson.getMessage().contains("is not JSON (content type 'text/plain')"), notJson.getMessage());
    }

    @Test
    void aPredictionIsSentOnceEvenWhenTheGatewayFailsForNow() {
        answer(NS + "/seldondeployments/iris/predict", 503, "{\"message\":\"upstream unavailable\"}");

        assertThrows(ServerErrorException.class, () -> client().predict("staging", "iris", json("{}")));

        assertEquals(1, server.requests().size(), "a prediction may have effects: never sent twice");
    }

    @Test
    void aFileIsUploadedAsMultipartFormData() throws Exception {
        answer(VERSION, 200, "{\"BuildVersion\":\"2.4.0\"}");
        answer(NS + "/pipelines/iris/predictfile", 200, "{\"outputs\":[]}");

        client().predictFile(ResourceKind.PIPELINE, "staging", "iris", "{\"inputs\":[]}".getBytes(
                StandardCharsets.UTF_8), "payload.json");

        String body = server.requests().get(1).body();
        assertTrue(body.contains("Content-Disposition: form-data; name=\"predictFile\"; filename=\"payload.json\""),
                body);
        assertTrue(body.contains("{\"inputs\":[]}"), body);
    }

    @Test
    void inferenceGoesToTheInferenceUrlWithTheRoutingHeadersAndTheSameCredentials() throws Exception {
        server.on("/v2/models/iris/infer", (ex, r) -> {
            assertEquals("iris.pipeline", ex.getRequestHeaders().getFirst("Seldon-Model"));
            assertEquals("models.inference.seldon", ex.getRequestHeaders().getFirst("Host"));
            LocalHttpServer.json(ex, 200, "{\"outputs\":[{\"data\":[2]}]}");
        });

        JsonNode answer = client().infer(URI.create(server.url()), "iris", Map.of("Seldon-Model", "iris.pipeline",
                "Host", "models.inference.seldon"), json("{'inputs':[]}"), "Pipeline 'iris' in namespace 'models'");

        assertEquals(2, answer.at("/outputs/0/data/0").asInt());
        assertEquals("Bearer token-1", server.requests().get(0).authorization());
    }

    @Test
    void aModelTheInferenceEndpointDoesNotKnowIsReportedAsSuch() {
        server.on("/v2/models/iris/infer", (ex, r) -> LocalHttpServer.json(ex, 404, "{\"error\":\"model not found\"}"));

        NotFoundException e = assertThrows(NotFoundException.class, () -> client().infer(URI.create(server.url()),
                "iris", Map.of(), json("{}"), "Pipeline 'iris' in namespace 'models'"));

        assertTrue(e.getMessage().startsWith("Seldon inference call POST " + server.url()
                + "/v2/models/iris/infer failed: HTTP 404. Pipeline 'iris' in namespace 'models' does not exist."),
                e.getMessage());
    }

    @Test
    void anyPathIsCalledBelowTheBaseUrlWithTheAuditWhereItsEndpointTakesIt() throws Exception {
        answer(NS + "/seldondeployments", 200, "{\"metadata\":{\"name\":\"iris\"}}");
        answer(API + "/iam/users", 200, "{\"users\":[]}");

        client().call("POST", ApiPath.parse("/namespaces/staging/seldondeployments"), Map.of(),
                FakeSeldonApi.deployment("iris", "gs://m/1"), new WriteAudit("API call", "Jenkins job #2"));
        client().call("GET", ApiPath.parse("iam/users"), Map.of("username", List.of("a b", "c")), null,
                new WriteAudit("API call", "Jenkins job #2"));

        assertEquals(List.of("POST /namespaces/staging/seldondeployments?action=API%20call&message=Jenkins%20job%20%232",
                "GET /iam/users?username=a%20b&username=c"), requests());
    }

    @Test
    void anyPathStillChecksTheReleaseOfTheEndpointItIs() {
        answer(VERSION, 200, "{\"BuildVersion\":\"1.7.0\"}");

        assertThrows(UnsupportedVersionException.class, () -> client().call("GET",
                ApiPath.parse("/namespaces/staging/pipelines"), Map.of(), null, WriteAudit.NONE));

        assertEquals(List.of("GET /version"), requests());
    }
}
