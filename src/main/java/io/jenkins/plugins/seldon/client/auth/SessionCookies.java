package io.jenkins.plugins.seldon.client.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import okhttp3.Cookie;
import okhttp3.Headers;
import okhttp3.HttpUrl;

/**
 * The cookies of one login, as a browser keeps them: per domain and path, replaced by a cookie of the same name,
 * dropped when expired, sent only where they match (host, path, and https for secure cookies). The gateway's session
 * may span several cookies; the identity provider keeps cookies of its own on its own host. Bounded, so that a server
 * cannot make the jar grow without end.
 */
final class SessionCookies {

    private static final int MAX_COOKIES = 200;

    private final List<Cookie> cookies = new ArrayList<>();

    /** Keeps the cookies {@code headers} set for {@code url}; an expired one deletes the cookie it replaces. */
    synchronized void store(HttpUrl url, Headers headers) {
        long now = System.currentTimeMillis();
        for (Cookie c : Cookie.parseAll(url, headers)) {
            cookies.removeIf(o -> o.name().equals(c.name()) && o.domain().equals(c.domain())
                    && o.path().equals(c.path()));
            if (c.expiresAt() > now) {
                cookies.add(c);
            }
        }
        while (cookies.size() > MAX_COOKIES) {
            cookies.remove(0);
        }
    }

    /**
     * The cookies to send to {@code url}. As browsers do, a loopback host counts as secure over plain http too (its
     * traffic never crosses a network): identity providers in development mode set secure cookies there.
     */
    synchronized List<Cookie> matching(HttpUrl url) {
        long now = System.currentTimeMillis();
        HttpUrl secure = isLoopback(url.host()) ? url.newBuilder().scheme("https").build() : url;
        return cookies.stream().filter(c -> c.expiresAt() > now && c.matches(secure)).toList();
    }

    private static boolean isLoopback(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    /**
     * The domains of the cookies kept under a name {@code named} accepts that are not set for {@code url}'s host (a
     * cookie for another host, or for a parent domain not covering it), for messages.
     */
    synchronized List<String> domainsBesides(HttpUrl url, Predicate<String> named) {
        String host = url.host();
        return cookies.stream().filter(c -> named.test(c.name()) && !host.equals(c.domain())
                && (c.hostOnly() || !host.endsWith("." + c.domain()))).map(Cookie::domain).distinct().toList();
    }

    /** The names of every cookie kept, for messages: never their values. */
    synchronized List<String> names() {
        return cookies.stream().map(Cookie::name).distinct().toList();
    }

    /** A {@code Cookie} header's value for {@code cookies}, or {@code null} when there are none. */
    static String header(List<Cookie> cookies) {
        return cookies.isEmpty() ? null
                : cookies.stream().map(c -> c.name() + "=" + c.value()).collect(Collectors.joining("; "));
    }
}
