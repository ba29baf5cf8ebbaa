package io.jenkins.plugins.seldon.client.auth;

import io.jenkins.plugins.seldon.client.error.GatewayLoginException;
import io.jenkins.plugins.seldon.client.error.GatewayLoginException.Reason;
import io.jenkins.plugins.seldon.client.error.NetworkException;
import io.jenkins.plugins.seldon.client.error.SeldonException;
import io.jenkins.plugins.seldon.client.error.TlsException;
import io.jenkins.plugins.seldon.client.http.Answer;
import io.jenkins.plugins.seldon.client.http.Futures;
import io.jenkins.plugins.seldon.client.http.HttpCalls;
import io.jenkins.plugins.seldon.client.http.HttpClientFactory;
import io.jenkins.plugins.seldon.client.http.RetryListener;
import io.jenkins.plugins.seldon.client.http.RetryPolicy;
import io.jenkins.plugins.seldon.client.http.Retrying;
import io.jenkins.plugins.seldon.client.http.TlsSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import okhttp3.Cookie;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * Logs a user in through the authenticating gateway in front of the API (oidc-authservice or oauth2-proxy with Dex,
 * Apache httpd with mod_auth_openidc, ...) the way a browser does, and proves the user's identity to the API with the
 * gateway's session cookies. The login asks for the API URL as a browser (gateways answer API-style requests with 401
 * instead of sending them to the login page), follows the redirects itself, keeps every cookie set on the way, fills
 * the user name and password of the login form, approves Dex's approval page, chooses the configured Dex connector
 * when Dex offers several, and follows the redirects back to the API URL. The session cookies for the API's URL are
 * then sent as one {@code Cookie} header, shared through the {@link TokenCache} with every build of the same user, so
 * that concurrent builds log in once. When the API later answers with a redirect to the login page or with 401, the
 * API client drops the session and asks again once: that logs in again.
 *
 * <p>The password goes only where {@link SessionSettings} allows: in the POST of a login form whose page and action
 * are on the gateway's origin or the allowed login origin, over https unless the API URL is plain http; never in a
 * URL, never after a redirect. No bearer token or {@code Authorization} header is sent during the login. Every answer
 * read is capped at the factory's provider limit. Failures are {@link GatewayLoginException}s saying what the gateway
 * did and what to check. Thread-safe.
 */
public final class SessionAuthenticator implements RequestAuthenticator {

    /** How long a session is reused at most, whatever its cookies say; the gateway may end it earlier. */
    static final Duration MAX_REUSE = Duration.ofHours(1);
    /** The requests one login may make: redirects, pages and forms (a Kubeflow login takes about eight). */
    static final int MAX_REQUESTS = 30;

