package io.jenkins.plugins.seldon.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.seldon.client.Json;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One warm read of a SeldonDeployment (3.4 KB): the plugin's client, its token from the cache of an OIDC
 * authenticator, against plain OkHttp and Jackson reading the same bytes from the same server.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WarmCall {

    static final String PATH = "/namespaces/production/seldondeployments/model-1";

    private BenchServer server;
    private LocalHttpServer providerServer;
    private final HttpClientFactory http = new HttpClientFactory();
    private SeldonClient client;
    private OkHttpClient plain;
    private String url;
    private Request prebuilt;
    private final ObjectMapper mapper = new ObjectMapper();

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = new BenchServer().answer(PATH, Json.write(Deployments.deployment(1)).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        providerServer = LocalHttpServer.http();
        FakeOidcProvider provider = new FakeOidcProvider(providerServer, Clock.systemUTC());
        client = io.jenkins.plugins.seldon.benchmark.Setup.oidcClient(server, provider, http,
                new TokenCache());
        client.get(ResourceKind.SELDON_DEPLOYMENT, "production", "model-1");
        plain = new OkHttpClient();
        url = server.url() + BenchServer.API + PATH;
        prebuilt = request();
    }

    /**
     * The request as any caller makes it for each call (its token changes over time; its URL is the resource's),
     * rather than one request object built once and sent again and again, which a client whose token expires cannot do.
     */
    private Request request() {
        return new Request.Builder().url(url)
                .header("Authorization", "Bearer " + io.jenkins.plugins.seldon.benchmark.Setup.TOKEN)
                .header("Accept", "application/json").build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        io.jenkins.plugins.seldon.benchmark.Setup.shutdown(http);
        server.close();
        providerServer.close();
        plain.dispatcher().executorService().shutdown();
        plain.connectionPool().evictAll();
    }

    @Benchmark
    public JsonNode client() throws Exception {
        return client.get(ResourceKind.SELDON_DEPLOYMENT, "production", "model-1");
    }

    @Benchmark
    public JsonNode okHttpJackson() throws IOException {
        try (Response response = plain.newCall(request()).execute()) {
            return mapper.readTree(response.body().byteStream());
        }
    }

    /** The plain call without building its request: one request object, built once, sent again and again. */
    @Benchmark
    public JsonNode okHttpJacksonPrebuilt() throws IOException {
        try (Response response = plain.newCall(prebuilt).execute()) {
            return mapper.readTree(response.body().byteStream());
        }
    }

    /**
     * The same call handed to OkHttp's dispatcher and waited for, as the plugin sent every call before a waiting
     * caller ran its call itself: what handing a call to another thread and the answer back costs.
     */
    @Benchmark
    public JsonNode okHttpJacksonEnqueued() throws Exception {
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        plain.newCall(request()).enqueue(new Callback() {
            @Override
            public void onResponse(Call call, Response response) {
                try (response) {
                    answer.complete(mapper.readTree(response.body().byteStream()));
                } catch (IOException | RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }

            @Override
            public void onFailure(Call call, IOException e) {
                answer.completeExceptionally(e);
            }
        });
        return answer.get();
    }
}
