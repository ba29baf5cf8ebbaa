package io.jenkins.plugins.seldon.fuzz;

import io.jenkins.plugins.seldon.client.auth.AuthHeader;
import io.jenkins.plugins.seldon.client.auth.GatewayKind;
import io.jenkins.plugins.seldon.client.auth.SecretText;
import io.jenkins.plugins.seldon.client.auth.SessionAuthenticator;
import io.jenkins.plugins.seldon.client.auth.SessionSettings;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import io.jenkins.plugins.seldon.testing.LocalHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Fuzz target: the session login's handling of whatever a gateway serves as its login page (the HTML parser, the
 * choice of form and fields, the redirects it names). The API redirects to {@code /gw/login}, which answers with the
 * input (see {@link FuzzAnswer}); a form posted anywhere is answered like a gateway that accepted it, with a session
 * cookie and a redirect back to the API. The first character of the first line picks the gateway kind. Only
 * {@code SeldonException}s may come out, a session must be the cookie, and the password must never be part of a URL.
 * Requests for other hosts (a gateway may redirect to an identity provider elsewhere) reach a port that refuses them.
 */
public final class LoginPageFuzzer {

    private static final AtomicReference<FuzzAnswer> ANSWER = new AtomicReference<>();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COOKIE = "fuzz_session";
    private static final String API = "/gw/seldon-deploy/api/v1alpha1";

    static {
        FuzzSupport.SERVER.onPrefix("/gw/", (ex, r) -> {
            if (r.path().startsWith("/gw/seldon-deploy")) {
                String cookies = String.valueOf(ex.getRequestHeaders().getFirst("Cookie"));
                if (cookies.contains(COOKIE + "=ok")) {
                    LocalHttpServer.json(ex, 200, "{}");
                } else {
                    ex.getResponseHeaders().add("Location", "/gw/login");
                    ex.sendResponseHeaders(302, -1);
                }
            } else if (r.method().equals("POST")) {
                ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=ok; Path=/; HttpOnly");
                ex.getResponseHeaders().add("Location", API);
                ex.sendResponseHeaders(302, -1);
            } else {
                ANSWER.get().send(ex);
            }
        });
    }

    private LoginPageFuzzer() {
    }

    /** Called by Jazzer before fuzzing: loads what the first input would, outside its timeout. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput(("0\n200\nContent-Type: text/html\n\n<form method=post action=/gw/login>"
                + "<input name=login><input type=password name=password></form>").getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        FuzzAnswer answer = FuzzAnswer.parse(data);
        ANSWER.set(answer);
        List<GatewayKind> kinds = List.of(GatewayKind.values());
        GatewayKind kind = kinds.get(answer.first().isEmpty() ? 0 : answer.first().charAt(0) % kinds.size());
        // New for each input: the fuzzer learns the strings the target compares with, and could otherwise make the
        // gateway itself put the password in a URL.
        String password = "pw-" + Long.toHexString(RANDOM.nextLong());
        int before = FuzzSupport.SERVER.requests().size();
        try {
            SessionSettings settings = SessionSettings.builder(URI.create(FuzzSupport.SERVER.url() + API), kind)
                    .cookieName(COOKIE).user("alice", SecretText.of(password)).build();
            // No shared cache: every input logs in.
            AuthHeader h = new SessionAuthenticator(settings, TlsSettings.verify(), Duration.ofSeconds(2),
                    Duration.ofSeconds(2), FuzzSupport.HTTP, null).authenticate();
            if (!h.name().equals("Cookie") || !h.value().reveal().contains(COOKIE + "=ok")) {
                throw new IllegalStateException("A session that is not the gateway's cookie: " + h.name());
            }
        } catch (Throwable t) {
            FuzzSupport.expected(t);
        }
        List<LocalHttpServer.Recorded> requests = FuzzSupport.SERVER.requests();
        for (LocalHttpServer.Recorded r : requests.subList(before, requests.size())) {
            if ((r.path() + '?' + r.rawQuery()).contains(password)) {
                throw new IllegalStateException("The password was put in a URL: " + r.method() + " " + r.path());
            }
        }
        // A gateway may send the login to an identity provider elsewhere: such a request goes to the refusing port.
        FuzzSupport.reachedElsewhere();
    }
}
