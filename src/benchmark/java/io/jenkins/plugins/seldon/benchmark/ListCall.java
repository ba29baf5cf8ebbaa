package io.jenkins.plugins.seldon.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.operations.Fields;
import io.jenkins.plugins.seldon.operations.LabelSelector;
import io.jenkins.plugins.seldon.operations.ListProjection;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.ResourceOperations;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A namespace's list of realistic SeldonDeployments (3.4 KB each) as a Pipeline step gets it, against reading the same
 * answer into a Jackson tree with plain OkHttp (parse only), and against the former path (the tree, then a plain copy).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ListCall {

    static final String PATH = "/namespaces/production/seldondeployments";
    static final ListProjection FIELDS = new ListProjection(Fields.of(List.of("metadata.name", "status.state")),
            false, null);
    static final ListProjection NAMES = new ListProjection(Fields.ALL, true, null);
    static final ListProjection SELECTED = new ListProjection(Fields.ALL, false, LabelSelector.parse("env=staging"));

    @Param({"1000", "10000"})
    public int items;

    private BenchServer server;
    private final HttpClientFactory http = new HttpClientFactory();
    private SeldonClient client;
    private ResourceOperations operations;
    private OkHttpClient plain;
    private Request request;
    private final ObjectMapper mapper = new ObjectMapper();

    @Setup(Level.Trial)
    public void start() throws Exception {
        server = new BenchServer().answer(PATH, Deployments.list(items));
        client = io.jenkins.plugins.seldon.benchmark.Setup.client(server, http);
        operations = new ResourceOperations(client,
                io.jenkins.plugins.seldon.benchmark.Setup.NO_LOG, Clock.systemUTC(), null);
        plain = new OkHttpClient();
        request = new Request.Builder().url(server.url() + BenchServer.API + PATH)
                .header("Authorization", "Bearer " + io.jenkins.plugins.seldon.benchmark.Setup.TOKEN).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        io.jenkins.plugins.seldon.benchmark.Setup.shutdown(http);
        server.close();
        plain.dispatcher().executorService().shutdown();
        plain.connectionPool().evictAll();
    }

    /** Plain OkHttp and Jackson: the answer into a tree, nothing else. */
    @Benchmark
    public JsonNode parseOnly() throws IOException {
        try (Response response = plain.newCall(request).execute()) {
            return mapper.readTree(response.body().byteStream());
        }
    }

    /** What the list step did before: the tree of the list, then a plain copy of it. */
    @Benchmark
    public Object formerPath() throws Exception {
        return PlainJson.toPlain(client.list(ResourceKind.SELDON_DEPLOYMENT, "production"));
    }

    /** {@code seldonListDeployments(namespace: 'production')}. */
    @Benchmark
    public List<Object> pipeline() throws Exception {
        return operations.list(ResourceKind.SELDON_DEPLOYMENT, "production", ListProjection.ALL, f -> f);
    }

    /** {@code seldonListDeployments(namespace: 'production', fields: ['metadata.name', 'status.state'])}. */
    @Benchmark
    public List<Object> fields() throws Exception {
        return operations.list(ResourceKind.SELDON_DEPLOYMENT, "production", FIELDS, f -> f);
    }

    /** {@code seldonListDeployments(namespace: 'production', namesOnly: true)}. */
    @Benchmark
    public List<Object> namesOnly() throws Exception {
        return operations.list(ResourceKind.SELDON_DEPLOYMENT, "production", NAMES, f -> f);
    }

    /** {@code seldonListDeployments(namespace: 'production', labelSelector: 'env=staging')}: a tenth of the items. */
    @Benchmark
    public List<Object> selector() throws Exception {
        return operations.list(ResourceKind.SELDON_DEPLOYMENT, "production", SELECTED, f -> f);
    }
}
