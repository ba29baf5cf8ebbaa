package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
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
                assertEquals(Optional.of(e), Endpoint.of(e.kind(), e.verb()), e.name());
            }
        }
        assertEquals(Optional.empty(), Endpoint.of(ResourceKind.MODEL, Endpoint.Verb.LIST));
        assertEquals(Optional.empty(), Endpoint.of(ResourceKind.EXPERIMENT, Endpoint.Verb.LIST));
        assertEquals(Optional.of(Endpoint.LIST_PIPELINES), Endpoint.of(ResourceKind.PIPELINE, Endpoint.Verb.LIST));
    }

    @Test
    void writesCarryTheAuditParametersExceptDeletingAnExperiment() {
        for (Endpoint e : Endpoint.values()) {
            boolean write = !e.method().equals("GET");
            assertEquals(write && e != Endpoint.DELETE_EXPERIMENT, e.takesAudit(), e.name());
        }
        assertEquals(Set.of(), Endpoint.DELETE_EXPERIMENT.queryParameters());
    }

    @Test
    void coreV2EndpointsNeedRelease2() {
        for (Endpoint e : Endpoint.values()) {
            if (e.kind() != null && e.kind().isCoreV2()) {
                assertEquals(ServerVersion.CORE_V2, e.since(), e.name());
            } else {
                assertNull(e.since(), e.name());
            }
        }
        assertFalse(ResourceKind.SELDON_DEPLOYMENT.isCoreV2());
    }
}
