package io.jenkins.plugins.seldon.operations;

import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.RequestAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.testing.FakeSeldonApi;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server that answers the API's paths with what a test gives, for answers the stateful fake never gives (fields
 * missing, conditions in another order, errors without a body): {@code GET /version} says 2.4.0, a write answers its
 * body back, anything else not given is a 404.
 */
final class CannedApi implements AutoCloseable {

    /** One answer: status and JSON body (empty for none). */
    record Answer(int status, String body) {}

    final LocalHttpServer server = LocalHttpServer.http();
    final SeldonClient client;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    CannedApi() {
        answer("GET", "/version", 200, "{\"BuildVersion\": \"2.4.0\"}");
        server.onPrefix(FakeSeldonApi.BASE_PATH + "/", (ex, r) -> {
            Answer a = answers.get(r.method() + " " + r.path().substring(FakeSeldonApi.BASE_PATH.length()));
            if (a != null) {
                LocalHttpServer.json(ex, a.status(), a.body());
            } else if (r.method().equals("PUT") || r.method().equals("POST")) {
                LocalHttpServer.json(ex, 200, r.body());
            } else {
                LocalHttpServer.json(ex, 404, "{\"message\": \"not found\"}");
            }
        });
        RequestAuthenticator token = new RequestAuthenticator() {
            @Override
            public AuthHeader authenticate() {
                return AuthHeader.bearer(SecretText.of("a-token"), null);
            }

            @Override
            public void invalidate(AuthHeader rejected) {}

            @Override
            public String describe() {
                return "a test token";
            }
        };
        client = new SeldonClient(new ServerSettings(server.url() + FakeSeldonApi.BASE_PATH), token,
                new HttpClientFactory());
    }

    /** What {@code method path} (below the API's base path, e.g. {@code /user}) answers from now on. */
    CannedApi answer(String method, String path, int status, String json) {
        answers.put(method + " " + path, new Answer(status, json.replace('\'', '"')));
        return this;
    }

    @Override
    public void close() {
        server.close();
    }
}
