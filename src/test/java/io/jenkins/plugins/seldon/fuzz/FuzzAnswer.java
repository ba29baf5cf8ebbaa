package io.jenkins.plugins.seldon.fuzz;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An HTTP answer decoded leniently from fuzzer bytes, so that every input is a valid answer and seeds stay readable:
 * <pre>
 * first line      (the target's own use, e.g. which call to make)
 * status line     digits; mapped into 200..599
 * Name: value     headers, until an empty line; unusable names and characters are dropped
 *
 * body            the rest, as bytes
 * </pre>
 * In the body, {@code JWT<claims>JWT} becomes an unsigned JWT with those claims, so that the fuzzer can mutate token
 * claims as text.
 */
record FuzzAnswer(String first, int status, List<String[]> headers, byte[] body) {

    static FuzzAnswer parse(byte[] data) {
        int[] pos = {0};
        String first = line(data, pos);
        String statusLine = line(data, pos);
        List<String[]> headers = new ArrayList<>();
        for (String h = line(data, pos); !h.isEmpty() && pos[0] <= data.length; h = line(data, pos)) {
            int colon = h.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim().replaceAll("[^\\x20-\\x7e]", "");
            if (name.matches("[A-Za-z0-9-]{1,40}")) {
                headers.add(new String[] {name, value});
            }
        }
        byte[] body = pos[0] < data.length ? Arrays.copyOfRange(data, pos[0], data.length) : new byte[0];
        return new FuzzAnswer(first, status(statusLine), headers, jwts(body));
    }

    private static String line(byte[] data, int[] pos) {
        int start = pos[0];
        if (start >= data.length) {
            return "";
        }
        int end = start;
        while (end < data.length && data[end] != '\n') {
            end++;
        }
        pos[0] = end + 1;
        return new String(data, start, Math.max(0, end - start), StandardCharsets.ISO_8859_1).strip();
    }

    private static int status(String line) {
        String digits = line.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return 200;
        }
        int n = Integer.parseInt(digits.substring(0, Math.min(3, digits.length())));
        return n >= 200 && n <= 599 ? n : 200 + n % 400;
    }

    private static byte[] jwts(byte[] body) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        int start = text.indexOf("JWT<");
        if (start < 0) {
            return body;
        }
        StringBuilder out = new StringBuilder();
        int from = 0;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        while (start >= 0) {
            int end = text.indexOf(">JWT", start);
            if (end < 0) {
                break;
            }
            String claims = text.substring(start + 4, end);
            out.append(text, from, start).append(b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)))
                    .append('.').append(b64.encodeToString(claims.getBytes(StandardCharsets.ISO_8859_1))).append(".sig");
            from = end + 4;
            start = text.indexOf("JWT<", from);
        }
        out.append(text.substring(from));
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The body with {@code from} replaced by {@code to} throughout. */
    FuzzAnswer replacing(String from, String to) {
        String text = new String(body, StandardCharsets.ISO_8859_1).replace(from, to);
        return new FuzzAnswer(first, status, headers, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    void send(HttpExchange ex) throws IOException {
        for (String[] h : headers) {
            ex.getResponseHeaders().add(h[0], h[1]);
        }
        boolean noBody = status == 204 || status == 304;
        ex.sendResponseHeaders(status, noBody || body.length == 0 ? -1 : body.length);
        if (!noBody && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
