package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static final HttpUrl BASE = HttpUrl.get("https://ml.example.com/seldon-deploy/api/v1alpha1");

    @Test
    void fillsThePathTemplate() {
        assertEquals("https://ml.example.com/seldon-deploy/api/v1alpha1/namespaces/staging/seldondeployments/iris",
                Endpoint.READ_SELDON_DEPLOYMENT.url(BASE, Map.of("namespace", "staging", "name", "iris"), Map.of())
                        .toString());
        assertEquals("https://ml.example.com/seldon-deploy/api/v1alpha1/namespaces/staging/pipelines/main/experiment",
                Endpoint.READ_EXPERIMENT.url(BASE, Map.of("namespace", "staging", "name", "main"), Map.of())
                        .toString());
        assertEquals("https://ml.example.com/seldon-deploy/api/v1alpha1/user",
                Endpoint.USER.url(BASE, Map.of(), Map.of()).toString());
    }

    @Test
    void encodesEachParameterAsOneSegment() {
        HttpUrl url = Endpoint.READ_SELDON_DEPLOYMENT.url(BASE, Map.of("namespace", "a/b", "name", "x?y#z %"),
                Map.of());
        assertEquals("/seldon-deploy/api/v1alpha1/namespaces/a%2Fb/seldondeployments/x%3Fy%23z%20%25",
                url.encodedPath());
        assertEquals(null, url.query());
    }

    @Test
    void rejectsSegmentsThatWouldAddressAnotherResource() {
        for (String bad : new String[] {"", ".", ".."}) {
            assertThrows(IllegalArgumentException.class, () -> Endpoint.READ_PIPELINE.url(BASE,
                    Map.of("namespace", "ns", "name", bad), Map.of()), bad);
        }
        Map<String, String> missing = new HashMap<>();
        missing.put("namespace", "ns");
        assertThrows(IllegalArgumentException.class, () -> Endpoint.READ_MODEL.url(BASE, missing, Map.of()));
    }

    @Test
    void aRefusedSegmentIsNamedWithWhatWasGiven() {
        Map<String, String> given = new HashMap<>(Map.of("namespace", "ns"));
        assertEquals("Invalid name: ''", refusal(given), "missing");
        for (String bad : new String[] {"", ".", ".."}) {
            given.put("name", bad);
            assertEquals("Invalid name: '" + bad + "'", refusal(given), bad);
        }
    }

    private static String refusal(Map<String, String> pathParameters) {
        return assertThrows(IllegalArgumentException.class,
                () -> Endpoint.READ_MODEL.url(BASE, pathParameters, Map.of())).getMessage();
    }

    @Test
    void sendsOnlyDeclaredNonNullQueryParameters() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("action", "Deployment updated");
        q.put("message", null);
        HttpUrl url = Endpoint.UPDATE_SELDON_DEPLOYMENT.url(BASE, Map.of("namespace", "ns", "name", "n"), q);
        assertEquals("action=Deployment%20updated", url.encodedQuery());
        assertThrows(IllegalArgumentException.class, () -> Endpoint.READ_SELDON_DEPLOYMENT.url(BASE,
                Map.of("namespace", "ns", "name", "n"), Map.of("action", "x")));
    }

    @Test
    void everyTemplateIsRelativeAndEveryMethodIsHttp() {
        for (Endpoint e : Endpoint.values()) {
            assertEquals('/', e.pathTemplate().charAt(0), e.name());
            assertTrue(Set.of("GET", "POST", "PUT", "DELETE").contains(e.method()), e.name());
        }
    }

    @Test
    void eachVerbOfAKindIsOneEndpointAndOnlyWhereTheApiHasIt() {
        for (Endpoint e : Endpoint.values()) {
            if (e.verb() != null) {
                assertEquals(Optional.of(e), Endpoint.of(e.kind(), e.verb(), e.monitor()), e.name());
            }
        }
        for (Monitor m : Monitor.values()) {
            for (ResourceKind k : ResourceKind.values()) {
                for (Endpoint.Verb v : List.of(Endpoint.Verb.LIST_MONITORS, Endpoint.Verb.CREATE_MONITOR,
                        Endpoint.Verb.DELETE_MONITOR)) {
                    assertEquals(m.supports(k), Endpoint.of(k, v, m).isPresent(), m + " " + k + " " + v);
                }
            }
        }
        assertEquals(Optional.empty(), Endpoint.of(ResourceKind.PIPELINE, Endpoint.Verb.PREDICT));
        assertEquals(Optional.empty(), Endpoint.of(ResourceKind.PIPELINE, Endpoint.Verb.GIT_REVERT));
        assertEquals(Optional.empty(), Endpoint.of(ResourceKind.MODEL, Endpoint.Verb.LIST));
        assertEquals(Optional.empty(), Endpoint.of(ResourceKind.EXPERIMENT, Endpoint.Verb.LIST));
        assertEquals(Optional.of(Endpoint.LIST_PIPELINES), Endpoint.of(ResourceKind.PIPELINE, Endpoint.Verb.LIST));
    }

    /** The requests without a verb (a deployment's resources, canaries, the server's) are not found by one. */
    @Test
    void noVerbIsNoEndpoint() {
        assertEquals(Optional.empty(), Endpoint.of(null, null));
        for (ResourceKind k : ResourceKind.values()) {
            assertEquals(Optional.empty(), Endpoint.of(k, null), k.name());
        }
    }

    /**
     * The API records an audit message for writes of resources (canaries, shadows, reverts and restores included),
     * except the deletion of an experiment; predictions, batch jobs, load tests, monitors and model metadata take none.
     */
    @Test
    void writesOfResourcesCarryTheAuditParametersExceptDeletingAnExperiment() {
        Set<Endpoint.Verb> resourceWrites = Set.of(Endpoint.Verb.CREATE, Endpoint.Verb.UPDATE, Endpoint.Verb.DELETE,
                Endpoint.Verb.GIT_REVERT, Endpoint.Verb.GIT_RESTORE);
        for (Endpoint e : Endpoint.values()) {
            boolean write = !e.method().equals("GET");
            boolean rollout = e.kind() == ResourceKind.EXPERIMENT && e.verb() == null;
            boolean audited = write && e.kind() != null && (rollout || e.verb() != null && resourceWrites.contains(e.verb()));
            assertEquals(audited && e != Endpoint.DELETE_EXPERIMENT, e.takesAudit(), e.name());
        }
        assertEquals(Set.of(), Endpoint.DELETE_EXPERIMENT.queryParameters());
    }

    @Test
    void coreV2EndpointsNeedRelease2AndWhatCameWith21Needs21() {
        Set<Endpoint> since21 = Set.of(Endpoint.GIT_LOG_MODEL, Endpoint.GIT_DIFF_MODEL, Endpoint.GIT_LOG_EXPERIMENT,
                Endpoint.GIT_DIFF_EXPERIMENT, Endpoint.GIT_REVERT_SELDON_DEPLOYMENT,
                Endpoint.GIT_RESTORE_SELDON_DEPLOYMENT);
        for (Endpoint e : Endpoint.values()) {
            if (since21.contains(e)) {
                assertEquals(ServerVersion.MINIMUM_SUPPORTED, e.since(), e.name());
            } else if (e.kind() != null && e.kind().isCoreV2()) {
                assertEquals(ServerVersion.CORE_V2, e.since(), e.name());
            } else {
                assertNull(e.since(), e.name());
            }
        }
        assertFalse(ResourceKind.SELDON_DEPLOYMENT.isCoreV2());
        assertEquals("2.1", ServerVersion.MINIMUM_SUPPORTED.toString());
    }

    @Test
    void aRequestIsMatchedToItsEndpointPreferringLiteralSegments() {
        assertEquals(Optional.of(Endpoint.VALIDATE_SELDON_DEPLOYMENT), Endpoint.matching("GET",
                List.of("namespaces", "models", "seldondeployments", "validate")));
        assertEquals(Optional.of(Endpoint.READ_SELDON_DEPLOYMENT), Endpoint.matching("GET",
                List.of("namespaces", "models", "seldondeployments", "iris")));
        assertEquals(Optional.of(Endpoint.DELETE_OUTLIER_DETECTOR_PIPELINE), Endpoint.matching("DELETE",
                List.of("namespaces", "m", "pipelines", "p", "monitor", "outlier-detector", "od")));
        assertEquals(Optional.empty(), Endpoint.matching("GET", List.of("iam", "users")));
        assertEquals(Optional.empty(), Endpoint.matching("PATCH", List.of("user")));
    }

    @Test
    void onlyValidationSendsABodyWithAGetAndOnlyUploadsAreMultipart() {
        for (Endpoint e : Endpoint.values()) {
            assertEquals(e == Endpoint.VALIDATE_SELDON_DEPLOYMENT, e.sendsBodyWithGet(), e.name());
            boolean upload = e.verb() == Endpoint.Verb.PREDICT_FILE || e.verb() == Endpoint.Verb.CREATE_LOAD_TEST;
            assertEquals(upload, !e.formFields().isEmpty(), e.name());
        }
    }
}
