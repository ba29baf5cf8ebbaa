package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The call of any path below the API base URL ({@link SeldonClient#call}): which methods it sends, where the audit
 * parameters go, what a request without a body looks like, and how its failures name the resource.
 */
class AnyPathCallTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";
    private static final String SDS = "/namespaces/staging/seldondeployments";
    private static final WriteAudit AUDIT = new WriteAudit("API call", "Jenkins job #2");

    private final LocalHttpServer server = LocalHttpServer.http();
    private final CountingAuthenticator auth = new CountingAuthenticator();
    /** The Content-Type of each request, "none" when it had none. */
    private final List<String> contentTypes = Collections.synchronizedList(new ArrayList<>());

    AnyPathCallTest() {
        server.onPrefix(API, (ex, r) -> {
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            contentTypes.add(type == null ? "none" : type);
            LocalHttpServer.json(ex, 200, "{}");
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private SeldonClient client() {
        return new SeldonClient(new ServerSettings(server.url()), auth, TestHttp.factory());
    }

    private void call(String method, String path, Map<String, List<String>> query, WriteAudit audit)
            throws Exception {
        client().call(method, ApiPath.parse(path), query, null, audit);
    }

    /** What the server received: method, path below the base URL and query. */
    private List<String> requests() {
        return server.requests().stream().map(r -> r.method() + " " + r.path().substring(API.length())
                + (r.rawQuery() == null ? "" : "?" + r.rawQuery())).toList();
    }

    @Test
    void onlyGetPostPutAndDeleteAreSent() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> call("PATCH", SDS + "/iris", Map.of(), AUDIT));
        assertEquals("The method must be GET, POST, PUT or DELETE, not PATCH", e.getMessage());
        assertTrue(server.requests().isEmpty());
    }

    @Test
    void theAuditGoesWhereTheEndpointTakesItUnlessTheQueryCarriesItsOwn() throws Exception {
        call("POST", SDS, Map.of(), AUDIT);
        call("POST", SDS, Map.of(), null);
        call("POST", SDS, Map.of(), WriteAudit.NONE);
        call("POST", SDS, Map.of(), new WriteAudit(null, "only a message"));
        call("POST", SDS, Map.of(), new WriteAudit("only an action", null));
        call("POST", SDS, Map.of("action", List.of("mine")), AUDIT);
        call("POST", SDS, Map.of("message", List.of("mine")), AUDIT);
        // A read takes no audit; a path that is no endpoint is not known to.
        call("GET", SDS + "/iris", Map.of(), AUDIT);
        call("POST", "/namespaces/staging/custom", Map.of(), AUDIT);

        String post = "POST " + SDS;
        assertEquals(List.of(post + "?action=API%20call&message=Jenkins%20job%20%232", post, post,
                post + "?message=only%20a%20message", post + "?action=only%20an%20action", post + "?action=mine",
                post + "?message=mine", "GET " + SDS + "/iris", "POST /namespaces/staging/custom"), requests());
    }

    /** POST and PUT send an empty body, GET and DELETE none; neither claims to be JSON. */
    @Test
    void aRequestWithoutABodyClaimsNoContentType() throws Exception {
        call("POST", SDS, Map.of(), null);
        call("PUT", SDS + "/iris", Map.of(), null);
        call("GET", SDS + "/iris", Map.of(), null);
        call("DELETE", SDS + "/iris", Map.of(), null);
        client().call("PUT", ApiPath.parse(SDS + "/iris"), Map.of(), FakeSeldonApi.deployment("iris", "gs://m/1"), null);

        assertEquals(List.of("POST " + SDS, "PUT " + SDS + "/iris", "GET " + SDS + "/iris", "DELETE " + SDS + "/iris",
                "PUT " + SDS + "/iris"), requests());
        assertEquals(List.of("none", "none", "none", "none", "application/json; charset=utf-8"), contentTypes);
        assertEquals(List.of("", "", "", ""), server.requests().subList(0, 4).stream()
                .map(LocalHttpServer.Recorded::body).toList());
    }

    @Test
    void aFailureNamesTheResourceThePathAddresses() {
        String job = API + SDS + "/iris/loadtestjobs/job-1";
        server.on(job, (ex, r) -> LocalHttpServer.json(ex, 404, "{\"message\":\"no such job\"}"));
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> call("DELETE", SDS + "/iris/loadtestjobs/job-1", Map.of(), null));
        assertEquals("Seldon API call DELETE " + server.url() + job + " failed: HTTP 404. SeldonDeployment 'iris' in"
                + " namespace 'staging' does not exist. Server message: no such job", e.getMessage());
    }
}
