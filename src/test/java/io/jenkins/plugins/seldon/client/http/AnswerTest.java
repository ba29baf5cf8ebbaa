package io.jenkins.plugins.seldon.client.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.seldon.client.error.AnswerTooLargeException;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a reader sees of an answer: its declared size against the limit, its media type, its first byte. */
class AnswerTest {

    private static final AnswerLimits.Limit TEN_BYTES = AnswerLimits.of(10, 10).api();
    private static final AnswerLimits.Limit DEFAULT = AnswerLimits.of(AnswerLimits.DEFAULT_API_BYTES,
            AnswerLimits.DEFAULT_PROVIDER_BYTES).api();

    private final LocalHttpServer server = LocalHttpServer.http();
    private final OkHttpClient client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(30)).build();

    @AfterEach
    void stop() {
        server.close();
    }

    private <T> T call(String path, AnswerLimits.Limit limit, HttpCalls.AnswerReader<T> reader) throws Exception {
        return HttpCalls.send(client, new Request.Builder().url(server.url() + path).build(), "the test server", limit,
                reader).get(30, TimeUnit.SECONDS);
    }

    private void answer(String path, String contentType, String body) {
        server.on(path, (ex, r) -> LocalHttpServer.respond(ex, 200, contentType, body));
    }

    @Test
    void aDeclaredLengthOfTheLimitIsReadAndOneByteMoreIsRefusedBeforeTheReaderStarts() throws Exception {
        answer("/ten", "text/plain", "0123456789");
        answer("/eleven", "text/plain", "0123456789A");
        assertEquals("0123456789", call("/ten", TEN_BYTES, a -> a.text(100)));
        ExecutionException e = assertThrows(ExecutionException.class, () -> call("/eleven", TEN_BYTES, a -> "unread"));
        assertEquals(10, assertInstanceOf(AnswerTooLargeException.class, e.getCause()).limitBytes());
    }

    @Test
    void theMediaTypeIsWithoutParametersInLowerCase() throws Exception {
        answer("/json", "Application/JSON ; charset=UTF-8", "{}");
        answer("/plain", "text/plain", "x");
        answer("/none", null, "x");
        assertEquals("application/json", call("/json", DEFAULT, Answer::contentType));
        assertEquals("text/plain", call("/plain", DEFAULT, Answer::contentType));
        assertEquals("", call("/none", DEFAULT, Answer::contentType));
    }

    @Test
    void theFirstByteAfterWhiteSpaceIsSeenWithoutConsumingTheBody() throws Exception {
        String body = " \r\n\t<html>";
        answer("/page", "text/html", body);
        assertEquals("'<' " + body + " " + body.length(),
                call("/page", DEFAULT, a -> "'" + (char) a.firstNonSpace() + "' " + a.text(100) + " " + a.received()));
        answer("/empty", "application/json", "");
        assertEquals(-1, call("/empty", DEFAULT, Answer::firstNonSpace));
    }

    @Test
    void whiteSpaceBeyondTheLookAheadIsReportedAsWhiteSpace() throws Exception {
        answer("/spaces", "text/html", " ".repeat(9000) + "<html>");
        assertEquals(' ', call("/spaces", DEFAULT, Answer::firstNonSpace));
    }
}