    private static final String WHAT = "the gateway login";
    private static final String ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8";
    private static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);
    private static final Pattern CHUNK = Pattern.compile("\\d+|chunks");

    private final SessionSettings settings;
    private final TlsSettings tls;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final HttpClientFactory http;
    private final TokenCache cache;
    private final TokenCache.Key key;
    private final HttpUrl sessionUrl;

    /**
     * @param cache sessions shared with other jobs, or {@code null} to share nothing (e.g. when testing a
     *     configuration: then this authenticator logs in at least once)
     */
    public SessionAuthenticator(SessionSettings settings, TlsSettings tls, Duration connectTimeout,
            Duration readTimeout, HttpClientFactory http, TokenCache cache) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.http = Objects.requireNonNull(http, "http");
        this.cache = cache == null ? new TokenCache() : cache;
        // Everything that decides which session the login ends with; the password through the cache's keyed hash.
        String gateway = "gateway " + settings.apiUrl() + " (" + settings.kind() + ", cookie " + settings.cookieName()
                + ", connector " + settings.dexConnector() + ", login origin " + settings.loginOrigin() + ")";
        this.key = this.cache.key(gateway, tls, null, null, settings.username(), null, settings.password());
        String api = settings.apiUrl().toString();
        // The cookies of the API's requests, which all go below the API URL.
        this.sessionUrl = HttpUrl.get(api.endsWith("/") ? api : api + "/");
    }

    /** A session cookie goes to the gateway's origin only, as a browser would send it. */
    @Override
    public String notSentTo(URI url) {
        HttpUrl to = HttpUrl.get(url.toString());
        if (SessionSettings.originOf(to).equals(SessionSettings.originOf(HttpUrl.get(settings.apiUrl().toString())))) {
            return null;
        }
        return "The credentials of " + describe() + " are a session of the gateway's origin and are not sent to the "
                + "inference URL " + to.scheme() + "://" + to.host() + ":" + to.port() + ", another origin; nothing "
                + "was sent. Set an inference URL on the gateway's origin in the server's configuration.";
    }

    @Override
    public AuthHeader authenticate() throws SeldonException, InterruptedException {
        return HttpCalls.await(authenticateAsync(RetryListener.NONE), budget(), WHAT);
    }

    @Override
    public CompletableFuture<AuthHeader> authenticateAsync(RetryListener retries) {
        return cache.get(key, this::login, retries);
    }

    @Override
    public void invalidate(AuthHeader rejected) {
        cache.invalidate(key, rejected);
    }

    @Override
    public String describe() {
        return settings.toString();
    }

    /**
     * The time a login may take, every attempt and wait included: a safety net, since each request has its own
     * timeouts and a login makes a handful of them.
     */
    private Duration budget() {
        RetryPolicy p = http.retries();
        return HttpClientFactory.callTimeout(connectTimeout, readTimeout).multipliedBy(4).plus(p.maxRetryAfter())
                .multipliedBy(p.maxAttempts());
    }

    private CompletableFuture<AuthHeader> login(RetryListener retries) {
        HttpUrl start = HttpUrl.get(settings.apiUrl().toString());
        OkHttpClient reads;
        OkHttpClient writes;
        try {
            reads = http.forEndpoint(settings.apiUrl(), tls, connectTimeout, readTimeout);
            writes = http.forWrites(tls, connectTimeout, readTimeout);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new TlsException("Cannot log in through the gateway at "
                    + settings.apiUrl() + ": " + e.getMessage() + ". Check the server's TLS settings.", e));
        }
        return Retrying.run(WHAT, "GET", start, http.retries(), budget(), reads.dispatcher().executorService(),
                retries, n -> {
                    Login login = new Login(reads, writes);
                    return Futures.then(login.next(login.get(start)), login::outcome);
                });
    }

    /** Whether {@code name} is the session cookie, or one part of it when the gateway splits it. */
    private boolean isSessionCookie(String name) {
        String base = settings.cookieName();
        return name.equals(base) || (name.startsWith(base + "_")
                && CHUNK.matcher(name.substring(base.length() + 1)).matches());
    }

    /** What one answer leads to: the next request, or the session's header. */
    private record Step(Request request, AuthHeader header) {}

    /** One attempt to log in: its cookies, and how far it got. */
    private final class Login {
        private final OkHttpClient reads;
        private final OkHttpClient writes;
        private final SessionCookies jar = new SessionCookies();
        // Changed on OkHttp's threads, one answer after the other; read when the attempt ends.
        private final AtomicInteger requests = new AtomicInteger();
        private volatile HttpUrl passwordSentTo;
        private volatile boolean approved;
        private volatile boolean connectorChosen;
        // Whether the way back from the login reached the API URL.
        private volatile boolean returned;
        private volatile String retryAfter;
        // Hosts with a cookie of the session's name before the password was sent: an identity provider's own.
        private volatile List<String> sessionDomainsBefore = List.of();

        Login(OkHttpClient reads, OkHttpClient writes) {
            this.reads = reads;
            this.writes = writes;
        }

        CompletableFuture<AuthHeader> next(Request request) {
            if (requests.incrementAndGet() > MAX_REQUESTS) {
                return CompletableFuture.failedFuture(new GatewayLoginException("The login through "
                        + settings.kind().displayName() + " did not end after " + MAX_REQUESTS + " requests (the last "
                        + "was " + HttpCalls.where(request) + "): the gateway or its identity provider redirect in a "
                        + "loop. Check the gateway's configuration, e.g. its cookie domain and redirect URL.",
                        Reason.BAD_REDIRECT, 0, HttpCalls.where(request)));
            }
            if (passwordSentTo != null && SessionSettings.originOf(request.url()).equals(
                    SessionSettings.originOf(sessionUrl)) && request.url().encodedPath().startsWith(
                            HttpUrl.get(settings.apiUrl().toString()).encodedPath())) {
                returned = true;
            }
            OkHttpClient client = request.method().equals("GET") ? reads : writes;
            return Futures.then(HttpCalls.send(client, request, WHAT, http.limits().provider(), this::read),
                    (step, e) -> {
                        if (e != null) {
                            return CompletableFuture.failedFuture(e);
                        }
                        return step.header() != null ? CompletableFuture.completedFuture(step.header())
                                : next(step.request());
                    });
        }

        /** Outages before the password was sent may pass; nothing is tried again once it was. */
        CompletableFuture<Retrying.Outcome<AuthHeader>> outcome(AuthHeader header, Throwable e) {
            if (e == null) {
                return CompletableFuture.completedFuture(Retrying.Outcome.done(header));
            }
            boolean early = passwordSentTo == null;
            if (early && e instanceof NetworkException ne && ne.mayPass()) {
                return CompletableFuture.completedFuture(Retrying.Outcome.retry(ne, ne.shortReason(), null));
            }
            if (early && e instanceof GatewayLoginException g && g.reason() == Reason.GATEWAY_FAILED
                    && RETRIED_STATUSES.contains(g.status())) {
                return CompletableFuture.completedFuture(Retrying.Outcome.retry(g, "answered HTTP " + g.status(),
                        RetryPolicy.retryAfter(retryAfter, Instant.now())));
            }
            // Anything else ends the login as it failed; the retries treat a failed attempt as a failed outcome.
            return CompletableFuture.failedFuture(e);
        }

        Request get(HttpUrl url) {
            return withCookies(new Request.Builder().url(url).get(), url).build();
        }

        private Request post(HttpUrl url, List<Map.Entry<String, String>> values) {
            FormBody.Builder form = new FormBody.Builder(StandardCharsets.UTF_8);
            values.forEach(v -> form.add(v.getKey(), v.getValue()));
            return withCookies(new Request.Builder().url(url).post(form.build()), url).build();
        }

        private Request.Builder withCookies(Request.Builder b, HttpUrl url) {
            b.header("Accept", ACCEPT);
            String cookies = SessionCookies.header(jar.matching(url));
            return cookies == null ? b : b.header("Cookie", cookies);
        }

        /** One answer, on OkHttp's thread. */
        private Step read(Answer a) throws IOException {
            HttpUrl url = a.request().url();
            jar.store(url, a.headers());
            int status = a.status();
            String location = a.headers().get("Location");
            if (status >= 300 && status < 400 && location != null) {
                return new Step(get(redirect(a, url, location)), null);
            }
            LoginPage page = isHtml(a) ? LoginPage.parse(text(a), url) : null;
            if (page != null) {
                LoginPage.Form form = page.passwordForm();
                if (form != null) {
                    return new Step(credentials(a, page, form), null);
                }
                LoginPage.Form approval = page.approvalForm();
                if (approval != null && passwordSentTo != null && !approved) {
                    return new Step(approve(a, approval), null);
                }
                if (passwordSentTo == null) {
                    Request connector = connector(a, page);
                    if (connector != null) {
                        return new Step(connector, null);
                    }
                }
            }
            if (passwordSentTo == null) {
                throw beforeLogin(a, page);
            }
            List<Cookie> cookies = jar.matching(sessionUrl);
            if (cookies.stream().noneMatch(c -> isSessionCookie(c.name()))) {
                throw noSession(a, page);
            }
            return new Step(null, new AuthHeader("Cookie", SecretText.of(SessionCookies.header(cookies)),
                    expiry(cookies)));
        }

        private HttpUrl redirect(Answer a, HttpUrl from, String location) throws GatewayLoginException {
            HttpUrl target = from.resolve(location);
            String where = HttpCalls.where(a.request());
            if (target == null) {
                throw new GatewayLoginException("The login through " + settings.kind().displayName() + " was "
                        + "redirected to something that is not an http(s) URL (" + where + " answered HTTP "
                        + a.status() + "). Check the gateway's configuration.", Reason.BAD_REDIRECT, a.status(), where);
            }
            if (from.isHttps() && !target.isHttps()) {
                throw new GatewayLoginException("The login through " + settings.kind().displayName() + " was "
                        + "redirected from https to plain http (" + where + " to " + HttpCalls.withoutQuery(target)
                        + "), where cookies and the password could be read on the network; the redirect was not "
                        + "followed. Fix the public URL settings of the gateway or its identity provider (e.g. behind "
                        + "a proxy that does not tell it the original scheme).", Reason.BAD_REDIRECT, a.status(),
                        where);
            }
            return target;
        }

        /** The POST of the user name and password, where they may go; a login form coming back means refused. */
        private Request credentials(Answer a, LoginPage page, LoginPage.Form form) throws GatewayLoginException {
            HttpUrl at = a.request().url();
            String where = HttpCalls.where(a.request());
            String origin = SessionSettings.originOf(at);
            // A login page saying what is wrong is a refusal, wherever cookies went.
            GatewayLoginException elsewhere = passwordSentTo == null || page.errorText() != null ? null
                    : sessionElsewhere(a);
            if (elsewhere != null) {
                throw elsewhere;
            }
            if (returned) {
                List<String> names = jar.names();
                throw new GatewayLoginException("The login as " + settings.username() + " through "
                        + settings.kind().displayName() + " went through, but the gateway sent the API URL back to its "
                        + "login page: it does not accept the session it set (cookies set: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + "; " + where + "). Check the "
                        + "gateway's cookie settings: a Secure cookie is never sent over plain http, and the cookie's "
                        + "domain and path must cover " + HttpCalls.withoutQuery(sessionUrl) + ".",
                        Reason.SESSION_REFUSED, a.status(), where);
            }
            if (passwordSentTo != null) {
                throw new GatewayLoginException("The login page at " + origin + " refused the user name and password "
                        + "of " + settings.username() + shown(page.errorText()) + ". Check the user name and password "
                        + "credential" + (settings.kind() == GatewayKind.OIDC_AUTHSERVICE
                                || settings.kind() == GatewayKind.OAUTH2_PROXY
                                ? " (Dex logs in with the user's email address)." : "."),
                        Reason.CREDENTIALS_REFUSED, a.status(), where);
            }
            LoginPage.Field user = form.userField();
            if (form.passwordFields().size() > 1 || user == null) {
                throw new GatewayLoginException("The page at " + where + " has a form with a password field, but "
                        + (user == null ? "no field for the user name" : "several password fields (as to change a "
                                + "password)") + ", so it is not a login form the plugin can fill. Check that the "
                        + "gateway sends unauthenticated requests to its login page.", Reason.NO_LOGIN_FORM,
                        a.status(), where);
            }
            HttpUrl action = form.action();
            String refusal = action == null ? "its action is not an http(s) URL"
                    : !form.method().equals("post") ? "it would send the password in the URL (method "
                            + form.method().toUpperCase(java.util.Locale.ROOT) + ")"
                    : !settings.passwordMayGoTo(at) || !settings.passwordMayGoTo(action) ? destinationRefusal(at, action)
                    : null;
            if (refusal != null) {
                throw new GatewayLoginException("The password was not sent to the login form at " + where + ": "
                        + refusal + ".", Reason.PASSWORD_NOT_SENT, a.status(), where);
            }
            sessionDomainsBefore = sessionDomainsBesidesApi();
            passwordSentTo = action;
            return post(action, form.submission(user, settings.username(), settings.password()));
        }

        private String destinationRefusal(HttpUrl page, HttpUrl action) {
            HttpUrl wrong = settings.passwordMayGoTo(page) ? action : page;
            List<String> allowed = settings.secretDestinations().stream().map(Object::toString).toList();
            boolean https = settings.apiUrl().getScheme().equalsIgnoreCase("https");
            if (https && !wrong.isHttps()) {
                return "it would go over plain http (" + HttpCalls.withoutQuery(wrong) + "), where it could be read on "
                        + "the network. Fix the public URL settings of the identity provider so that it uses https";
            }
            return (wrong == page ? "the form is served by " : "the form would send it to ")
                    + SessionSettings.originOf(wrong) + ", which is neither the gateway's origin nor the allowed login "
                    + "origin (the password only goes to " + String.join(" or ", allowed) + (https ? ", over https" : "")
                    + "). If " + SessionSettings.originOf(wrong) + " is your identity provider (e.g. Dex or Keycloak "
                    + "on a host of its own), set it as the login origin in the server's gateway session settings";
        }

        /** Dex's approval page after the login: grant the gateway access, on the origin that took the password. */
        private Request approve(Answer a, LoginPage.Form form) throws GatewayLoginException {
            String origin = SessionSettings.originOf(passwordSentTo);
            HttpUrl action = form.action();
            if (!SessionSettings.originOf(a.request().url()).equals(origin) || action == null
                    || !SessionSettings.originOf(action).equals(origin) || !form.method().equals("post")) {
                String where = HttpCalls.where(a.request());
                throw new GatewayLoginException("After the login, an approval page at " + where + " asks to grant "
                        + "access on behalf of another origin than the login form's (" + origin + "); it was not "
                        + "approved. Check the gateway's identity provider settings.", Reason.NO_LOGIN_FORM,
                        a.status(), where);
            }
            approved = true;
            return post(action, form.submission(null, null, null));
        }

        /**
         * Dex's choice of login backends, shown at its authorization endpoint ({@code .../auth}) instead of a login
         * form when several connectors are configured: its links lead to {@code .../auth/<connector id>}. The
         * configured connector is chosen; without one, the login fails saying which exist.
         */
        private Request connector(Answer a, LoginPage page) throws GatewayLoginException {
            HttpUrl at = a.request().url();
            String path = at.encodedPath();
            if (!path.endsWith("/auth")) {
                return null;
            }
            Map<String, HttpUrl> connectors = new LinkedHashMap<>();
            for (HttpUrl link : page.links()) {
                String p = link.encodedPath();
                String id = p.startsWith(path + "/") ? p.substring(path.length() + 1) : "";
                if (SessionSettings.originOf(link).equals(SessionSettings.originOf(at)) && !id.isEmpty()
                        && !id.contains("/")) {
                    connectors.putIfAbsent(link.pathSegments().get(link.pathSize() - 1), link);
                }
            }
            if (connectors.isEmpty()) {
                return null;
            }
            String where = HttpCalls.where(a.request());
            String wanted = settings.dexConnector();
            if (connectorChosen) {
                throw new GatewayLoginException("Dex showed its choice of connectors again after the connector '"
                        + wanted + "' was chosen (" + where + "). Check that connector's configuration in Dex.",
                        Reason.CONNECTOR_CHOICE, a.status(), where);
            }
            HttpUrl chosen = connectors.get(wanted);
            if (chosen == null) {
                String offered = String.join(", ", connectors.keySet());
                throw new GatewayLoginException((wanted == null
                        ? "Dex offers several ways to log in (connectors " + offered + ") instead of a login form, "
                                + "which the session login cannot choose from (the Seldon SDK's session login fails "
                                + "here too). Set the Dex connector in the server's gateway session settings to the "
                                + "id of the password connector to use (e.g. local), or configure Dex with a single "
                                + "password connector."
                        : "Dex does not offer the connector '" + wanted + "' (it offers " + offered + "). Set the Dex "
                                + "connector in the server's gateway session settings to one of them.")
                        + " (" + where + ")", Reason.CONNECTOR_CHOICE, a.status(), where);
            }
            connectorChosen = true;
            return get(chosen);
        }

        /** No login form was found before the password could be sent. */
        private GatewayLoginException beforeLogin(Answer a, LoginPage page) throws IOException {
            int status = a.status();
            String where = HttpCalls.where(a.request());
            String kind = settings.kind().displayName();
            if (status >= 500) {
                retryAfter = a.headers().get("Retry-After");
                return new GatewayLoginException("The login through " + kind + " failed: " + where + " answered HTTP "
                        + status + shown(page == null ? null : page.errorText()) + ". The gateway or its identity "
                        + "provider may be down or overloaded; check its health.", Reason.GATEWAY_FAILED, status,
                        where);
            }
            if (requests.get() == 1 && page == null && status < 300) {
                return new GatewayLoginException("The API at " + where + " answered HTTP " + status + " without "
                        + "asking to log in: no authenticating gateway is in front of it, or it lets requests "
                        + "through. Choose the authentication the API expects (e.g. an OIDC kind) instead of a gateway "
                        + "session.", Reason.NO_GATEWAY, status, where);
            }
            String what = page != null ? "an HTML page without a login form (a form with a user name and a password "
                    + "field)" : "no login page (content type '" + a.contentType() + "')";
            String hint = page == null && (status == 401 || status == 403)
                    ? " The gateway answered as to an API client although the plugin asked as a browser does "
                            + "(Accept: text/html); configure it to redirect unauthenticated requests to its login "
                            + "page (mod_auth_openidc: OIDCUnAuthAction auth)."
                    : " The plugin fills login forms such as Dex's and Keycloak's; check that the API URL is the one "
                            + "behind the gateway and that the gateway sends unauthenticated browsers to such a page.";
            return new GatewayLoginException("The login through " + kind + " found no login form: " + where
                    + " answered HTTP " + status + " with " + what + shown(page == null ? null : page.errorText())
                    + "." + hint, Reason.NO_LOGIN_FORM, status, where);
        }

        /** The password was sent, and the way back ended without the session cookie. */
        private GatewayLoginException noSession(Answer a, LoginPage page) {
            int status = a.status();
            String where = HttpCalls.where(a.request());
            String ended = " (the login ended at " + where + ", HTTP " + status
                    + shown(page == null ? null : page.errorText()) + ")";
            if (status >= 500) {
                return new GatewayLoginException("The login through " + settings.kind().displayName() + " failed after "
                        + "the user name and password were accepted" + ended + ". Check the health and the logs of "
                        + "the gateway and its identity provider.", Reason.GATEWAY_FAILED, status, where);
            }
            GatewayLoginException elsewhere = sessionElsewhere(a);
            if (elsewhere != null) {
                return elsewhere;
            }
            String provider = SessionSettings.originOf(passwordSentTo);
            if (!returned && SessionSettings.originOf(a.request().url()).equals(provider)) {
                boolean asks = page != null && !page.forms().isEmpty() && status < 400;
                return new GatewayLoginException("The identity provider at " + provider + " did not send the login "
                        + "as " + settings.username() + " back to the gateway" + ended + ". " + (asks
                                ? "It asks for more than a user name and password (e.g. a one-time code, a new "
                                        + "password or terms to accept), which the plugin cannot answer: complete that "
                                        + "once in a browser, or use a user without it."
                                : "Check the identity provider's log and its settings for the gateway's client."),
                        Reason.LOGIN_INCOMPLETE, status, where);
            }
            List<String> names = jar.names();
            return new GatewayLoginException("The login as " + settings.username() + " through "
                    + settings.kind().displayName() + " went through, but the gateway set no session cookie named '"
                    + settings.cookieName() + "' for " + HttpCalls.withoutQuery(sessionUrl) + ended + "; cookies set: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)) + ". Check the session cookie name in the "
                    + "server's gateway session settings" + (settings.kind().defaultCookie() == null ? "."
                            : " (" + settings.kind().displayName() + " uses " + settings.kind().defaultCookie()
                                    + " by default)."),
                    Reason.NO_SESSION_COOKIE, status, where);
        }

        /**
         * The password was sent and the session cookie set, but only for another host than the API URL's: the
         * gateway's public URL (where its identity provider sends the login back) names another host, so the API URL
         * never gets the session and the login seems refused. Null when no session cookie appeared elsewhere.
         */
        private GatewayLoginException sessionElsewhere(Answer a) {
            List<String> domains = sessionDomainsBesidesApi().stream().filter(d -> !sessionDomainsBefore.contains(d))
                    .toList();
            if (domains.isEmpty() || jar.matching(sessionUrl).stream().anyMatch(c -> isSessionCookie(c.name()))) {
                return null;
            }
            String where = HttpCalls.where(a.request());
            return new GatewayLoginException("The login as " + settings.username() + " through "
                    + settings.kind().displayName() + " went through, but the gateway set its session cookie ('"
                    + settings.cookieName() + "') for " + String.join(", ", domains) + ", not for " + sessionUrl.host()
                    + ", the host of the API URL " + HttpCalls.withoutQuery(sessionUrl) + " (the login ended at "
                    + where + ", HTTP " + a.status() + "). The gateway's public URL names another host than the "
                    + "server's API URL: set the API URL to the gateway's public host, or the gateway's public and "
                    + "redirect URLs to the API URL's host.", Reason.SESSION_ELSEWHERE, a.status(), where);
        }

        private List<String> sessionDomainsBesidesApi() {
            return jar.domainsBesides(sessionUrl, SessionAuthenticator.this::isSessionCookie);
        }

        /** The earliest expiry of the session's cookies, and never more than {@link #MAX_REUSE} ahead. */
        private Instant expiry(List<Cookie> cookies) {
            Instant latest = cache.clock().instant().plus(MAX_REUSE);
            Instant earliest = latest;
            for (Cookie c : cookies) {
                if (isSessionCookie(c.name()) && c.persistent()) {
                    Instant e = Instant.ofEpochMilli(c.expiresAt());
                    earliest = e.isBefore(earliest) ? e : earliest;
                }
            }
            return earliest;
        }
    }

    private static boolean isHtml(Answer a) throws IOException {
        String ct = a.contentType();
        return ct.contains("html") || (!ct.contains("json") && a.firstNonSpace() == '<');
    }

    /** The page, through the answer's size cap. */
    private static String text(Answer a) throws IOException {
        String header = a.headers().get("Content-Type");
        MediaType type = header == null ? null : MediaType.parse(header);
        Charset charset = type == null ? null : type.charset(StandardCharsets.UTF_8);
        return new String(a.body().readAllBytes(), charset == null ? StandardCharsets.UTF_8 : charset);
    }

    /**
     * A login page's own error message, for the end of a sentence. Pages show such messages to every visitor; the
     * password is masked all the same, should a page repeat it.
     */
    private String shown(String errorText) {
        return errorText == null ? ""
                : ": \"" + errorText.replace(settings.password().reveal(), "****").replace('"', '\'') + "\"";
    }
}
