package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.error.NotFoundException;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a failed call of any path says: the resource, where the path is one of the endpoints, as the named requests
 * do; otherwise the URL to check.
 */
class AnyPathFailureTest {

    private static final String API = "/seldon-deploy/api/v1alpha1";

    private final LocalHttpServer server = LocalHttpServer.http();

    @AfterEach
    void stop() {
        server.close();
    }

    private NotFoundException notFound(String path) {
        server.on(API + path, (ex, r) -> LocalHttpServer.json(ex, 404, "{\"code\":404,\"message\":\"no such thing\"}"));
        Duration timeout = Duration.ofSeconds(10);
        SeldonClient client = new SeldonClient(new ServerSettings(server.url(), TlsSettings.verify(), timeout,
                timeout), new CountingAuthenticator(), new HttpClientFactory(),
                new ServerVersions(new MutableClock(Instant.parse("2026-01-01T10:00:00Z")), Duration.ofMinutes(10)));
        return assertThrows(NotFoundException.class,
                () -> client.call("GET", ApiPath.parse(path), Map.of(), null, WriteAudit.NONE));
    }

    @Test
    void aPathThatIsNoEndpointIsNotFoundAtTheUrlGiven() {
        assertEquals("Seldon API call GET " + server.url() + API + "/iam/users/x failed: HTTP 404. Not found: check the"
                + " API URL. Server message: no such thing", notFound("/iam/users/x").getMessage());
    }

    @Test
    void aPathThatIsAnEndpointNamesItsResource() {
        assertEquals("Seldon API call GET " + server.url() + API + "/namespaces/staging/seldondeployments/iris failed:"
                + " HTTP 404. SeldonDeployment 'iris' in namespace 'staging' does not exist. Server message: no such"
                + " thing", notFound("/namespaces/staging/seldondeployments/iris").getMessage());
    }
}
