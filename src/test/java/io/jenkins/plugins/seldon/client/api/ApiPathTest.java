package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Paths of calls of any path stay below the API base URL, whatever their spelling; patterns allow what they say. */
class ApiPathTest {

    private static final HttpUrl BASE = HttpUrl.get("https://ml.example.com/seldon-deploy/api/v1alpha1");

    @Test
    void aPathIsItsDecodedSegmentsEachSentAsOne() {
        ApiPath path = ApiPath.parse("/namespaces/models/seldondeployments/");
        assertEquals(List.of("namespaces", "models", "seldondeployments"), path.segments());
        assertEquals(path, ApiPath.parse("namespaces/models/seldondeployments"));
        assertEquals("https://ml.example.com/seldon-deploy/api/v1alpha1/iam/users/alice@example.com/groups",
                ApiPath.parse("/iam/users/alice%40example.com/groups").url(BASE).toString());
        assertEquals("/seldon-deploy/api/v1alpha1/iam/users/a%20b", ApiPath.parse("/iam/users/a%20b").url(BASE)
                .encodedPath());
    }

    @Test
    void pathsThatWouldLeaveTheBasePathAreRefused() {
        for (String bad : List.of("../../admin", "/namespaces/../../x", "/./user", "/namespaces/%2E%2E/x",
                "/namespaces/%2e%2e/x", "/namespaces/a%2Fb", "/namespaces/a%2fb", "/a%5Cb", "/a\\b",
                "https://evil.example.com/x", "//evil.example.com/x", "http://127.0.0.1/seldon-deploy", "/a%252Fb",
                "/a%2", "/a%zz", "/user?x=1", "/user#f", "/a//b", "/a b", "/a\nb", "/a%00b", "", " ", "/",
                "/namespaces/x/..;/..;/iam", "/namespaces/x/%2E%2E%3B/iam", "/namespaces/.;x/iam")) {
            assertThrows(IllegalArgumentException.class, () -> ApiPath.parse(bad), bad);
        }
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> ApiPath.parse("/user?x=1"));
        assertTrue(query.getMessage().contains("give it as query:"), query.getMessage());
        // Query values and fragments may be tokens: the message, which goes to the build log, stops before them.
        for (String secret : List.of("/user?token=s3cr3t", "/user#access_token=s3cr3t")) {
            String message = assertThrows(IllegalArgumentException.class, () -> ApiPath.parse(secret)).getMessage();
            assertFalse(message.contains("s3cr3t"), message);
            assertTrue(message.contains("/user"), message);
        }
    }

    @Test
    void patternsMatchPerSegment() {
        ApiPathPatterns patterns = ApiPathPatterns.parse("""
                # read deployments anywhere, and everything below them
                GET /namespaces/*/seldondeployments/**
                post /namespaces/staging/pipelines
                /namespaces/*/pipelines/iris-*/batchjobs
                """);
        assertTrue(patterns.allows("GET", ApiPath.parse("/namespaces/models/seldondeployments")));
        assertTrue(patterns.allows("GET", ApiPath.parse("/namespaces/models/seldondeployments/iris/resources")));
        assertFalse(patterns.allows("DELETE", ApiPath.parse("/namespaces/models/seldondeployments/iris")));
        assertTrue(patterns.allows("POST", ApiPath.parse("/namespaces/staging/pipelines")));
        assertFalse(patterns.allows("POST", ApiPath.parse("/namespaces/prod/pipelines")));
        assertTrue(patterns.allows("PUT", ApiPath.parse("/namespaces/a/pipelines/iris-v2/batchjobs")));
        assertFalse(patterns.allows("GET", ApiPath.parse("/namespaces/a/pipelines/other/batchjobs")));
        assertFalse(patterns.allows("GET", ApiPath.parse("/iam/users")));
        assertFalse(patterns.allows("GET", ApiPath.parse("/namespaces/a/b/seldondeployments")), "* is one segment");
        assertEquals("""
                GET /namespaces/*/seldondeployments/**
                post /namespaces/staging/pipelines
                /namespaces/*/pipelines/iris-*/batchjobs""", patterns.toString());
    }

    @Test
    void noPatternAllowsEverythingAndDoubleStarsMayMatchNothing() {
        assertTrue(ApiPathPatterns.parse(null).allows("DELETE", ApiPath.parse("/iam/users/x")));
        assertTrue(ApiPathPatterns.parse("\n# none\n").isEmpty());
        ApiPathPatterns all = ApiPathPatterns.parse("GET /**/**/**");
        assertTrue(all.allows("GET", ApiPath.parse("/user")));
        assertTrue(ApiPathPatterns.parse("GET /namespaces/**/gitlogs").allows("GET",
                ApiPath.parse("/namespaces/a/seldondeployments/b/gitlogs")));
    }

    @Test
    void patternsThatAreNoneAreRefusedWithTheirLine() {
        for (String bad : List.of("GET namespaces", "PATCH /x", "GET /x extra", "/a//b", "/a/**b")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ApiPathPatterns.parse("GET /user\n" + bad), bad);
            assertTrue(e.getMessage().contains(bad.split(" ")[0]), e.getMessage());
        }
    }
}
