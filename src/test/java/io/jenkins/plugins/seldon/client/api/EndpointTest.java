package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static final HttpUrl BASE = HttpUrl.get("https://ml.example.com/seldon-deploy/api/v1alpha1");

    @Test
    void fillsThePathTemplate() {
        assertEquals("https://ml.example.com/seldon-deploy/api/v1alpha1/namespaces/staging/seldondeployments/iris",
                Endpoint.READ.url(BASE, Map.of("namespace", "staging", "name", "iris"), Map.of()).toString());
        assertEquals("https://ml.example.com/seldon-deploy/api/v1alpha1/user",
                Endpoint.USER.url(BASE, Map.of(), Map.of()).toString());
    }

    @Test
    void encodesEachParameterAsOneSegment() {
        HttpUrl url = Endpoint.READ.url(BASE, Map.of("namespace", "a/b", "name", "x?y#z %"), Map.of());
        assertEquals("/seldon-deploy/api/v1alpha1/namespaces/a%2Fb/seldondeployments/x%3Fy%23z%20%25",
                url.encodedPath());
        assertEquals(null, url.query());
    }

    @Test
    void rejectsSegmentsThatWouldAddressAnotherResource() {
        for (String bad : new String[] {"", ".", ".."}) {
            assertThrows(IllegalArgumentException.class,
                    () -> Endpoint.READ.url(BASE, Map.of("namespace", "ns", "name", bad), Map.of()), bad);
        }
        Map<String, String> missing = new HashMap<>();
        missing.put("namespace", "ns");
        assertThrows(IllegalArgumentException.class, () -> Endpoint.READ.url(BASE, missing, Map.of()));
    }

    @Test
    void sendsOnlyDeclaredNonNullQueryParameters() {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("action", "Deployment updated");
        q.put("message", null);
        HttpUrl url = Endpoint.UPDATE.url(BASE, Map.of("namespace", "ns", "name", "n"), q);
        assertEquals("action=Deployment%20updated", url.encodedQuery());
        assertThrows(IllegalArgumentException.class,
                () -> Endpoint.READ.url(BASE, Map.of("namespace", "ns", "name", "n"), Map.of("action", "x")));
    }

    @Test
    void everyTemplateIsRelativeAndEveryMethodIsHttp() {
        for (Endpoint e : Endpoint.values()) {
            assertEquals('/', e.pathTemplate().charAt(0), e.name());
            assertEquals(true, java.util.Set.of("GET", "POST", "PUT", "DELETE").contains(e.method()), e.name());
        }
    }
}
