package io.jenkins.plugins.seldon.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Checks on URLs that people type, made before any message repeats them. */
public final class Urls {

    private Urls() {
    }

    /**
     * Whether the URL may carry user information ({@code user:password@}), also when typed without a scheme, as in
     * {@code alice:pw@host}, which {@link java.net.URI} reads as the scheme {@code alice}, or without one but with the
     * slashes, as in {@code //alice:pw@host}: such a URL must never be repeated in a message.
     */
    public static boolean mayHoldUserInfo(String url) {
        // The authority, or what a typo makes of it: after a leading scheme and the slashes that follow it, up to the
        // first /, ? or #. Only a leading scheme counts: a "://" further on, e.g. in a query, starts no authority.
        String rest = url.strip().replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*:)?/+", "");
        return rest.split("[/?#]", 2)[0].contains("@");
    }

    /**
     * A base URL that people type, e.g. a cluster's inference URL: http(s), with a host, without user information, a
     * query or a fragment; returned without a trailing slash.
     *
     * @param what names the URL in messages, e.g. {@code The inference URL}
     * @throws IllegalArgumentException naming what is wrong, never repeating user information
     */
    public static URI httpBase(String url, String what) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(what + " is empty");
        }
        if (mayHoldUserInfo(url)) {
            throw new IllegalArgumentException(what + " must not contain user information");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(what + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException(what + " must be an http(s) URL with a host, e.g. https://seldon.example.com");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(what + " must not have a query or a fragment");
        }
        String s = uri.toString();
        return URI.create(s.replaceAll("/+$", ""));
    }
}
