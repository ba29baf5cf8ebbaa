package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.api.ServerVersions;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.TestTokenIssuer;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fake API and a real client of it with a fixed token, for the operations' tests; {@link #beforeRequest} runs before
 * the n-th request (1-based) is sent, to play a concurrent user.
 */
final class TestServer implements AutoCloseable {

    final FakeSeldonApi api;
    final SeldonClient client;
    volatile IntConsumer beforeRequest = n -> {};
    private final AtomicInteger requests = new AtomicInteger();
    private final RequestAuthenticator auth;
    private final Clock clock;

    /** @param clock for the client's cache of server versions: each server its own, as ports are reused */
    TestServer(TestTokenIssuer issuer, Clock clock) throws IOException {
        this.clock = clock;
        api = FakeSeldonApi.start(issuer.verifier());
        String token = issuer.token("jenkins", "deployers");
        auth = new RequestAuthenticator() {
            @Override
            public AuthHeader authenticate() {
                beforeRequest.accept(requests.incrementAndGet());
                return AuthHeader.bearer(SecretText.of(token), null);
            }

            @Override
            public void invalidate(AuthHeader rejected) {}

            @Override
            public String describe() {
                return "a test token";
            }
        };
        client = newClient();
    }

    /** Another client of the same server, sharing nothing with {@link #client}: as after a controller restart. */
    SeldonClient newClient() {
        return new SeldonClient(new ServerSettings(api.apiUrl().toString()), auth, new HttpClientFactory(),
                new ServerVersions(clock, Duration.ofMinutes(10)));
    }

    /** A client of another server (e.g. a {@code LocalHttpServer} playing an odd answer), with the same token. */
    SeldonClient clientOf(String url) {
        return new SeldonClient(new ServerSettings(url), auth, new HttpClientFactory(),
                new ServerVersions(clock, Duration.ofMinutes(10)));
    }

    /** E.g. {@code PUT /namespaces/staging/pipelines/main/experiment 200}, without the version check. */
    List<String> requestLines() {
        return api.requests().stream().filter(r -> !r.rawPath().endsWith("/version"))
                .map(r -> r.method() + " " + r.rawPath().substring(FakeSeldonApi.BASE_PATH.length()) + " "
                        + r.status()).toList();
    }

    /** E.g. {@code POST Experiment main Experiment canary started}: method, kind, name and audit action. */
    List<String> writeLines() {
        return api.writes().stream().map(w -> w.method() + " " + w.kind() + " " + w.name() + " " + w.action())
                .toList();
    }

    @Override
    public void close() {
        api.close();
    }
}
