package io.jenkins.plugins.seldon.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A local imitation of the authenticating gateways Kubeflow puts in front of Seldon Enterprise Platform, each with Dex
 * as its identity provider, in front of a {@link FakeSeldonApi}. It reproduces what a client meets on the way: the
 * redirects, the state and CSRF cookies, Dex's login form (fields {@code login} and {@code password}, an error box
 * when refused), Dex's connector choice when several connectors are configured, Dex's approval page, and the session
 * cookies:
 * <ul>
 *   <li>{@link Kind#OIDC_AUTHSERVICE} (Kubeflow up to 1.8): every unauthenticated request, API-style or not, is
 *       redirected (302) to Dex with a {@code oidc_state_csrf} cookie; the callback {@code /login/oidc} checks it,
 *       sets {@code authservice_session} and redirects back.</li>
 *   <li>{@link Kind#OAUTH2_PROXY} (Kubeflow 1.9 and later): an API-style request ({@code Accept: application/json})
 *       gets 401, a browser's a redirect to Dex with an {@code oauth2_proxy_kubeflow_csrf} cookie; the callback
 *       {@code /oauth2/callback} sets the session split in {@code oauth2_proxy_kubeflow_0} and {@code _1} (as
 *       oauth2-proxy does for sessions over 4 KB) and redirects back. Dex shows its approval page by default.</li>
 * </ul>
 * Authenticated requests go on to the API with {@code Authorization: Bearer <ID token>}, as both gateways pass Dex's
 * token on. Dex is served on the gateway's own host, as in Kubeflow, or on a host of its own
 * ({@link #startWithDexElsewhere}).
 */
public final class GatewayImitation implements AutoCloseable {

    /** Which gateway is imitated. */
    public enum Kind {
        OIDC_AUTHSERVICE("authservice_session", "authservice-oidc", "/login/oidc"),
        OAUTH2_PROXY("oauth2_proxy_kubeflow", "kubeflow-oidc-authservice", "/oauth2/callback");

        final String cookie;
        final String clientId;
        final String callback;

        Kind(String cookie, String clientId, String callback) {
            this.cookie = cookie;
            this.clientId = clientId;
            this.callback = callback;
        }
    }

    /** Kubeflow's example static user in Dex. */
    public static final String USER = "user@example.com";
    public static final String PASSWORD = "12341234";
    /** oauth2-proxy splits a session cookie larger than this. */
    private static final int CHUNK = 4000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Kind kind;
    private final LocalHttpServer gateway;
    private final LocalHttpServer dex;
    private final FakeSeldonApi api;
    private final TestTokenIssuer issuer;
    private final HttpClient upstream = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private volatile List<String> connectors = List.of("local");
    private volatile boolean approvalScreen;
    private volatile boolean loginFormMissing;
    private volatile boolean sessionsAccepted = true;
    private volatile int sessionUses;

    private final Map<String, String> sessions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> uses = new ConcurrentHashMap<>();
    private final Map<String, String> states = new ConcurrentHashMap<>();
    private final Map<String, AuthRequest> authRequests = new ConcurrentHashMap<>();
    private final Map<String, AuthRequest> codes = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger refusedLogins = new AtomicInteger();

    /** One login in progress at Dex. */
    private static final class AuthRequest {
        final String redirectUri;
        final String state;
        volatile String user;

        AuthRequest(String redirectUri, String state) {
            this.redirectUri = redirectUri;
            this.state = state;
        }
    }

    private GatewayImitation(Kind kind, FakeSeldonApi api, TestTokenIssuer issuer, boolean dexElsewhere) {
        this.kind = kind;
        this.api = api;
        this.issuer = issuer;
        this.gateway = LocalHttpServer.http();
        this.dex = dexElsewhere ? LocalHttpServer.http() : gateway;
        this.approvalScreen = kind == Kind.OAUTH2_PROXY;
        gateway.onPrefix("/", this::protectedPath);
        gateway.on(kind.callback, this::callback);
        dex.on("/dex/auth", this::authorize);
        dex.onPrefix("/dex/auth/", this::connectorLogin);
        dex.on("/dex/approval", this::approval);
    }

    /** A gateway of {@code kind} with Dex on its own host, in front of {@code api}, whose tokens {@code issuer} signs. */
    public static GatewayImitation start(Kind kind, FakeSeldonApi api, TestTokenIssuer issuer) {
        return new GatewayImitation(kind, api, issuer, false);
    }

    /** As {@link #start}, with Dex on another origin than the gateway (another port of 127.0.0.1). */
    public static GatewayImitation startWithDexElsewhere(Kind kind, FakeSeldonApi api, TestTokenIssuer issuer) {
        return new GatewayImitation(kind, api, issuer, true);
    }

    /** The API URL as a user configures it: the gateway's origin and the API path. */
    public URI apiUrl() {
        return URI.create(gateway.url() + FakeSeldonApi.BASE_PATH);
    }

    /** Dex's origin, {@code http://127.0.0.1:<port>}. */
    public URI dexOrigin() {
        return URI.create(dex.url());
    }

    /** Every request the gateway received (and Dex, when it runs on the gateway's host). */
    public List<LocalHttpServer.Recorded> gatewayRequests() {
        return gateway.requests();
    }

    /** Every request Dex received. */
    public List<LocalHttpServer.Recorded> dexRequests() {
        return dex.requests();
    }

    /** Dex's connectors; with more than one, Dex shows its choice of connectors instead of a login form. */
    public GatewayImitation connectors(String... ids) {
        this.connectors = List.of(ids);
        return this;
    }

    /** Whether Dex shows its approval page after the login (on by default for oauth2-proxy, as in Kubeflow 1.9). */
    public GatewayImitation approvalScreen(boolean shown) {
        this.approvalScreen = shown;
        return this;
    }

    /** Dex's login page shows a notice instead of a login form. */
    public GatewayImitation loginFormMissing(boolean missing) {
        this.loginFormMissing = missing;
        return this;
    }

    /** When false, the gateway never accepts a session it issued, as if each expired at once. */
    public GatewayImitation sessionsAccepted(boolean accepted) {
        this.sessionsAccepted = accepted;
        return this;
    }

    /** Each session is accepted for this many requests and then ends, as if it expired; 0 for no limit. */
    public GatewayImitation sessionUses(int requests) {
        this.sessionUses = requests;
        return this;
    }

    /** Ends every session, as when they expire or the gateway restarts with a new key. */
    public void expireSessions() {
        sessions.clear();
    }

    /** User name and password accepted by Dex. */
    public int logins() {
        return logins.get();
    }

    /** User name and password refused by Dex. */
    public int refusedLogins() {
        return refusedLogins.get();
    }

    // --- The gateway ---

    private void protectedPath(HttpExchange ex, LocalHttpServer.Recorded r) throws IOException {
        Map<String, String> cookies = cookies(ex);
        String session = kind == Kind.OAUTH2_PROXY
                ? cookies.containsKey(kind.cookie + "_0") ? cookies.get(kind.cookie + "_0")
                        + cookies.getOrDefault(kind.cookie + "_1", "") : null
                : cookies.get(kind.cookie);
        String user = session == null || !sessionsAccepted ? null : sessions.get(session);
        if (user != null && sessionUses > 0 && uses.computeIfAbsent(session, s -> new AtomicInteger())
                .incrementAndGet() > sessionUses) {
            sessions.remove(session);
            user = null;
        }
        if (user != null) {
            forward(ex, r, user);
            return;
        }
        String original = r.path() + (r.rawQuery() == null ? "" : "?" + r.rawQuery());
        String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
        if (kind == Kind.OAUTH2_PROXY && accept.contains("application/json") && !accept.contains("text/html")) {
            LocalHttpServer.json(ex, 401, "{\"message\":\"Unauthorized\"}");
            return;
        }
        String nonce = random(16);
        String state;
        if (kind == Kind.OAUTH2_PROXY) {
            state = nonce + ":" + original;
            setCookie(ex, kind.cookie + "_csrf=" + nonce + "; Path=/; Max-Age=900; HttpOnly; SameSite=Lax");
        } else {
            state = nonce;
            states.put(nonce, original);
            setCookie(ex, "oidc_state_csrf=" + nonce + "; Path=/; Max-Age=300; HttpOnly");
        }
        redirect(ex, 302, dex.url() + "/dex/auth?client_id=" + kind.clientId + "&redirect_uri="
                + encode(gateway.url() + kind.callback) + "&response_type=code&scope="
                + encode("openid profile email groups") + "&state=" + encode(state));
    }

    private void callback(HttpExchange ex, LocalHttpServer.Recorded r) throws IOException {
        Map<String, String> query = LocalHttpServer.form(r.rawQuery());
        Map<String, String> cookies = cookies(ex);
        String state = query.getOrDefault("state", "");
        String nonce = kind == Kind.OAUTH2_PROXY ? state.split(":", 2)[0] : state;
        String expected = cookies.get(kind == Kind.OAUTH2_PROXY ? kind.cookie + "_csrf" : "oidc_state_csrf");
        if (!nonce.equals(expected)) {
            LocalHttpServer.respond(ex, 403, "text/plain", "CSRF check failed: the state cookie is missing or wrong");
            return;
        }
        AuthRequest login = codes.remove(query.getOrDefault("code", ""));
        if (login == null) {
            LocalHttpServer.respond(ex, 500, "text/plain", "failed to exchange the authorization code");
            return;
        }
        String original = kind == Kind.OAUTH2_PROXY ? state.split(":", 2)[1] : states.remove(nonce);
        if (kind == Kind.OAUTH2_PROXY) {
            // An encrypted session with the tokens in it: larger than one cookie may be, so oauth2-proxy splits it.
            String session = random(4500);
            sessions.put(session, login.user);
            setCookie(ex, kind.cookie + "_csrf=; Path=/; Max-Age=0");
            setCookie(ex, kind.cookie + "_0=" + session.substring(0, CHUNK) + "; Path=/; Max-Age=86400; HttpOnly; "
                    + "SameSite=Lax");
            setCookie(ex, kind.cookie + "_1=" + session.substring(CHUNK) + "; Path=/; Max-Age=86400; HttpOnly; "
                    + "SameSite=Lax");
        } else {
            String session = random(32);
            sessions.put(session, login.user);
            setCookie(ex, "oidc_state_csrf=; Path=/; Max-Age=0");
            setCookie(ex, kind.cookie + "=" + session + "; Path=/; Max-Age=86400; HttpOnly");
        }
        redirect(ex, 302, original);
    }

    /** Passes an authenticated request on to the API with Dex's ID token, as the gateways do. */
    private void forward(HttpExchange ex, LocalHttpServer.Recorded r, String user) throws IOException {
        URI target = URI.create(api.baseUrl() + r.path() + (r.rawQuery() == null ? "" : "?" + r.rawQuery()));
        String contentType = ex.getRequestHeaders().getFirst("Content-Type");
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + issuer.token(user, "deployers"))
                .method(r.method(), r.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(r.body()));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> answer = upstream.send(b.build(), HttpResponse.BodyHandlers.ofString());
            LocalHttpServer.respond(ex, answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
                    answer.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LocalHttpServer.respond(ex, 502, "text/plain", "interrupted");
        }
    }

    // --- Dex ---

    private void authorize(HttpExchange ex, LocalHttpServer.Recorded r) throws IOException {
        Map<String, String> query = LocalHttpServer.form(r.rawQuery());
        if (!kind.clientId.equals(query.get("client_id"))
                || !(gateway.url() + kind.callback).equals(query.get("redirect_uri"))) {
            page(ex, 400, "<h2>Bad Request</h2><p>Unregistered redirect_uri.</p>");
            return;
        }
        List<String> ids = connectors;
        if (ids.size() == 1) {
            redirect(ex, 302, "/dex/auth/" + ids.get(0) + "?" + r.rawQuery());
            return;
        }
        String links = ids.stream().map(id -> "<div class=\"theme-form-row\"><a href=\"/dex/auth/" + id + "?"
                + r.rawQuery().replace("&", "&amp;") + "\" target=\"_self\"><button class=\"dex-btn "
                + "theme-btn-provider\"><span class=\"dex-btn-text\">Log in with " + id + "</span></button></a></div>")
                .collect(Collectors.joining("\n"));
        page(ex, 200, "<h2 class=\"theme-heading\">Log in to Dex</h2>\n<div>" + links + "</div>");
    }

    /** {@code /dex/auth/<connector>} starts a login; {@code /dex/auth/<connector>/login} is its form. */
    private void connectorLogin(HttpExchange ex, LocalHttpServer.Recorded r) throws IOException {
        String[] parts = r.path().substring("/dex/auth/".length()).split("/");
        if (!connectors.contains(parts[0])) {
            page(ex, 404, "<p>Connector not found.</p>");
            return;
        }
        Map<String, String> query = LocalHttpServer.form(r.rawQuery());
        if (parts.length == 1) {
            String id = random(12);
            authRequests.put(id, new AuthRequest(query.get("redirect_uri"), query.get("state")));
            redirect(ex, 302, "/dex/auth/" + parts[0] + "/login?back=&state=" + id);
            return;
        }
        AuthRequest login = authRequests.get(query.getOrDefault("state", ""));
        if (login == null) {
            page(ex, 400, "<p>Login session expired.</p>");
            return;
        }
        if (r.method().equals("GET")) {
            passwordPage(ex, r, "", false);
            return;
        }
        Map<String, String> form = LocalHttpServer.form(r.body());
        String user = form.getOrDefault("login", "");
        if (!PASSWORD.equals(form.get("password")) || !USER.equals(user)) {
            refusedLogins.incrementAndGet();
            passwordPage(ex, r, user, true);
            return;
        }
        logins.incrementAndGet();
        login.user = user;
        if (approvalScreen) {
            redirect(ex, 303, "/dex/approval?req=" + query.get("state") + "&hmac=" + random(16));
        } else {
            finish(ex, login);
        }
    }

    private void passwordPage(HttpExchange ex, LocalHttpServer.Recorded r, String user, boolean invalid)
            throws IOException {
        if (loginFormMissing) {
            page(ex, 200, "<h2>Log in</h2><p>Logins are disabled for maintenance.</p>");
            return;
        }
        String action = r.path() + "?" + r.rawQuery().replace("&", "&amp;");
        page(ex, 200, "<h2 class=\"theme-heading\">Log in to Your Account</h2>\n"
                + "<form method=\"post\" action=\"" + action + "\">\n"
                + "  <div class=\"theme-form-row\"><div class=\"theme-form-label\"><label for=\"userid\">Email Address"
                + "</label></div>\n"
                + "    <input tabindex=\"1\" required id=\"login\" name=\"login\" type=\"text\" class=\"theme-form-input\""
                + " placeholder=\"email address\" " + (user.isEmpty() ? "autofocus" : "value=\"" + user + "\"")
                + "/></div>\n"
                + "  <div class=\"theme-form-row\"><div class=\"theme-form-label\"><label for=\"password\">Password"
                + "</label></div>\n"
                + "    <input tabindex=\"2\" required id=\"password\" name=\"password\" type=\"password\" "
                + "class=\"theme-form-input\" placeholder=\"password\"/></div>\n"
                + (invalid ? "  <div id=\"login-error\" class=\"dex-error-box\">Invalid email address or password."
                        + "</div>\n" : "")
                + "  <button tabindex=\"3\" id=\"submit-login\" type=\"submit\" class=\"dex-btn theme-btn--primary\">"
                + "Login</button>\n</form>");
    }

    private void approval(HttpExchange ex, LocalHttpServer.Recorded r) throws IOException {
        Map<String, String> values = new HashMap<>(LocalHttpServer.form(r.rawQuery()));
        values.putAll(LocalHttpServer.form(r.body()));
        AuthRequest login = authRequests.get(values.getOrDefault("req", ""));
        if (login == null || login.user == null) {
            page(ex, 400, "<p>Invalid approval request.</p>");
            return;
        }
        if (r.method().equals("GET")) {
            String req = values.get("req");
            page(ex, 200, "<h2 class=\"theme-heading\">Grant Access</h2>\n<hr class=\"dex-separator\">\n"
                    + "<div class=\"dex-subtle-text\">" + kind.clientId + " would like to:</div>\n"
                    + "<ul><li>View basic profile information</li><li>View your email address</li></ul>\n"
                    + "<div><form method=\"post\">\n  <input type=\"hidden\" name=\"req\" value=\"" + req + "\"/>\n"
                    + "  <input type=\"hidden\" name=\"approval\" value=\"approve\">\n"
                    + "  <button type=\"submit\" class=\"dex-btn theme-btn--success\"><span class=\"dex-btn-text\">"
                    + "Grant Access</span></button>\n</form></div>\n"
                    + "<div><form method=\"post\">\n  <input type=\"hidden\" name=\"req\" value=\"" + req + "\"/>\n"
                    + "  <input type=\"hidden\" name=\"approval\" value=\"rejected\">\n"
                    + "  <button type=\"submit\" class=\"dex-btn theme-btn-provider\"><span class=\"dex-btn-text\">"
                    + "Cancel</span></button>\n</form></div>");
            return;
        }
        if (!"approve".equals(values.get("approval"))) {
            redirect(ex, 303, login.redirectUri + "?error=access_denied&state=" + encode(login.state));
            return;
        }
        finish(ex, login);
    }

    /** Sends the browser back to the gateway's callback with a code for the logged-in user. */
    private void finish(HttpExchange ex, AuthRequest login) throws IOException {
        String code = random(16);
        codes.put(code, login);
        redirect(ex, 303, login.redirectUri + "?code=" + code + "&state=" + encode(login.state));
    }

    // --- HTTP helpers ---

    private static void page(HttpExchange ex, int status, String body) throws IOException {
        LocalHttpServer.respond(ex, status, "text/html; charset=utf-8", "<!DOCTYPE html>\n<html>\n<head>\n"
                + "<meta charset=\"utf-8\">\n<title>dex</title>\n<style>.dex-error-box { color: red; }</style>\n"
                + "<script>/* <form> in a script is not a form */</script>\n</head>\n<body class=\"theme-body\">\n"
                + "<div class=\"theme-navbar\"><!-- <form method=\"post\"><input type=\"password\"></form> -->"
                + "</div>\n<div class=\"dex-container\"><div class=\"theme-panel\">\n" + body
                + "\n</div></div>\n</body>\n</html>\n");
    }

    private static void redirect(HttpExchange ex, int status, String location) throws IOException {
        ex.getResponseHeaders().set("Location", location);
        LocalHttpServer.respond(ex, status, "text/html; charset=utf-8", "<a href=\"" + location.replace("&", "&amp;")
                + "\">Found</a>.\n");
    }

    private static void setCookie(HttpExchange ex, String cookie) {
        ex.getResponseHeaders().add("Set-Cookie", cookie);
    }

    private static Map<String, String> cookies(HttpExchange ex) {
        Map<String, String> cookies = new HashMap<>();
        for (String header : ex.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String pair : header.split(";")) {
                String[] kv = pair.strip().split("=", 2);
                if (kv.length == 2) {
                    cookies.putIfAbsent(kv[0], kv[1]);
                }
            }
        }
        return cookies;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }

    @Override
    public void close() {
        gateway.close();
        if (dex != gateway) {
            dex.close();
        }
    }
}
