package io.jenkins.plugins.seldon.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.seldon.client.api.ResourceKind;
import io.jenkins.plugins.seldon.client.api.SeldonClient;
import io.jenkins.plugins.seldon.client.auth.TokenCache;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.operations.ListProjection;
import io.jenkins.plugins.seldon.operations.PlainJson;
import io.jenkins.plugins.seldon.operations.ResourceOperations;
import io.jenkins.plugins.seldon.operations.ResourceWait;
import io.jenkins.plugins.seldon.testing.FakeOidcProvider;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The benchmark command ({@code bash .ci/benchmark}): times and allocation with JMH ({@link WarmCall},
 * {@link ListCall}), then request counts, token requests under concurrency, heap ({@link HeapProbe}) and the
 * requests of a rollout wait, all against local servers in this one run; prints one Markdown table of figures and
 * ratios.
 */
public final class Benchmarks {

    private static final double MB = 1024.0 * 1024.0;
    private final List<String> rows = new ArrayList<>();

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("heap")) {
            // One measurement in a JVM of its own: see heap().
            System.out.println("HEAP " + listHeap(args[1], Integer.parseInt(args[2])));
            System.exit(0);
        }
        if (args.length == 1 && args[0].equals("paired")) {
            // One JVM of the paired measurements: see paired().
            pairedInThisJvm();
            System.exit(0);
        }
        Benchmarks b = new Benchmarks();
        Map<String, RunResult> jmh = b.jmh();
        Map<String, List<double[]>> paired = paired();
        b.warmCall(jmh, paired);
        b.requestsPerCall();
        b.tokensUnderConcurrency();
        b.lists(jmh, paired);
        b.rollout(10, 2);
        System.out.println();
        System.out.println("| Measure | Figure | Reference | Ratio | Target |");
        System.out.println("|---|---|---|---|---|");
        b.rows.forEach(System.out::println);
        // OkHttp's threads linger for a minute otherwise.
        System.exit(0);
    }

    private void row(String measure, String figure, String reference, String ratio, String target) {
        rows.add("| " + String.join(" | ", measure, figure, reference, ratio, target) + " |");
    }

    // ---- JMH ---------------------------------------------------------------------------------------------------

    /** Results by {@code method} or {@code method:items}. */
    private Map<String, RunResult> jmh() throws Exception {
        Options options = new OptionsBuilder()
                .include(WarmCall.class.getName() + "\\.")
                .include(ListCall.class.getName() + "\\.")
                // Two forks of eight short iterations: on a small shared machine, fewer long ones gave error margins
                // larger than the figures.
                .forks(2).warmupIterations(4).warmupTime(TimeValue.seconds(2))
                .measurementIterations(8).measurementTime(TimeValue.seconds(1))
                .addProfiler(GCProfiler.class)
                // A fixed heap: no resizing in the middle of a measurement.
                .jvmArgsAppend("-Xms3g", "-Xmx3g")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, RunResult> byName = new LinkedHashMap<>();
        for (RunResult r : results) {
            String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
            String items = r.getParams().getParam("items");
            byName.put(items == null ? method : method + ":" + items, r);
        }
        return byName;
    }

    private static double score(Map<String, RunResult> jmh, String name) {
        return jmh.get(name).getPrimaryResult().getScore();
    }

    /** Bytes allocated per operation, from the GC profiler. */
    private static double allocated(Map<String, RunResult> jmh, String name) {
        for (Map.Entry<String, Result> e : jmh.get(name).getSecondaryResults().entrySet()) {
            if (e.getKey().endsWith("gc.alloc.rate.norm")) {
                return e.getValue().getScore();
            }
        }
        return Double.NaN;
    }

    // ---- paired ratios ------------------------------------------------------------------------------------------

    private static final int PAIRED_JVMS = 5;

    /** The pairs' ratios ({@link Paired}) of the targets' comparisons, by comparison, one array per JVM. */
    private static Map<String, List<double[]>> paired() throws Exception {
        Map<String, List<double[]>> byName = new LinkedHashMap<>();
        for (int i = 0; i < PAIRED_JVMS; i++) {
            String out = child(List.of("-Xms3g", "-Xmx3g"), "paired");
            for (String line : out.split("\\R")) {
                if (line.startsWith("PAIRED ")) {
                    String[] words = line.split(" ");
                    double[] ratios = new double[words.length - 2];
                    for (int j = 0; j < ratios.length; j++) {
                        ratios[j] = Double.parseDouble(words[j + 2]);
                    }
                    byName.computeIfAbsent(words[1], k -> new ArrayList<>()).add(ratios);
                }
            }
        }
        return byName;
    }

    /** The client's warm call against plain OkHttp + Jackson, and each list as a Pipeline gets it against parse only. */
    private static void pairedInThisJvm() throws Exception {
        WarmCall warm = new WarmCall();
        warm.start();
        try {
            printPaired("warm", new Paired(warm::client, warm::okHttpJackson).ratios(10, 100, 200));
        } finally {
            warm.stop();
        }
        for (int n : new int[] {1_000, 10_000}) {
            ListCall list = new ListCall();
            list.items = n;
            list.start();
            try {
                printPaired("list" + n, new Paired(list::pipeline, list::parseOnly).ratios(10, 100, n < 10_000 ? 100 : 40));
            } finally {
                list.stop();
            }
        }
    }

    private static void printPaired(String name, double[] ratios) {
        StringBuilder line = new StringBuilder("PAIRED ").append(name);
        for (double r : ratios) {
            line.append(' ').append(r);
        }
        System.out.println(line);
    }

    // ---- warm call ---------------------------------------------------------------------------------------------

    private void warmCall(Map<String, RunResult> jmh, Map<String, List<double[]>> paired) {
        double client = score(jmh, "client");
        double plain = score(jmh, "okHttpJackson");
        row("Warm call (GET of one 3.4 KB SeldonDeployment), time", f("%.1f µs", client),
                f("%.1f µs (OkHttp + Jackson, same bytes)", plain),
                Paired.summary(paired.get("warm")) + f("; JMH alone %.2f", client / plain), "<= 1.05");
        double prebuilt = score(jmh, "okHttpJacksonPrebuilt");
        row("Warm call against the plain call sending one request object built once", f("%.1f µs", client),
                f("%.1f µs (OkHttp + Jackson, same bytes)", prebuilt), f("%.2f", client / prebuilt), "former reference");
        double enqueued = score(jmh, "okHttpJacksonEnqueued");
        row("Warm call, the same plain call handed to OkHttp's dispatcher and waited for", f("%.1f µs", enqueued),
                f("%.1f µs (OkHttp + Jackson, same bytes)", plain), f("%.2f", enqueued / plain), "reference");
        row("Warm call, allocation", f("%.1f KB", allocated(jmh, "client") / 1024),
                f("%.1f KB", allocated(jmh, "okHttpJackson") / 1024),
                f("%.2f", allocated(jmh, "client") / allocated(jmh, "okHttpJackson")), "");
    }

    // ---- requests ----------------------------------------------------------------------------------------------

    private void requestsPerCall() throws Exception {
        try (BenchServer api = new BenchServer().answer(WarmCall.PATH, "{\"metadata\":{\"name\":\"model-1\"}}"
                .getBytes(StandardCharsets.UTF_8)); LocalHttpServer idp = LocalHttpServer.http()) {
            FakeOidcProvider provider = new FakeOidcProvider(idp, Clock.systemUTC());
            SeldonClient client = Setup.oidcClient(api, provider, new HttpClientFactory(),
                    new TokenCache());
            client.get(ResourceKind.SELDON_DEPLOYMENT, "production", "model-1");
            long cold = api.requests() + idp.requests().size();
            String coldParts = api.requests() + " API, " + provider.discoveryRequests() + " discovery, "
                    + provider.tokenRequests().size() + " token";
            api.reset();
            int idpBefore = idp.requests().size();
            client.get(ResourceKind.SELDON_DEPLOYMENT, "production", "model-1");
            long warm = api.requests() + idp.requests().size() - idpBefore;
            row("Requests per warm call", String.valueOf(warm), (idp.requests().size() - idpBefore)
                    + " to the OIDC provider", "", "1");
            row("Requests per cold call (new token cache)", String.valueOf(cold), coldParts, "", "3");
        }
    }

    private void tokensUnderConcurrency() throws Exception {
        try (BenchServer api = new BenchServer().answer(WarmCall.PATH, "{\"metadata\":{\"name\":\"model-1\"}}"
                .getBytes(StandardCharsets.UTF_8)); LocalHttpServer idp = LocalHttpServer.http()) {
            MutableClock clock = MutableClock.startingNow();
            FakeOidcProvider provider = new FakeOidcProvider(idp, clock);
            provider.lifetimeSeconds = 300;
            for (boolean refresh : new boolean[] {false, true}) {
                int before = provider.tokenRequests().size();
                SeldonClient client = Setup.oidcClient(api, provider, new HttpClientFactory(),
                        new TokenCache(clock, Duration.ofSeconds(30)));
                AtomicInteger calls = new AtomicInteger();
                ExecutorService threads = Executors.newFixedThreadPool(32);
                List<Future<?>> done = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    done.add(threads.submit((Callable<Void>) () -> {
                        if (calls.incrementAndGet() == 5_000 && refresh) {
                            // Half way, the token expires (past its lifetime less the cache's margin).
                            clock.advance(Duration.ofSeconds(provider.lifetimeSeconds));
                        }
                        client.get(ResourceKind.SELDON_DEPLOYMENT, "production", "model-1");
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                threads.shutdown();
                int tokens = provider.tokenRequests().size() - before;
                row(refresh ? "Token requests, 10,000 calls from 32 threads across one refresh"
                                : "Token requests, 10,000 calls from 32 threads within one token lifetime",
                        String.valueOf(tokens), "", "", refresh ? "2" : "1");
            }
        }
    }

    // ---- lists -------------------------------------------------------------------------------------------------

    private static final List<String> VARIANTS = List.of("parseOnly", "formerPath", "pipeline", "fields",
            "namesOnly", "selector");

    private void lists(Map<String, RunResult> jmh, Map<String, List<double[]>> paired) throws Exception {
        for (int n : new int[] {1_000, 10_000}) {
            Map<String, Long> heap = new LinkedHashMap<>();
            for (String variant : VARIANTS) {
                heap.put(variant, heap(variant, n));
            }
            listRows(jmh, n, Deployments.list(n).length, heap, paired.get("list" + n));
        }
    }

    /** Runs {@link #listHeap} in a JVM of its own. */
    private static long heap(String variant, int n) throws Exception {
        String out = child(List.of("-XX:+UseSerialGC", "-Xmx3g"), "heap", variant, String.valueOf(n));
        if (!out.contains("HEAP ")) {
            throw new IllegalStateException("The heap probe of " + variant + " printed no figure: " + out);
        }
        return Long.parseLong(out.substring(out.indexOf("HEAP ") + 5).trim());
    }

    /** Runs this class in a JVM of its own with the options and arguments given; returns what it printed. */
    private static String child(List<String> options, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(options);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Benchmarks.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("The benchmark JVM " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    /** The heap one list call of {@code variant} holds at its end ({@link HeapProbe}). */
    private static long listHeap(String variant, int n) throws Exception {
        byte[][] payload = {Deployments.list(n)};
        try (BenchServer api = new BenchServer().answer(ListCall.PATH, payload[0])) {
            SeldonClient client = Setup.client(api, new HttpClientFactory());
            ResourceOperations operations = new ResourceOperations(client, Setup.NO_LOG, Clock.systemUTC(), null);
            OkHttpClient plain = new OkHttpClient();
            Request request = new Request.Builder().url(api.url() + BenchServer.API + ListCall.PATH).build();
            ObjectMapper mapper = new ObjectMapper();
            Callable<Object> call = switch (variant) {
                case "parseOnly" -> () -> {
                    try (Response response = plain.newCall(request).execute()) {
                        return mapper.readTree(response.body().byteStream());
                    }
                };
                case "formerPath" -> () -> {
                    com.fasterxml.jackson.databind.JsonNode tree = client.list(ResourceKind.SELDON_DEPLOYMENT,
                            "production");
                    // At its end the former path held both.
                    return new Object[] {tree, PlainJson.toPlain(tree)};
                };
                case "pipeline" -> () -> operations.list(ResourceKind.SELDON_DEPLOYMENT, "production",
                        ListProjection.ALL, f -> f);
                case "fields" -> () -> operations.list(ResourceKind.SELDON_DEPLOYMENT, "production", ListCall.FIELDS,
                        f -> f);
                case "namesOnly" -> () -> operations.list(ResourceKind.SELDON_DEPLOYMENT, "production",
                        ListCall.NAMES, f -> f);
                case "selector" -> () -> operations.list(ResourceKind.SELDON_DEPLOYMENT, "production",
                        ListCall.SELECTED, f -> f);
                default -> throw new IllegalArgumentException(variant);
            };
            return HeapProbe.retained(call);
        }
    }

    private void listRows(Map<String, RunResult> jmh, int n, long payload, Map<String, Long> heap,
            List<double[]> paired) {
        String list = f("%,d", n) + " SeldonDeployments (" + f("%.1f MB", payload / MB) + ")";
        double parse = score(jmh, "parseOnly:" + n);
        double tree = heap.get("parseOnly");
        row(list + ", parse only (OkHttp + Jackson tree)", f("%.0f ms", parse),
                f("alloc %.0f MB, heap %.1f MB", allocated(jmh, "parseOnly:" + n) / MB, tree / MB),
                f("heap %.1fx payload", tree / payload), "reference");
        String[][] variants = {
            {"formerPath", "former path (tree, then plain copy)", ""},
            {"pipeline", "as a Pipeline gets it, whole", "time <= 1.1x parse only; heap <= tree"},
            {"fields", "with fields: ['metadata.name', 'status.state']", "heap <= 1x payload"},
            {"namesOnly", "with namesOnly: true", "heap <= 1x payload"},
            {"selector", "with labelSelector: 'env=staging' (1 in 10)", ""},
        };
        for (String[] v : variants) {
            String key = v[0] + ":" + n;
            long h = heap.get(v[0]);
            String time = v[0].equals("pipeline")
                    ? "time " + Paired.summary(paired) + f(", JMH alone %.2fx", score(jmh, key) / parse)
                    : f("time %.2fx", score(jmh, key) / parse);
            row(list + ", " + v[1], f("%.0f ms, alloc %.1f MB, heap %.2f MB", score(jmh, key),
                            allocated(jmh, key) / MB, h / MB),
                    "parse only",
                    time + f(", heap %.2fx tree, %.3fx payload", h / tree, (double) h / payload),
                    v[2]);
        }
    }

    // ---- rollout -----------------------------------------------------------------------------------------------

    /** Requests while a deployment takes {@code seconds} to become Available, polled every {@code interval} s. */
    private void rollout(int seconds, int interval) throws Exception {
        long readyAt = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        byte[] creating = "{\"metadata\":{\"name\":\"rollout\"},\"status\":{\"state\":\"Creating\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] available = "{\"metadata\":{\"name\":\"rollout\"},\"status\":{\"state\":\"Available\"}}"
                .getBytes(StandardCharsets.UTF_8);
        try (BenchServer api = new BenchServer().answer("/namespaces/production/seldondeployments/rollout",
                () -> System.nanoTime() < readyAt ? creating : available)) {
            new ResourceWait(Setup.client(api, new HttpClientFactory()), Setup.NO_LOG, Clock.systemUTC()).run(
                    ResourceKind.SELDON_DEPLOYMENT, "production", "rollout", Duration.ofMinutes(2),
                    Duration.ofSeconds(interval), null);
            row(f("Requests while waiting for a rollout of %d s, polling every %d s", seconds, interval),
                    String.valueOf(api.requests()), f("schedule: 1 + %d / %d", seconds, interval), "",
                    "<= " + (1 + (seconds + interval - 1) / interval));
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
