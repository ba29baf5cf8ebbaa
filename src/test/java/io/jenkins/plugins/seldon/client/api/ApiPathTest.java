package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
    void eachRefusalSaysWhatIsWrongWithThePath() {
        String empty = "The path is empty; give one below the API base URL, e.g. /namespaces/models/seldondeployments";
        assertEquals(empty, refusal(null));
        assertEquals(empty, refusal(""));
        assertEquals(empty, refusal(" \t"));
        for (String absolute : List.of("https://evil.example.com/x", "//evil.example.com/x")) {
            assertEquals("The path must be below the API base URL, e.g. /user; an absolute URL or a host is not"
                    + " accepted", refusal(absolute), absolute);
        }
        assertEquals("The path must not contain backslashes: /a\\b", refusal("/a\\b"));
        assertEquals("The path must not contain white space or control characters: /a b", refusal("/a b"));
        // Control characters are shown as ?, so that the message stays one printable line.
        assertEquals("The path must not contain white space or control characters: /a?b", refusal("/a\u0001b"));
        assertEquals("The path must not contain a query (give it as query:): /a/user?...", refusal("/a/user?x=1"));
        assertEquals("The path must not contain a fragment: /a/user#...", refusal("/a/user#f"));
        assertEquals("The path has an empty segment: /a//b", refusal("/a//b"));
        for (String invalid : List.of("/a%zz", "/a%2", "/a%", "/a%g0", "/a%\u0663\u0663")) {
            assertEquals("The path has an invalid percent-encoding: " + invalid, refusal(invalid), invalid);
        }
        // Valid percent-encodings of what a segment must not hold are refused for what they are.
        for (String segment : List.of("a%00b", "a%0A", "%2e", "a%2Fb", "a%5Cb", "a%25")) {
            assertTrue(refusal("/x/" + segment + "/y").startsWith("The path must stay below the API base URL: the"
                    + " segment '" + segment + "' is, or decodes to,"), segment);
        }
        // A lone surrogate is no character; bytes that are no UTF-8 are none either.
        for (String notText : List.of("/a/\uD83D", "/a/b\uDE00c", "/a/%C3", "/a/%FF%FE")) {
            assertEquals("The path does not decode to UTF-8 text: " + notText, refusal(notText), notText);
        }
    }

    private static String refusal(String path) {
        return assertThrows(IllegalArgumentException.class, () -> ApiPath.parse(path), path).getMessage();
    }

    @Test
    void charactersBeyondAsciiAreTheSameWhetherGivenAsTheyAreOrPercentEncoded() {
        ApiPath raw = ApiPath.parse("/iam/users/zo\u00eb\uD83D\uDE00x");
        assertEquals(List.of("iam", "users", "zo\u00eb\uD83D\uDE00x"), raw.segments());
        assertEquals(raw, ApiPath.parse("/iam/users/zo%C3%AB%F0%9F%98%80x"));
        assertEquals("/seldon-deploy/api/v1alpha1/iam/users/zo%C3%AB%F0%9F%98%80x", raw.url(BASE).encodedPath());
        assertEquals("/iam/users/zo\u00eb\uD83D\uDE00x", raw.toString());
    }

    @Test
    void pathsAreEqualWhenTheirSegmentsAre() {
        ApiPath path = ApiPath.parse("/namespaces/models");
        assertEquals(path, ApiPath.parse("namespaces/models/"));
        assertEquals(path.hashCode(), ApiPath.parse("namespaces/models/").hashCode());
        assertNotEquals(path, ApiPath.parse("/namespaces/model"));
        assertNotEquals(path, ApiPath.parse("/namespaces/models/x"));
        assertNotEquals(path, ApiPath.parse("/namespaces"));
        assertNotEquals(path, (Object) "/namespaces/models");
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

    @Test
    void aPatternIsAtMostAMethodAndAPath() {
        for (String bad : List.of("GET /x /y", "GET /x extra", "GET  /x\t/y")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ApiPathPatterns.parse(bad), bad);
            assertEquals("Not a path pattern: '" + bad + "'; write [METHOD] /path, e.g. GET "
                    + "/namespaces/*/seldondeployments/**", e.getMessage());
        }
        assertFalse(ApiPathPatterns.parse("GET /user").isEmpty());
        assertTrue(ApiPathPatterns.parse(null).isEmpty());
    }

    @Test
    void theRootPatternIsAcceptedAndAllowsNoPathBelowIt() {
        ApiPathPatterns root = ApiPathPatterns.parse("GET /");
        assertFalse(root.isEmpty());
        assertFalse(root.allows("GET", ApiPath.parse("/user")));
        assertEquals("The path of 'GET /a/' has an empty segment", assertThrows(IllegalArgumentException.class,
                () -> ApiPathPatterns.parse("GET /a/")).getMessage());
    }

    @Test
    void aPatternMatchesTheWholePathAndAStarWithinASegmentOnlyWhereItStands() {
        ApiPathPatterns patterns = ApiPathPatterns.parse("""
                POST /namespaces/staging/pipelines
                GET /namespaces/*/pipelines/iris-*
                GET /namespaces/*/seldondeployments/*-canary
                """);
        assertFalse(patterns.allows("POST", ApiPath.parse("/namespaces/staging/pipelines/x")), "a longer path");
        assertFalse(patterns.allows("POST", ApiPath.parse("/namespaces/staging")), "a shorter path");
        assertTrue(patterns.allows("GET", ApiPath.parse("/namespaces/a/pipelines/iris-")));
        assertFalse(patterns.allows("GET", ApiPath.parse("/namespaces/a/pipelines/old-iris-v2")));
        assertTrue(patterns.allows("GET", ApiPath.parse("/namespaces/a/seldondeployments/iris-canary")));
        assertFalse(patterns.allows("GET", ApiPath.parse("/namespaces/a/seldondeployments/iris-canary-2")));
    }

    @Test
    void aDoubleStarMatchesOnlyWhenWhatFollowsItDoes() {
        ApiPathPatterns gitLogs = ApiPathPatterns.parse("GET /namespaces/**/gitlogs");
        assertFalse(gitLogs.allows("GET", ApiPath.parse("/namespaces/a/seldondeployments/b")));
        assertFalse(gitLogs.allows("GET", ApiPath.parse("/namespaces/a/gitlogs/b")));
        assertFalse(gitLogs.allows("GET", ApiPath.parse("/namespaces")));
        assertTrue(gitLogs.allows("GET", ApiPath.parse("/namespaces/gitlogs")));
        assertFalse(ApiPathPatterns.parse("GET /**/x").allows("GET", ApiPath.parse("/a/b")));
    }

    @Test
    void doubleStarsInARowCostNoMoreThanOne() {
        // Tried as they stand, 25 of them would place a path of 25 segments in more ways than any build can wait for.
        ApiPathPatterns patterns = ApiPathPatterns.parse("GET /" + "**/".repeat(25) + "x");
        ApiPath path = ApiPath.parse("/a".repeat(25));
        assertFalse(assertTimeoutPreemptively(Duration.ofSeconds(10), () -> patterns.allows("GET", path)));
        assertTrue(patterns.allows("GET", ApiPath.parse("/a".repeat(25) + "/x")));
    }
}
