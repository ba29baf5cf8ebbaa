package io.jenkins.plugins.seldon.client.api;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import okhttp3.HttpUrl;

/**
 * A path below the API base URL that a build gave for a call the named steps do not cover, checked before anything is
 * sent so that the call cannot leave the base path: no absolute URL, no {@code .} or {@code ..} segment, no backslash,
 * query or fragment, and nothing that decodes to one ({@code %2F}, {@code %2E%2E}, {@code %5C}) or to another
 * percent sign (double encoding). Each segment is kept decoded and sent as exactly one encoded segment.
 */
public final class ApiPath {

    private final List<String> segments;

    private ApiPath(List<String> segments) {
        this.segments = List.copyOf(segments);
    }

    /**
     * Reads a path such as {@code /namespaces/models/seldondeployments} (the leading slash is optional, one trailing
     * slash is ignored).
     *
     * @throws IllegalArgumentException saying what is wrong, before any request
     */
    public static ApiPath parse(String path) {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("The path is empty; give one below the API base URL, e.g. "
                    + "/namespaces/models/seldondeployments");
        }
        String p = path.strip();
        if (p.contains("://") || p.startsWith("//")) {
            throw new IllegalArgumentException("The path must be below the API base URL, e.g. /user; an absolute URL"
                    + " or a host is not accepted");
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\' || c == '?' || c == '#' || Character.isWhitespace(c) || Character.isISOControl(c)) {
                // What follows a ? or # may be a token: the message, which a build logs, stops before it.
                String shown = c == '?' || c == '#' ? p.substring(0, i + 1) + "..." : p;
                throw new IllegalArgumentException("The path must not contain "
                        + (c == '?' ? "a query (give it as query:)" : c == '#' ? "a fragment"
                                : c == '\\' ? "backslashes" : "white space or control characters")
                        + ": " + printable(shown));
            }
        }
        if (p.startsWith("/")) {
            p = p.substring(1);
        }
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        List<String> segments = new ArrayList<>();
        for (String raw : p.split("/", -1)) {
            if (raw.isEmpty()) {
                throw new IllegalArgumentException("The path has an empty segment: " + path.strip());
            }
            String segment = decode(raw, path.strip());
            // Servers and proxies that strip ;parameters from a segment (as servlet containers do) read "..;x" as "..".
            String beforeParameters = segment.split(";", 2)[0];
            if (beforeParameters.equals(".") || beforeParameters.equals("..") || segment.contains("/")
                    || segment.contains("\\") || segment.contains("%")
                    || segment.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("The path must stay below the API base URL: the segment '" + raw
                        + "' is, or decodes to, a dot segment (with or without ;parameters), a slash, a backslash, a"
                        + " percent sign or a control character");
            }
            segments.add(segment);
        }
        return new ApiPath(segments);
    }

    /** The decoded segments, e.g. {@code [namespaces, models, seldondeployments]}. */
    public List<String> segments() {
        return segments;
    }

    /** This path below {@code apiBase}, each segment encoded as one. */
    HttpUrl url(HttpUrl apiBase) {
        HttpUrl.Builder b = apiBase.newBuilder();
        segments.forEach(b::addPathSegment);
        return b.build();
    }

    /** Percent-decodes one segment: its text as UTF-8 bytes, each {@code %XX} one byte, the result read as UTF-8. */
    private static String decode(String raw, String path) {
        try {
            // New encoders and decoders report malformed input (a lone surrogate, bytes that are no UTF-8).
            ByteBuffer in = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(raw));
            ByteBuffer out = ByteBuffer.allocate(in.remaining());
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '%') {
                    // A byte of a character beyond ASCII is negative: no hex digit.
                    int hi = in.remaining() < 2 ? -1 : Character.digit(in.get(), 16);
                    int lo = hi < 0 ? -1 : Character.digit(in.get(), 16);
                    if (lo < 0) {
                        throw new IllegalArgumentException("The path has an invalid percent-encoding: " + path);
                    }
                    b = (byte) (hi * 16 + lo);
                }
                out.put(b);
            }
            return StandardCharsets.UTF_8.newDecoder().decode(out.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("The path does not decode to UTF-8 text: " + path, e);
        }
    }

    private static String printable(String text) {
        return text.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiPath other && segments.equals(other.segments);
    }

    @Override
    public int hashCode() {
        return Objects.hash(segments);
    }

    /** {@code /namespaces/models/seldondeployments}, decoded. */
    @Override
    public String toString() {
        return "/" + String.join("/", segments);
    }
}
