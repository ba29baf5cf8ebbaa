package io.jenkins.plugins.seldon.client;

import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a Seldon Enterprise Platform API lives and how to reach it. Immutable; equal settings share one HTTP client.
 */
public final class ServerSettings {

    /** The API's base path, appended when a user gives only the host. */
    public static final String API_PATH = "/seldon-deploy/api/v1alpha1";

    /** Used when no (or a non-positive) connect timeout is configured. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Used when no (or a non-positive) read timeout is configured. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);

    private final URI apiUrl;
    private final TlsSettings tls;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    /**
     * @param apiUrl {@code https://host} or the full API URL; normalised to the form ending in {@value #API_PATH}
     * @param connectTimeout {@code null} or non-positive for {@link #DEFAULT_CONNECT_TIMEOUT}
     * @param readTimeout {@code null} or non-positive for {@link #DEFAULT_READ_TIMEOUT}
     */
    public ServerSettings(String apiUrl, TlsSettings tls, Duration connectTimeout, Duration readTimeout) {
        this.apiUrl = normaliseApiUrl(apiUrl);
        this.tls = Objects.requireNonNull(tls, "tls");
        this.connectTimeout = positive(connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        this.readTimeout = positive(readTimeout, DEFAULT_READ_TIMEOUT);
    }

    /** Verified TLS and default timeouts. */
    public ServerSettings(String apiUrl) {
        this(apiUrl, TlsSettings.verify(), null, null);
    }

    /**
     * Accepts {@code https://host}, {@code https://host/}, or the full {@code .../seldon-deploy/api/v1alpha1} (with or
     * without a trailing slash) and returns the full API URL without a trailing slash.
     *
     * @throws IllegalArgumentException naming what is wrong with the URL
     */
    public static URI normaliseApiUrl(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("The Seldon API URL is empty");
        }
        // Stripped as Urls.mayHoldUserInfo strips it, so that the check below sees what the URI parser sees.
        String text = url.strip();
        // First, because the messages below repeat the URL.
        if (Urls.mayHoldUserInfo(text)) {
            throw new IllegalArgumentException(
                    "The Seldon API URL must not contain user information; put credentials in Jenkins credentials");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Seldon API URL is not a valid URL: " + e.getReason() + " at index "
                    + e.getIndex() + shown(": ", text), e);
        }
        // No user information here: Urls.mayHoldUserInfo refused every authority that the URI parser reads with it.
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("The Seldon API URL must not contain a query or a fragment");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("The Seldon API URL must start with https:// (or http://)"
                    + shown(", got: ", text));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("The Seldon API URL has no host" + shown(": ", text));
        }
        // Decoded, because the URI constructor below encodes it again; never null with a host.
        String path = uri.getPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        // Completes the longest start of the API path the path ends in (all of it, /seldon-deploy/api, ..., or
        // none): a full API URL stays as it is, a partial one such as https://host/seldon-deploy is completed.
        String prefix = API_PATH;
        while (!path.endsWith(prefix)) {
            prefix = prefix.substring(0, prefix.lastIndexOf('/'));
        }
        path = path + API_PATH.substring(prefix.length());
        try {
            return new URI(scheme, null, uri.getHost().toLowerCase(Locale.ROOT), uri.getPort(), path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("The Seldon API URL is not a valid URL: " + e.getMessage(), e);
        }
    }

    /**
     * The URL for a message after {@code separator}, or nothing when it holds an {@code @} anywhere: a password with a
     * {@code /} in it ends the authority early, so the user information check cannot see it, but it would still be
     * repeated here.
     */
    private static String shown(String separator, String text) {
        return text.contains("@") ? "" : separator + text;
    }

    private static Duration positive(Duration d, Duration fallback) {
        return d == null || d.isZero() || d.isNegative() ? fallback : d;
    }

    /** The API base URL, ending in {@value #API_PATH}, no trailing slash. */
    public URI apiUrl() {
        return apiUrl;
    }

    public TlsSettings tls() {
        return tls;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServerSettings s && apiUrl.equals(s.apiUrl) && tls.equals(s.tls)
                && connectTimeout.equals(s.connectTimeout) && readTimeout.equals(s.readTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(apiUrl, tls, connectTimeout, readTimeout);
    }

    @Override
    public String toString() {
        return apiUrl.toString();
    }
}
