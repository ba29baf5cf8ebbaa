package io.jenkins.plugins.seldon.client.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import okhttp3.Cookie;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The cookie jar of one session login: what it keeps, replaces, forgets and sends where. */
class SessionCookiesTest {

    private static final HttpUrl GATEWAY = HttpUrl.get("https://gw.example.com/seldon-deploy/api/v1alpha1/");

    private static Headers setting(String... cookies) {
        Headers.Builder b = new Headers.Builder();
        for (String c : cookies) {
            b.add("Set-Cookie", c);
        }
        return b.build();
    }

    private static String sent(SessionCookies jar, HttpUrl url) {
        return SessionCookies.header(jar.matching(url));
    }

    @Test
    void aCookieOfTheSameNameDomainAndPathReplacesTheOldOne() {
        SessionCookies jar = new SessionCookies();
        jar.store(GATEWAY, setting("session=one; Path=/", "other=x; Path=/seldon-deploy"));
        jar.store(GATEWAY, setting("session=two; Path=/", "session=deeper; Path=/seldon-deploy"));
        assertEquals("other=x; session=two; session=deeper", sent(jar, GATEWAY));
        assertEquals("session=two", sent(jar, HttpUrl.get("https://gw.example.com/elsewhere")));
        assertEquals(List.of("other", "session"), jar.names());
    }

    @Test
    void aCookieOfTheSameNameForAnotherDomainIsAnotherCookie() {
        SessionCookies jar = new SessionCookies();
        jar.store(GATEWAY, setting("session=host; Path=/", "session=domain; Domain=example.com; Path=/"));
        assertEquals("session=host; session=domain", sent(jar, GATEWAY));
        assertEquals("session=domain", sent(jar, HttpUrl.get("https://dex.example.com/")));
    }

    @Test
    void anExpiredCookieDeletesTheOneItReplaces() {
        SessionCookies jar = new SessionCookies();
        jar.store(GATEWAY, setting("session=one; Path=/", "keep=k; Path=/"));
        jar.store(GATEWAY, setting("session=; Path=/; Max-Age=0", "gone=g; Path=/; Max-Age=0"));
        assertEquals("keep=k", sent(jar, GATEWAY));
        assertEquals(List.of("keep"), jar.names());
    }

    @Test
    void cookiesGoOnlyToTheirHostAndPath() {
        SessionCookies jar = new SessionCookies();
        jar.store(GATEWAY, setting("session=s; Path=/seldon-deploy"));
        assertNull(sent(jar, HttpUrl.get("https://dex.example.com/seldon-deploy/")));
        assertNull(sent(jar, HttpUrl.get("https://gw.example.com/dex/")));
        assertEquals("session=s", sent(jar, HttpUrl.get("https://gw.example.com/seldon-deploy/x")));
    }

    @Test
    void aSecureCookieGoesOverPlainHttpOnlyToALoopbackHost() {
        for (String host : new String[] {"localhost", "127.0.0.1", "127.1.2.3", "[::1]"}) {
            SessionCookies jar = new SessionCookies();
            HttpUrl plain = HttpUrl.get("http://" + host + ":8080/api");
            jar.store(plain, setting("s=1; Secure; Path=/"));
            assertEquals("s=1", sent(jar, plain), host);
        }
        SessionCookies jar = new SessionCookies();
        HttpUrl plain = HttpUrl.get("http://gw.example.com/api");
        jar.store(plain, setting("s=1; Secure; Path=/", "p=2; Path=/"));
        assertEquals("p=2", sent(jar, plain));
        assertEquals("s=1; p=2", sent(jar, HttpUrl.get("https://gw.example.com/api")));
    }

    @Test
    void theJarKeepsTheNewestTwoHundredCookies() {
        SessionCookies jar = new SessionCookies();
        for (int i = 0; i < 205; i++) {
            jar.store(GATEWAY, setting("c" + i + "=v; Path=/"));
        }
        List<Cookie> kept = jar.matching(GATEWAY);
        assertEquals(200, kept.size());
        assertEquals("c5", kept.get(0).name());
        assertEquals("c204", kept.get(199).name());
    }

    @Test
    void noCookiesIsNoHeader() {
        assertNull(SessionCookies.header(List.of()));
        assertEquals(List.of(), new SessionCookies().names());
    }
}
