package io.jenkins.plugins.seldon.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import io.jenkins.plugins.seldon.client.ServerSettings;
import io.jenkins.plugins.seldon.client.error.AnswerTooLargeException;
import io.jenkins.plugins.seldon.client.error.UnexpectedResponseException;
import io.jenkins.plugins.seldon.client.http.AnswerLimits;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import io.jenkins.plugins.seldon.testing.TestHttp;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Lists read item by item from the answer ({@link SeldonClient#list(ResourceKind, String, java.util.function.Supplier)}):
 * what the collector sees, what is skipped, and answers that are no list.
 */
class StreamedListTest {

    private static final String LIST = "/seldon-deploy/api/v1alpha1/namespaces/staging/seldondeployments";

    private final LocalHttpServer server = LocalHttpServer.http();
    private final CountingAuthenticator auth = new CountingAuthenticator();

    @AfterEach
    void stop() {
        server.close();
    }

    /** Collects the name of each item, skipping the rest of it; counts how many collectors were made. */
    private static final class Names implements SeldonClient.ItemCollector<List<String>> {
        static final AtomicInteger MADE = new AtomicInteger();
        final List<String> names = new ArrayList<>();

        Names() {
            MADE.incrementAndGet();
        }

        @Override
        public void add(JsonParser p) throws IOException {
            String name = null;
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("name")) {
                    name = p.getText();
                } else {
                    p.skipChildren();
                }
            }
            names.add(name);
        }

        @Override
        public List<String> result() {
            return names;
        }
    }

    private SeldonClient.Listed<List<String>> list(SeldonClient client) throws Exception {
        Names.MADE.set(0);
        return client.list(ResourceKind.SELDON_DEPLOYMENT, "staging", Names::new);
    }

    private SeldonClient client() {
        return new SeldonClient(new ServerSettings(server.url()), auth, TestHttp.factory());
    }

    @Test
    void eachItemIsHandedToTheCollectorAndTheOtherFieldsAreSkipped() throws Exception {
        String body = "{\"kind\":\"SeldonDeploymentList\",\"metadata\":{\"continue\":\"\",\"x\":[1,{\"items\":[9]}]},"
                + "\"items\":[{\"name\":\"iris\",\"spec\":{\"a\":[1,2]}},{\"name\":\"wine\"}],\"after\":{\"items\":1}}";
        server.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, body));

        // The JDK server may keep the broken-off connection open: the read timeout ends it without a minute's wait.
        SeldonClient.Listed<List<String>> listed = list(new SeldonClient(new ServerSettings(server.url(),
                TlsSettings.verify(), null, Duration.ofSeconds(2)), auth, TestHttp.factory()));

        assertEquals(List.of("iris", "wine"), listed.items());
        assertEquals(2, listed.received());
        assertEquals(body.getBytes(StandardCharsets.UTF_8).length, listed.bytes());
        assertEquals(1, Names.MADE.get());
    }

    @Test
    void noItemsOrNullItemsAreAnEmptyList() throws Exception {
        server.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"items\":null}"));
        assertEquals(List.of(), list(client()).items());
        server.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"kind\":\"SeldonDeploymentList\"}"));
        SeldonClient.Listed<List<String>> listed = list(client());
        assertEquals(List.of(), listed.items());
        assertEquals(0, listed.received());
    }

    @Test
    void answersThatAreNoListAreRefusedWithWhatTheyAre() {
        server.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"items\":{\"name\":\"iris\"}}"));
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class, () -> list(client()));
        assertTrue(e.getMessage().contains("has no items array (GET " + server.url() + LIST + ")"), e.getMessage());

        server.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "[{\"name\":\"iris\"}]"));
        e = assertThrows(UnexpectedResponseException.class, () -> list(client()));
        assertTrue(e.getMessage().contains("is not a JSON object"), e.getMessage());

        server.on(LIST, (ex, r) -> LocalHttpServer.json(ex, 200, "{\"items\":[{\"name\":\"iris\"}, {\"na"));
        e = assertThrows(UnexpectedResponseException.class, () -> list(client()));
        assertTrue(e.getMessage().contains("is not a JSON object"), e.getMessage());
    }

    @Test
    void theSizeLimitHoldsWhileItemsAreRead() {
        String item = "{\"name\":\"" + "x".repeat(200) + "\"}";
        String body = "{\"items\":[" + String.join(",", java.util.Collections.nCopies(20, item)) + "]}";
        server.on(LIST, (ex, r) -> {
            // No declared length: the limit can only be noticed while reading.
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body.getBytes(StandardCharsets.UTF_8));
            }
        });
        SeldonClient client = new SeldonClient(new ServerSettings(server.url()), auth,
                TestHttp.factory(AnswerLimits.of(1000, 1000)));
        AnswerTooLargeException e = assertThrows(AnswerTooLargeException.class, () -> list(client));
        assertTrue(e.getMessage().contains("larger than 1000 bytes"), e.getMessage());
    }

    @Test
    void aListBrokenOffIsReadAgainWithANewCollector() throws Exception {
        byte[] body = "{\"items\":[{\"name\":\"iris\"},{\"name\":\"wine\"}]}".getBytes(StandardCharsets.UTF_8);
        AtomicInteger calls = new AtomicInteger();
        server.on(LIST, (ex, r) -> {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            OutputStream out = ex.getResponseBody();
            if (calls.incrementAndGet() == 1) {
                // The first item, then the connection breaks.
                out.write(body, 0, 26);
                out.flush();
                try {
                    out.close();
                } catch (IOException expected) {
                    // Fewer bytes than declared: the server drops the connection.
                }
                return;
            }
            out.write(body);
            out.close();
        });

        // The JDK server may keep the broken-off connection open: the read timeout ends it without a minute's wait.
        SeldonClient.Listed<List<String>> listed = list(new SeldonClient(new ServerSettings(server.url(),
                TlsSettings.verify(), null, Duration.ofSeconds(2)), auth, TestHttp.factory()));

        assertEquals(List.of("iris", "wine"), listed.items());
        assertEquals(2, calls.get());
        assertEquals(2, Names.MADE.get());
    }
}
