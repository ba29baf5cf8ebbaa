package io.jenkins.plugins.seldon.client.http;

import io.jenkins.plugins.seldon.client.error.AnswerTooLargeException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import okhttp3.Headers;
import okhttp3.Request;
import okhttp3.Response;
import okio.BufferedSource;

/**
 * An answer as it arrives: status and headers, and a body that can be read once, through the call's size limit.
 * Only valid inside the {@link HttpCalls.AnswerReader} it is given to.
 */
public final class Answer {

    private static final int PEEK = 8192;

    private final Request request;
    private final Response response;
    private final String what;
    private final AnswerLimits.Limit limit;
    private final CappedInputStream counted;

    Answer(Request request, Response response, String what, AnswerLimits.Limit limit) throws AnswerTooLargeException {
        this.request = request;
        this.response = response;
        this.what = what;
        this.limit = limit;
        // A declared length over the limit is refused before anything is read.
        if (response.body().contentLength() > limit.bytes()) {
            throw tooLarge();
        }
        this.counted = new CappedInputStream(response.body().byteStream(), limit.bytes(), this::tooLarge);
    }

    public int status() {
        return response.code();
    }

    public Headers headers() {
        return response.headers();
    }

    /** The request this answers. */
    public Request request() {
        return request;
    }

    /** {@code METHOD url} without user information, query or fragment. */
    public String where() {
        return HttpCalls.where(request);
    }

    /** The media type without parameters, lower case, or {@code ""}. */
    public String contentType() {
        String ct = response.header("Content-Type");
        if (ct == null) {
            return "";
        }
        return ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /**
     * The body, for a parser to read directly. Reading more than the limit fails with an
     * {@link AnswerTooLargeException}.
     */
    public InputStream body() {
        return counted;
    }

    /** The bytes of the body received so far; all of them, once a parser has read it to its end. */
    public long received() {
        return counted.count();
    }

    /** The first byte of the body that is not JSON white space, without consuming it, or -1 for an empty body. */
    public int firstNonSpace() throws IOException {
        // Read ahead in the response's own buffer, which the body's reader then reads (and counts) first.
        BufferedSource ahead = response.body().source().peek();
        for (int i = 0; i < PEEK - 1; i++) {
            if (!ahead.request(1)) {
                return -1;
            }
            int b = ahead.readByte() & 0xff;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return ' ';
    }

    /** At most {@code maxBytes} of the body as UTF-8 text, for messages; the rest is left unread. */
    public String text(int maxBytes) throws IOException {
        return new String(counted.readNBytes((int) Math.min(maxBytes, limit.bytes())), StandardCharsets.UTF_8);
    }

    private AnswerTooLargeException tooLarge() {
        return new AnswerTooLargeException("The answer of " + what + " to " + where() + " is larger than "
                + AnswerLimits.describe(limit.bytes()) + ", the most the plugin reads from it, so it was refused. "
                + "If such answers are expected, raise the limit on the Jenkins controller with the system property "
                + limit.property() + " (in bytes).", limit.bytes(), limit.property());
    }
}
