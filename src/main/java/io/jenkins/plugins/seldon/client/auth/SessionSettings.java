package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.Urls;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;

/**
 * One user's session login through the authenticating gateway in front of the API: where the login starts (the API
 * URL, which the gateway redirects to its login page), which gateway, the name of its session cookie, the Dex
 * connector to choose when Dex offers several, and the one origin besides the gateway's that may receive the password.
 *
 * <p>The user name and password are sent only in the POST of a login form, and only when both the page that served
 * the form and the form's action are on the API URL's origin (scheme, host and port) or on the allowed login origin,
 * over https unless the API URL itself uses plain http. {@link #secretDestinations()} says where that is.
 */
public final class SessionSettings {

    // RFC 6265 cookie-name: an RFC 2616 token.
    private static final Pattern COOKIE_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    // A Dex connector id as it appears in one path segment of Dex's URLs.
    private static final Pattern CONNECTOR = Pattern.compile("[A-Za-z0-9._~-]+");

    private final URI apiUrl;
    private final GatewayKind kind;
    private final String cookieName;
    private final String dexConnector;
    private final URI loginOrigin;
    private final String username;
    private final SecretText password;

    private SessionSettings(Builder b) {
        this.apiUrl = httpUrl(Objects.requireNonNull(b.apiUrl, "apiUrl"), "API URL");
        this.kind = Objects.requireNonNull(b.kind, "kind");
        String cookie = b.cookieName == null || b.cookieName.isBlank() ? kind.defaultCookie() : b.cookieName.strip();
        if (cookie == null) {
            throw new IllegalArgumentException("Give the name of the gateway's session cookie: " + kind.displayName()
                    + " has no known default");
        }
        if (!COOKIE_NAME.matcher(cookie).matches()) {
            throw new IllegalArgumentException("The session cookie name may only contain letters, digits and "
                    + "!#$%&'*+-.^_`|~, e.g. authservice_session");
        }
        this.cookieName = cookie;
        String connector = b.dexConnector == null || b.dexConnector.isBlank() ? null : b.dexConnector.strip();
        if (connector != null && !CONNECTOR.matcher(connector).matches()) {
            throw new IllegalArgumentException("The Dex connector is the id of one of Dex's connectors (letters, "
                    + "digits and ._~-), e.g. local or ldap");
        }
        this.dexConnector = connector;
        this.loginOrigin = b.loginOrigin == null ? null : origin(b.loginOrigin, apiUrl);
        if (b.username == null || b.username.isBlank() || b.password == null) {
            throw new IllegalArgumentException("The session login needs a user name and a password");
        }
        this.username = b.username;
        this.password = b.password;
    }

    // The URLs appear in messages (toString), so they must not carry credentials; refused without repeating them.
    private static URI httpUrl(URI u, String what) {
        if (u.getRawUserInfo() != null || Urls.mayHoldUserInfo(u.toString())) {
            throw new IllegalArgumentException("The " + what + " must not contain user information; put credentials "
                    + "in Jenkins credentials");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
            throw new IllegalArgumentException("The " + what + " must be an http(s) URL with a host");
        }
        return u;
    }

    private static URI origin(URI u, URI apiUrl) {
        httpUrl(u, "login origin");
        String path = u.getRawPath();
        // Never null: httpUrl refused URIs without a host, the only ones without a path.
        if ((!path.isEmpty() && !path.equals("/")) || u.getRawQuery() != null
                || u.getRawFragment() != null) {
            throw new IllegalArgumentException("The login origin is scheme, host and port only, e.g. "
                    + "https://dex.example.com");
        }
        if (apiUrl.getScheme().equalsIgnoreCase("https") && !u.getScheme().equalsIgnoreCase("https")) {
            throw new IllegalArgumentException("The login origin must use https, as the API URL does: a password sent "
                    + "over plain http can be read on the network");
        }
        return URI.create(originOf(HttpUrl.get(u.toString())));
    }

    /** {@code scheme://host:port}, lower case, with the port always given. */
    static String originOf(HttpUrl url) {
        return url.scheme() + "://" + url.host().toLowerCase(Locale.ROOT) + ":" + url.port();
    }

    /** Starts settings for a login at {@code apiUrl} (the API URL: the gateway redirects it to its login page). */
    public static Builder builder(URI apiUrl, GatewayKind kind) {
        return new Builder(apiUrl, kind);
    }

    /** Where the login starts: the API URL, which the gateway redirects to its login page. */
    public URI apiUrl() {
        return apiUrl;
    }

    public GatewayKind kind() {
        return kind;
    }

    /** The name of the cookie that holds the session (also when the gateway splits it into {@code _0}, {@code _1}...). */
    public String cookieName() {
        return cookieName;
    }

    /** The Dex connector to choose when Dex offers several, or {@code null}. */
    public String dexConnector() {
        return dexConnector;
    }

    /** The one origin besides the API URL's that may receive the password ({@code scheme://host:port}), or null. */
    public URI loginOrigin() {
        return loginOrigin;
    }

    public String username() {
        return username;
    }

    public SecretText password() {
        return password;
    }

    /**
     * Whether the password may be sent to {@code url}: on the API URL's origin or the allowed login origin. Origins
     * include the scheme, so this is over https when the API URL uses it (the login origin then must, too).
     */
    boolean passwordMayGoTo(HttpUrl url) {
        String origin = originOf(url);
        return origin.equals(originOf(HttpUrl.get(apiUrl.toString())))
                || (loginOrigin != null && origin.equals(loginOrigin.toString()));
    }

    /** Where the password may be sent: the API URL's origin and, when allowed, the login origin. */
    public List<URI> secretDestinations() {
        URI gateway = URI.create(originOf(HttpUrl.get(apiUrl.toString())));
        return loginOrigin == null ? List.of(gateway) : List.of(gateway, loginOrigin);
    }

    @Override
    public String toString() {
        return "gateway session of user " + username + " through " + kind.displayName() + " at "
                + originOf(HttpUrl.get(apiUrl.toString()));
    }

    public static final class Builder {
        private final URI apiUrl;
        private final GatewayKind kind;
        private String cookieName;
        private String dexConnector;
        private URI loginOrigin;
        private String username;
        private SecretText password;

        private Builder(URI apiUrl, GatewayKind kind) {
            this.apiUrl = apiUrl;
            this.kind = kind;
        }

        /** The session cookie's name; empty or {@code null} for the gateway's default. */
        public Builder cookieName(String cookieName) {
            this.cookieName = cookieName;
            return this;
        }

        /** The id of the Dex connector to choose when Dex offers several, e.g. {@code local}. */
        public Builder dexConnector(String dexConnector) {
            this.dexConnector = dexConnector;
            return this;
        }

        /**
         * Allows the password to go to this origin ({@code scheme://host[:port]}, no path) besides the API URL's, for
         * an identity provider on a host of its own. https when the API URL uses https.
         */
        public Builder loginOrigin(URI loginOrigin) {
            this.loginOrigin = loginOrigin;
            return this;
        }

        public Builder user(String username, SecretText password) {
            this.username = username;
            this.password = password;
            return this;
        }

        /** @throws IllegalArgumentException naming what is wrong, never repeating a URL that may hold a password */
        public SessionSettings build() {
            return new SessionSettings(this);
        }
    }
}
