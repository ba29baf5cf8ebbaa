package io.jenkins.plugins.seldon.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.WriteAudit;
import io.jenkins.plugins.seldon.client.auth.OidcAuthenticator;
import io.jenkins.plugins.seldon.client.auth.OidcGrant;
import io.jenkins.plugins.seldon.client.auth.OidcSettings;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.CountingProxy;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi.RecordedRequest;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import io.jenkins.plugins.seldon.testing.TestHttp;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many builds at once against one server, as several principals sharing one token cache and one HTTP client factory,
 * as the jobs of one controller do. Checks that every request carried its own principal's token (each namespace
 * admits one principal), that each principal fetched exactly one token per token lifetime (a lost cache update or a
 * second concurrent fetch would show as more), and that the connections stayed within the dispatcher's per-host bound;
 * prints the figures. Not a benchmark: it asserts no timings.
 */
class ConcurrentBuildsTest {

    private static final int PRINCIPALS = 4;
    // Twice the connections the bounds allow, so that a missing bound shows clearly above the slack below.
    private static final int BUILDS = 96;
    private static final int CALLS_PER_BUILD = 6;
    private static final int TOKEN_LIFETIMES = 3;
    private static final ResourceKind SD = ResourceKind.SELDON_DEPLOYMENT;

    private final TestTokenIssuer issuer = new TestTokenIssuer();
    // The cache's clock: moved past the tokens' lifetime between rounds, so that every principal needs a new token.
    private final MutableClock cacheClock = MutableClock.startingNow();
    private final Map<String, AtomicInteger> tokenRequests = new ConcurrentHashMap<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    @Test
    void manyBuildsOfSeveralPrincipals() throws Exception {
        try (FakeSeldonApi api = FakeSeldonApi.start(issuer.verifier());
                CountingProxy proxy = new CountingProxy(api.baseUrl().getPort());
                LocalHttpServer provider = LocalHttpServer.http()) {
            provider.on("/token", (ex, r) -> {
                Map<String, String> form = LocalHttpServer.form(r.body());
                String client = form.get("client_id");
                if (!("secret-of-" + client).equals(form.get("client_secret"))) {
                    LocalHttpServer.json(ex, 401, "{\"error\":\"invalid_client\"}");
                    return;
                }
                tokenRequests.computeIfAbsent(client, c -> new AtomicInteger()).incrementAndGet();
                String token = issuer.token(client, client);
                LocalHttpServer.json(ex, 200, "{\"id_token\":\"" + token + "\",\"expires_in\":300}");
            });
            for (int p = 0; p < PRINCIPALS; p++) {
                api.restrictNamespace(namespace(p), principal(p));
                api.seed(namespace(p), FakeSeldonApi.deployment("shared", "gs://models/shared"));
            }
            HttpClientFactory http = TestHttp.factory();
            TokenCache cache = new TokenCache(cacheClock, Duration.ofSeconds(30));
            ServerSettings server = new ServerSettings(proxy.url());
            ExecutorService builds = Executors.newFixedThreadPool(BUILDS);
            long started = System.nanoTime();
            try {
                for (int round = 0; round < TOKEN_LIFETIMES; round++) {
                    CyclicBarrier start = new CyclicBarrier(BUILDS);
                    List<Future<?>> running = new ArrayList<>();
                    for (int b = 0; b < BUILDS; b++) {
                        int build = b;
                        int r = round;
                        // Each build makes its own authenticator and client, as each step does.
                        OidcSettings settings = OidcSettings.builder(OidcGrant.CLIENT_CREDENTIALS, principal(b % PRINCIPALS))
                                .tokenEndpoint(URI.create(provider.url() + "/token"))
                                .clientSecret(SecretText.of("secret-of-" + principal(b % PRINCIPALS))).build();
                        SeldonClient client = new SeldonClient(server, new OidcAuthenticator(settings,
                                TlsSettings.verify(), Duration.ofSeconds(10), Duration.ofSeconds(30), http, cache),
                                http, RetryListener.NONE);
                        running.add(builds.submit(() -> {
                            start.await();
                            build(client, namespace(build % PRINCIPALS), "b" + build + "-r" + r);
                            return null;
                        }));
                    }
                    for (Future<?> f : running) {
                        f.get(120, TimeUnit.SECONDS);
                    }
                    cacheClock.advance(Duration.ofMinutes(10));
                }
            } finally {
                builds.shutdownNow();
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(failures.isEmpty(), failures.toString());

            // Each namespace admits its own principal only, so a request with another principal's token is refused
            // (403), as is one with a bad token (401): a refused request would show here, and the principal the fake
            // saw in each request's token must be the namespace's own.
            List<RecordedRequest> requests = api.requests();
            long refused = requests.stream().filter(r -> r.status() >= 300).count();
            long foreign = requests.stream().filter(r -> r.principal() == null || !r.rawPath().contains("/namespaces/"
                    + namespace(Integer.parseInt(r.principal().substring(r.principal().lastIndexOf('-') + 1))) + "/"))
                    .count();
            Map<String, Integer> perPrincipal = new TreeMap<>();
            tokenRequests.forEach((p, n) -> perPrincipal.put(p, n.get()));

            System.out.printf("Concurrent builds: %d builds of %d principals, %d rounds of one token lifetime each%n",
                    BUILDS, PRINCIPALS, TOKEN_LIFETIMES);
            System.out.printf("  API requests: %d in %d ms, refused (another principal's token, or none): %d%n",
                    requests.size(), millis, refused);
            System.out.printf("  token requests per principal: %s (expected %d each)%n", perPrincipal,
                    TOKEN_LIFETIMES);
            // Connections carry a call (at most MAX_REQUESTS_PER_HOST at once) or wait idle in the pool for the next
            // read; writes never reuse one, so they open more but keep none. More may be counted while the proxy has
            // not yet seen a finished write's close, which takes longer on a loaded machine: hence the slack. Without
            // the bounds, the builds would hold about twice as many open at once.
            int bound = HttpClientFactory.MAX_REQUESTS_PER_HOST + HttpClientFactory.MAX_IDLE_CONNECTIONS;
            int closing = 16;
            assertTrue(bound + closing < BUILDS, "the builds can exceed the bound by more than the slack");
            System.out.printf("  API connections: %d opened, at most %d open at once (bound: %d calls per host + %d"
                    + " idle = %d)%n", proxy.opened(), proxy.peak(), HttpClientFactory.MAX_REQUESTS_PER_HOST,
                    HttpClientFactory.MAX_IDLE_CONNECTIONS, bound);

            assertEquals(BUILDS * CALLS_PER_BUILD * TOKEN_LIFETIMES, requests.size());
            assertEquals(0, refused, "every request carried a token of the namespace's own principal");
            assertEquals(0, foreign, "the fake saw each request's own principal");
            for (int p = 0; p < PRINCIPALS; p++) {
                assertEquals(TOKEN_LIFETIMES, perPrincipal.get(principal(p)), "token requests of " + principal(p));
            }
            assertTrue(proxy.peak() <= bound + closing, "peak connections " + proxy.peak());
        }
    }

    /** What one build does: list, read, create, read back, update, delete. */
    private void build(SeldonClient client, String namespace, String name) {
        try {
            client.list(SD, namespace);
            client.get(SD, namespace, "shared");
            ObjectNode created = client.create(SD, namespace, FakeSeldonApi.deployment(name, "gs://models/" + name),
                    WriteAudit.NONE);
            ObjectNode read = client.get(SD, namespace, name);
            assertEquals(created.at("/metadata/uid"), read.at("/metadata/uid"));
            read.remove("status");
            client.update(SD, namespace, name, read, WriteAudit.NONE);
            client.delete(SD, namespace, name, WriteAudit.NONE);
        } catch (Throwable t) {
            failures.add(t);
        }
    }

    private static String principal(int p) {
        return "build-principal-" + p;
    }

    private static String namespace(int p) {
        return "team-" + p;
    }
}
