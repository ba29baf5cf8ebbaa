package io.jenkins.plugins.seldon.client;

/** Checks on URLs that people type, made before any message repeats them. */
public final class Urls {

    private Urls() {
    }

    /**
     * Whether the URL may carry user information ({@code user:password@}), also when typed without a scheme, as in
     * {@code alice:pw@host}, which {@link java.net.URI} reads as the scheme {@code alice}: such a URL must never be
     * repeated in a message.
     */
    public static boolean mayHoldUserInfo(String url) {
        String rest = url.strip();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        }
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end).indexOf('@') >= 0;
    }
}
