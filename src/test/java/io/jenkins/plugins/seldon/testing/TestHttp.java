package io.jenkins.plugins.seldon.testing;

import com.sun.net.httpserver.HttpExchange;
import io.jenkins.plugins.seldon.client.http.AnswerLimits;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryPolicy;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/** HTTP client factories with test-sized waits, and server-side helpers for answers that never end. */
public final class TestHttp {

    /** Three attempts, as by default, but backoff of milliseconds; a server's Retry-After up to 5 seconds. */
    public static final RetryPolicy FAST_RETRIES =
            new RetryPolicy(3, Duration.ofMillis(20), Duration.ofMillis(100), Duration.ofSeconds(5));

    private TestHttp() {
    }

    /** The default limits, with {@link #FAST_RETRIES}. */
    public static HttpClientFactory factory() {
        return new HttpClientFactory(new okhttp3.OkHttpClient(), AnswerLimits.fromSystemProperties(), FAST_RETRIES);
    }

    public static HttpClientFactory factory(AnswerLimits limits) {
        return new HttpClientFactory(new okhttp3.OkHttpClient(), limits, FAST_RETRIES);
    }

    /**
     * Answers 200 with a JSON object whose one array of strings never ends (chunked, no length), until the client
     * stops reading. Returns the bytes written.
     */
    public static long endlessJson(HttpExchange ex) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        // Strings of a chunk each: within the parser's own limit on one string, so that only the size cap stops it.
        chunk[chunk.length - 3] = '"';
        chunk[chunk.length - 2] = ',';
        chunk[chunk.length - 1] = '"';
        long written = 0;
        try (OutputStream out = ex.getResponseBody()) {
            byte[] start = "{\"id_token\":[\"".getBytes(StandardCharsets.US_ASCII);
            out.write(start);
            written += start.length;
            while (true) {
                out.write(chunk);
                written += chunk.length;
            }
        } catch (IOException e) {
            // The client hung up: what the test expects.
            return written;
        }
    }
}
